#include "keylifecanvas.h"
#include "keylifecanvas_p.h"

#include "playback.h"

#include <QFontMetricsF>
#include <QMouseEvent>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>

namespace idem {

using namespace keylifecanvas;

namespace {

/// The most rows a lane of requests or ledger rows takes before labels give way.
constexpr int maxRows = 3;

/// Rows for items spanning [left, right) in the order given: each in the first row free
/// at its left edge; `rows` gets each one's row, `crowded` whether it had to share one.
int assignRows(const QVector<std::pair<double, double>> &extents, QVector<int> &rows,
               QVector<bool> &crowded)
{
    QVector<double> ends;
    rows.clear();
    crowded.clear();
    for (const auto &[left, right] : extents) {
        int row = 0;
        while (row < ends.size() && ends[row] > left - 6)
            ++row;
        const bool full = row >= maxRows;
        if (full)
            row = int(std::min_element(ends.cbegin(), ends.cend()) - ends.cbegin());
        else if (row == ends.size())
            ends.append(-1e9);
        ends[row] = std::max(ends[row], right);
        rows.append(row);
        crowded.append(full);
    }
    return std::max(1, int(ends.size()));
}

} // namespace

KeyLifeCanvas::KeyLifeCanvas(QQuickItem *parent) : QQuickPaintedItem(parent)
{
    setAcceptedMouseButtons(Qt::LeftButton);
    setAntialiasing(true);
}

void KeyLifeCanvas::setPlayback(Playback *playback)
{
    if (m_playback == playback)
        return;
    if (m_playback)
        disconnect(m_playback, nullptr, this, nullptr);
    m_playback = playback;
    if (m_playback) {
        connect(m_playback, &Playback::runChanged, this, &KeyLifeCanvas::recompute);
        connect(m_playback, &Playback::timeChanged, this, [this] { update(); });
    }
    recompute();
    emit playbackChanged();
}

void KeyLifeCanvas::setKey(const QString &key)
{
    if (m_key == key)
        return;
    m_key = key;
    recompute();
    emit keyChanged();
}

void KeyLifeCanvas::setScope(const QString &scope)
{
    if (m_scope == scope)
        return;
    m_scope = scope;
    recompute();
    emit keyChanged();
}

void KeyLifeCanvas::setDark(bool dark)
{
    if (m_dark == dark)
        return;
    m_dark = dark;
    update();
    emit darkChanged();
}

void KeyLifeCanvas::setTextScale(qreal scale)
{
    if (qFuzzyCompare(m_textScale, scale))
        return;
    m_textScale = scale;
    layout();
    update();
    emit textScaleChanged();
}

qreal KeyLifeCanvas::neededHeight() const
{
    // A line of text a place; a line per row of requests and of ledger rows; the axis: at
    // the text size asked for, before any fitting.
    QFont natural = font(true);
    natural.setPixelSize(std::max(8, int(std::lround(12 * m_textScale))));
    const double line = QFontMetricsF(natural).height() * 1.5;
    return std::ceil((3 + m_requestRowCount + m_chargeRowCount) * line + line * 1.2);
}

void KeyLifeCanvas::recompute()
{
    const RunResult *run = m_playback ? m_playback->run() : nullptr;
    m_life = run && !m_key.isEmpty() ? keyLifeOf(*run, m_key, m_scope) : KeyLife{};
    layout();
    update();
    emit lifeChanged();
}

void KeyLifeCanvas::geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry)
{
    QQuickPaintedItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
        layout();
}

QFont KeyLifeCanvas::font(bool bold) const
{
    QFont f;
    f.setPixelSize(std::max(8, int(std::lround(12 * m_textScale * m_fit))));
    f.setBold(bold);
    return f;
}

QString KeyLifeCanvas::requestText(const KeyRequest &request) const
{
    if (request.timedOut)
        return tr("%1 → gave up waiting").arg(request.label);
    return request.status > 0 ? tr("%1 → %2").arg(request.label).arg(request.status)
                              : tr("%1 → no answer").arg(request.label);
}

QString KeyLifeCanvas::chargeText(const KeyCharge &charge) const
{
    if (charge.replica)
        return tr("%1 copied to DB %2").arg(charge.id, clusterName(charge.cluster));
    return charge.duplicate ? tr("%1 · double charge").arg(charge.id) : charge.id;
}

