#include "keylifecanvas.h"

#include "export/palette.h"
#include "playback.h"
#include "timeline/durationtext.h"

#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>
#include <QPolygonF>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>

namespace idem {

namespace {

constexpr int laneCount = 5; // DB A, DB B, the cache, the requests, the ledger rows

QString laneName(int lane)
{
    switch (lane) {
    case 0:
        return KeyLifeCanvas::tr("DB A");
    case 1:
        return KeyLifeCanvas::tr("DB B");
    case 2:
        return KeyLifeCanvas::tr("Shared cache");
    case 3:
        return KeyLifeCanvas::tr("Requests");
    default:
        return KeyLifeCanvas::tr("Ledger rows");
    }
}

/// What a bar says: the state, then what sets it apart ("CONSUMED · copy · gen 2").
QString spanText(const KeySpan &s)
{
    QStringList parts{s.status == QLatin1String("expired") ? KeyLifeCanvas::tr("expired (reaped)")
                                                           : s.status};
    if (s.replica)
        parts << KeyLifeCanvas::tr("replicated");
    if (s.generation > 1)
        parts << KeyLifeCanvas::tr("gen %1").arg(s.generation);
    switch (s.mark) {
    case KeyMark::TakenOver:
        parts << KeyLifeCanvas::tr("taken over");
        break;
    case KeyMark::Fenced:
        parts << KeyLifeCanvas::tr("a stale write refused");
        break;
    case KeyMark::ClaimedAfterExpiry:
        parts << KeyLifeCanvas::tr("claimed again after expiry");
        break;
    default:
        break;
    }
    return parts.join(QStringLiteral(" · "));
}

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

/// Where a request's line ends: its answer, the moment its client gave up, or the run's end.
static qint64 requestEndUs(const KeyRequest &q, qint64 runEndUs)
{
    return q.receivedUs >= 0 ? q.receivedUs : q.gaveUpUs >= 0 ? q.gaveUpUs : runEndUs;
}

/// Where a label of width `w` goes beside the span [x0, x1] inside [left, right]: after it,
/// else before it, else on the span just after its start.
static double labelLeft(double x0, double x1, double w, double left, double right)
{
    if (x1 + 4 + w <= right)
        return x1 + 4;
    if (x0 - 4 - w >= left)
        return x0 - 4 - w;
    return std::min(x0 + 8, right - w);
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

void KeyLifeCanvas::paint(QPainter *painter)
{
    QPainter &p = *painter;
    const Palette &c = Palette::of(m_dark);
    p.fillRect(QRectF(0, 0, width(), height()), QColor(c.panel));
    if (!m_axis || m_key.isEmpty())
        return;
    // The lanes, banded, each with its name.
    for (int lane = 0; lane < laneCount; ++lane) {
        const QRectF r(0, m_laneTops[lane], width(), m_laneTops[lane + 1] - m_laneTops[lane]);
        if (lane % 2 == 0)
            p.fillRect(r, QColor(c.panelAlt));
        p.setPen(QColor(c.border));
        p.drawLine(QPointF(0, r.bottom()), QPointF(width(), r.bottom()));
        p.setFont(font(true));
        p.setPen(QColor(lane < 3 ? c.text : c.mutedText));
        p.drawText(QRectF(4, r.top(), m_labelWidth - 8, r.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, laneName(lane));
    }
    for (int lane = 0; lane < 3; ++lane)
        paintSpans(p, lane);
    paintRequests(p);
    paintCharges(p);
    paintAxis(p);
    // The playhead.
    if (m_playback) {
        const double x = xForTime(m_playback->timeUs());
        p.setPen(QPen(QColor(c.accent), 2));
        p.drawLine(QPointF(x, 0), QPointF(x, m_plot.bottom()));
    }
}

void KeyLifeCanvas::paintSpans(QPainter &p, int lane) const
{
    const Palette &c = Palette::of(m_dark);
    const QRectF r = laneRect(lane);
    const double mid = r.center().y();
    // No row: a hairline through the lane.
    p.setPen(QPen(QColor(c.border), 1, Qt::DotLine));
    p.drawLine(QPointF(r.left(), mid), QPointF(r.right(), mid));
    p.setFont(font(true));
    const QFontMetricsF fm(p.font());
    const double barHeight = std::min(r.height() * 0.72, fm.height() * 1.35);
    for (const KeySpan &s : m_life.lanes.value(lane).spans) {
        if (s.status.isEmpty())
            continue;
        const double x0 = xForTime(double(s.fromUs));
        const double x1 = std::max(x0 + 3, xForTime(double(s.toUs)));
        const QRectF bar(x0, mid - barHeight / 2, x1 - x0, barHeight);
        const bool expired = s.status == QLatin1String("expired");
        const bool created = s.status == QLatin1String("CREATED");
        QColor fill(expired ? c.panel : created ? c.created : c.consumed);
        if (s.replica)
            fill.setAlphaF(0.55f);
        p.setPen(expired ? QPen(QColor(c.strongBorder), 1, Qt::DashLine) : QPen(Qt::NoPen));
        p.setBrush(fill);
        p.drawRoundedRect(bar, 3, 3);
        const QColor text(expired     ? c.mutedText
                          : s.replica ? c.text
                          : created   ? c.createdText
                                      : c.onColour);
        const QString words = fm.elidedText(spanText(s), Qt::ElideRight, bar.width() - 8);
        if (words.size() > 2) {
            p.setPen(text);
            p.drawText(bar.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter, words);
        }
    }
}

void KeyLifeCanvas::paintRequests(QPainter &p) const
{
    const Palette &c = Palette::of(m_dark);
    const QRectF r = laneRect(3);
    p.setFont(font());
    const QFontMetricsF fm(p.font());
    for (int i = 0; i < m_life.requests.size(); ++i) {
        const KeyRequest &q = m_life.requests[i];
        const double x0 = xForTime(double(q.sentUs));
        const double x1 = std::max(x0 + 4, xForTime(double(requestEndUs(q, m_life.endUs))));
        const double y = r.top() + r.height() * (m_requestRows[i] + 0.5) / m_requestRowCount;
        const QColor colour(q.status > 0 ? QColor(c.statusColor(q.status)) : QColor(c.request));
        p.setPen(QPen(colour, 2.5, q.receivedUs >= 0 ? Qt::SolidLine : Qt::DashLine, Qt::RoundCap));
        p.drawLine(QPointF(x0, y), QPointF(x1, y));
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawEllipse(QPointF(x0, y), 3, 3);
        if (m_requestCrowded[i])
            continue;
        const QString label = requestText(q);
        const double w = fm.horizontalAdvance(label);
        const double at = labelLeft(x0, x1, w, r.left(), r.right());
        const QRectF box(at, y - fm.height() / 2, w + 1, fm.height());
        if (at > x0 && at < x1) // on its own line: cut the line under the words
            p.fillRect(box.adjusted(-2, 0, 2, 0), QColor(c.panel));
        p.setPen(QColor(c.text));
        p.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, label);
    }
}

void KeyLifeCanvas::paintCharges(QPainter &p) const
{
    const Palette &c = Palette::of(m_dark);
    const QRectF r = laneRect(4);
    for (int i = 0; i < m_life.charges.size(); ++i) {
        const KeyCharge &charge = m_life.charges[i];
        const double mid = r.top() + r.height() * (m_chargeRows[i] + 0.5) / m_chargeRowCount;
        const double size = std::min(r.height() / m_chargeRowCount * 0.3, 6.0 * m_textScale);
        const double x = xForTime(double(charge.atUs));
        QColor colour(charge.duplicate ? c.anomaly : c.consumed);
        if (charge.replica)
            colour.setAlphaF(0.55f);
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawPolygon(
            QPolygonF{{x, mid - size}, {x + size, mid}, {x, mid + size}, {x - size, mid}});
        if (m_chargeCrowded[i])
            continue;
        p.setFont(font(charge.duplicate));
        const QFontMetricsF fm(p.font());
        const QString label = chargeText(charge);
        const double w = fm.horizontalAdvance(label);
        const double at = labelLeft(x - size - 3, x + size + 3, w, r.left(), width() - 2);
        p.setPen(QColor(charge.duplicate ? c.anomalyText : charge.replica ? c.mutedText : c.text));
        p.drawText(QRectF(at, mid - fm.height() / 2, w + 1, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, label);
    }
}

void KeyLifeCanvas::paintAxis(QPainter &p) const
{
    const Palette &c = Palette::of(m_dark);
    const double base = m_plot.bottom();
    p.setFont(font());
    const QFontMetricsF fm(p.font());
    p.setPen(QColor(c.mutedText));
    p.drawLine(QPointF(m_plot.left(), base), QPointF(m_plot.right(), base));
    const double textY = base + 3;
    for (const TimelineAxis::Gap &g : m_axis->gaps()) {
        p.setPen(QPen(QColor(c.mutedText), 1, Qt::DotLine));
        p.drawLine(QPointF(g.x, 0), QPointF(g.x, base));
        if (!g.labelled)
            continue;
        const QString text = durationText(g.duration, DurationUnit::Gap);
        const double w = fm.horizontalAdvance(text);
        p.setPen(QColor(c.mutedText));
        p.drawText(QRectF(g.x - w / 2, textY, w + 1, fm.height()), Qt::AlignCenter, text);
    }
    for (const TimelineAxis::Tick &t : m_axis->ticks()) {
        const double w = fm.horizontalAdvance(t.text);
        p.setPen(QColor(t.major ? c.mutedText : c.border));
        p.drawLine(QPointF(t.x, base), QPointF(t.x, base + 3));
        p.setPen(QColor(t.major ? c.text : c.mutedText));
        p.drawText(QRectF(t.x - w / 2, textY, w + 1, fm.height()), Qt::AlignCenter, t.text);
    }
}

} // namespace idem
