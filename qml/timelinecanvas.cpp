#include "timelinecanvas.h"
#include "timelinecanvas_p.h"

#include "export/palette.h"
#include "playback.h"
#include "timeline/timelineaxis.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QHoverEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPolygonF>
#include <QTransform>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace idem {

using namespace canvas;

TimelineCanvas::TimelineCanvas(QQuickItem *parent) : QQuickPaintedItem(parent)
{
    setAcceptHoverEvents(true);
    setAcceptedMouseButtons(Qt::LeftButton);
    setOpaquePainting(true);
    setAntialiasing(true);
}

TimelineCanvas::~TimelineCanvas() = default;

void TimelineCanvas::setPlayback(Playback *playback)
{
    if (playback == m_playback)
        return;
    if (m_playback)
        disconnect(m_playback, nullptr, this, nullptr);
    m_playback = playback;
    if (playback) {
        connect(playback, &Playback::runChanged, this, &TimelineCanvas::invalidate);
        connect(playback, &Playback::timeChanged, this, [this] { update(); });
        connect(playback, &Playback::highlightedEventChanged, this, [this] { update(); });
        connect(playback, &QObject::destroyed, this, &TimelineCanvas::invalidate);
    }
    invalidate();
    emit playbackChanged();
}

void TimelineCanvas::setDark(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    m_layersValid = false;
    update();
    emit darkChanged();
}

void TimelineCanvas::setTextScale(qreal scale)
{
    scale = std::clamp<qreal>(scale, 0.5, 4.0);
    if (qFuzzyCompare(scale, m_textScale))
        return;
    m_textScale = scale;
    invalidate(); // the label column and the axis row change size
    emit textScaleChanged();
}

void TimelineCanvas::setMarkUs(double markUs)
{
    if (markUs == m_markUs)
        return;
    m_markUs = markUs;
    update();
    emit markUsChanged();
}

void TimelineCanvas::setLanes(const QList<int> &lanes)
{
    if (lanes == m_lanes)
        return;
    m_lanes = lanes;
    invalidate();
    emit lanesChanged();
}

QVector<bool> TimelineCanvas::drawnLanes(const RunResult &run) const
{
    QVector<bool> drawn(run.nodes.size(), m_lanes.isEmpty());
    for (const int node : m_lanes)
        if (node >= 0 && node < drawn.size())
            drawn[node] = true;
    if (!drawn.contains(true))
        drawn.fill(true); // none of these nodes is in this run: rather every lane than none
    return drawn;
}

void TimelineCanvas::invalidate()
{
    m_geo.valid = false;
    m_layersValid = false;
    const RunResult *run = m_playback ? m_playback->run() : nullptr;
    const int lanes = run ? int(drawnLanes(*run).count(true)) : 0;
    if (lanes != m_laneCount) {
        m_laneCount = lanes;
        emit laneCountChanged();
    }
    ++m_layoutRevision;
    emit layoutChanged();
    update();
}

void TimelineCanvas::geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry)
{
    QQuickPaintedItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
        invalidate();
}

TimelineCanvas::Colours TimelineCanvas::colours() const
{
    // The palette Theme.qml reads, so the canvas matches the rest of the window.
    const Palette &p = Palette::of(m_dark);
    Colours c;
    c.background = QColor(p.panel);
    c.text = QColor(p.text);
    c.muted = QColor(p.mutedText);
    c.lane = QColor(p.border);
    c.band = QColor(p.band);
    c.playhead = c.text;
    c.halo = QColor(p.halo);
    c.halo.setAlphaF(m_dark ? 0.45f : 0.55f);
    c.anomaly = QColor(p.anomaly);
    c.mark = QColor(p.accentText);
    const QColor request(p.request);
    c.style[int(Style::Request)] = request;
    c.style[int(Style::Status200)] = QColor(p.status200);
    c.style[int(Style::Status201)] = QColor(p.status201);
    c.style[int(Style::Status400)] = QColor(p.status400);
    c.style[int(Style::Status409)] = QColor(p.status409);
    c.style[int(Style::Status422)] = QColor(p.status422);
    c.style[int(Style::StatusOther)] = QColor(p.statusOther);
    c.style[int(Style::Query)] = request;
    c.style[int(Style::Result)] = c.muted;
    c.style[int(Style::Replicate)] = QColor(p.replicate);
    c.style[int(Style::Conflict)] = QColor(p.conflict);
    return c;
}