void KeyLifeCanvas::layout()
{
    const double oldNeeded = neededHeight();
    // Shorter than the lanes need at the text size asked for: the text is set smaller
    // (to half at most) rather than the lanes overlap.
    m_fit = 1;
    arrange();
    const double needed = neededHeight();
    if (height() > 0 && height() < needed) {
        m_fit = std::max(0.5, height() / needed);
        arrange();
    }
    if (!qFuzzyCompare(oldNeeded, neededHeight()))
        emit neededHeightChanged();
}

void KeyLifeCanvas::arrange()
{
    const QFontMetricsF bold(font(true));
    const QFontMetricsF plain(font());
    m_labelWidth = 0;
    for (int lane = 0; lane < laneCount; ++lane)
        m_labelWidth = std::max(m_labelWidth, bold.horizontalAdvance(laneName(lane)));
    m_labelWidth = std::ceil(m_labelWidth + bold.height());
    const double axisHeight = std::ceil(bold.height() * 1.8);
    m_plot = QRectF(m_labelWidth, 0, std::max(10.0, width() - m_labelWidth - bold.height()),
                    std::max(0.0, height() - axisHeight));
    const RunResult *run = m_playback ? m_playback->run() : nullptr;
    m_axis.reset();
    if (run) {
        TimelineAxis::Labels labels;
        labels.charWidth = plain.averageCharWidth();
        labels.minX = 0; // tick labels stay inside the canvas
        labels.maxX = width() - 2;
        m_axis.emplace(TimelineAxis::momentsOf(*run), m_plot.left(), m_plot.width(), labels);
    }
    const auto x = [this](qint64 t) { return m_axis ? m_axis->x(t) : m_plot.left(); };
    // Requests and ledger rows that would overlap (with their labels) take rows of their own.
    QVector<std::pair<double, double>> extents;
    for (const KeyRequest &q : m_life.requests) {
        const double x0 = x(q.sentUs);
        const double x1 = std::max(x0 + 4, x(requestEndUs(q, m_life.endUs)));
        const double w = plain.horizontalAdvance(requestText(q));
        const double at = labelLeft(x0, x1, w, m_plot.left(), m_plot.right());
        extents.append({std::min(x0, at) - 4, std::max(x1, at + w) + 4});
    }
    m_requestRowCount = assignRows(extents, m_requestRows, m_requestCrowded);
    extents.clear();
    for (const KeyCharge &charge : m_life.charges) {
        const double x0 = x(charge.atUs);
        const double w =
            QFontMetricsF(font(charge.duplicate)).horizontalAdvance(chargeText(charge));
        const double reach = 6.0 * m_textScale + 3; // the diamond and a gap
        const double at = labelLeft(x0 - reach, x0 + reach, w, m_plot.left(), width() - 2);
        extents.append({std::min(x0 - reach, at), std::max(x0 + reach, at + w)});
    }
    m_chargeRowCount = assignRows(extents, m_chargeRows, m_chargeCrowded);
    // The places a line each, the requests and ledger rows a line a row, shared out.
    const double units[laneCount] = {1, 1, 1, 0.8 * m_requestRowCount + 0.2,
                                     0.8 * m_chargeRowCount + 0.2};
    const double total = std::accumulate(std::begin(units), std::end(units), 0.0);
    m_laneTops = {0};
    for (const double u : units)
        m_laneTops.append(m_laneTops.constLast() + m_plot.height() * u / total);
}

QRectF KeyLifeCanvas::laneRect(int lane) const
{
    if (lane < 0 || lane + 1 >= m_laneTops.size())
        return {};
    return QRectF(m_plot.left(), m_laneTops[lane], m_plot.width(),
                  m_laneTops[lane + 1] - m_laneTops[lane]);
}

double KeyLifeCanvas::xForTime(double timeUs) const
{
    return m_axis ? m_axis->x(qint64(std::llround(timeUs))) : m_plot.left();
}

void KeyLifeCanvas::mousePressEvent(QMouseEvent *event)
{
    if (!m_playback || !m_axis || event->position().x() < m_plot.left()) {
        event->ignore();
        return;
    }
    m_playback->seek(m_axis->time(event->position().x()));
    event->accept();
}

} // namespace idem