int TimelineCanvas::labelPixelSize() const
{
    return std::max(6, int(std::lround(12 * m_textScale)));
}

QFont TimelineCanvas::labelFont() const
{
    QFont f;
    f.setPixelSize(m_geo.labelPixelSize > 0 ? m_geo.labelPixelSize : labelPixelSize());
    return f;
}

QFont TimelineCanvas::tickFont() const
{
    QFont f;
    f.setPixelSize(std::max(6, int(std::lround(12 * m_textScale))));
    return f;
}

// ----------------------------------------------------------------------------- picking

int TimelineCanvas::eventAt(QPointF point) const
{
    ensureGeometry();
    int best = -1;
    double bestDistance = pickRadius;
    auto consider = [&](double d, int event) {
        if (d < bestDistance) {
            bestDistance = d;
            best = event;
        }
    };
    for (const Marker &m : m_geo.markers) // markers are small targets: a little bonus
        consider(std::hypot(point.x() - m.pos.x(), point.y() - m.pos.y()) - 2, m.event);
    for (const Segment &s : m_geo.segments)
        consider(distanceToSegment(point, s.line), s.event);
    for (const Bar &b : m_geo.bars) // behind the arrows that end on the same lane
        consider(distanceToSegment(point, QLineF(b.x0, b.y, b.x1, b.y)) + 3, b.event);
    return best;
}

bool TimelineCanvas::drawingOf(int event, QVector<Segment> &legs, QVector<Marker> &markers) const
{
    ensureGeometry();
    const RunResult *run = m_playback ? m_playback->run() : nullptr;
    if (!run || event < 0 || event >= run->events.size() || m_geo.laneYs.isEmpty())
        return false;
    appendEvent(*run, m_geo, event, legs, markers);
    return true;
}

QPointF TimelineCanvas::eventAnchor(int event) const
{
    QVector<Segment> legs;
    QVector<Marker> markers;
    if (!drawingOf(event, legs, markers))
        return {};
    if (!legs.isEmpty())
        return legs.first().line.center();
    if (!markers.isEmpty())
        return markers.first().pos;
    for (const Bar &b : m_geo.bars)
        if (b.event == event)
            return QPointF((b.x0 + b.x1) / 2, b.y);
    return {};
}

QString TimelineCanvas::markOf(int event) const
{
    QVector<Segment> legs;
    QVector<Marker> markers;
    if (!drawingOf(event, legs, markers) || markers.isEmpty())
        return {};
    static const char *const names[markerKinds] = {"anomaly", "timeout", "fault",   "takeover",
                                                   "fenced",  "reaped",  "recovery"};
    return QString::fromLatin1(names[int(markers.first().kind)]);
}

void TimelineCanvas::mousePressEvent(QMouseEvent *event)
{
    if (!m_playback || event->button() != Qt::LeftButton) {
        event->ignore();
        return;
    }
    const int hit = eventAt(event->position());
    if (hit >= 0) {
        m_playback->seekToEvent(hit);
        event->accept();
        return;
    }
    // Anywhere else over the lanes or the axis scrubs the playhead.
    const QRectF plot = plotArea();
    if (plot.width() > 0 && event->position().x() >= plot.left() - 4 &&
        event->position().x() <= plot.right() + 4) {
        m_scrubbing = true;
        m_playback->seek(std::min(timeForX(event->position().x()), m_playback->endUs()));
        event->accept();
        return;
    }
    event->ignore();
}

void TimelineCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const QRectF plot = plotArea();
    if (!m_scrubbing || !m_playback || plot.width() <= 0)
        return;
    // On the canvas's own axis, which may go on past the run's end (roomAfterEnd).
    m_playback->seek(std::min(timeForX(event->position().x()), m_playback->endUs()));
}

void TimelineCanvas::mouseReleaseEvent(QMouseEvent *)
{
    m_scrubbing = false;
}

void TimelineCanvas::mouseUngrabEvent()
{
    m_scrubbing = false;
}

void TimelineCanvas::hoverMoveEvent(QHoverEvent *event)
{
    if (!m_playback)
        return;
    const int hit = eventAt(event->position());
    setCursor(QCursor(hit >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor));
    m_playback->setHighlightedEvent(hit);
}

void TimelineCanvas::hoverLeaveEvent(QHoverEvent *)
{
    unsetCursor();
    if (m_playback)
        m_playback->setHighlightedEvent(-1);
}

} // namespace idem
