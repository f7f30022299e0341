#include "timelinecanvas.h"
#include "timelinecanvas_p.h"

#include "playback.h"
#include "sim/eventtext.h"
#include "timeline/timelineaxis.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QHoverEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPolygonF>

#include <QTransform>
#include <optional>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace idem {

using namespace canvas;

// ----------------------------------------------------------------------------- geometry

double TimelineCanvas::labelLeft(double x, double textWidth) const
{
    // Centred under its tick, but never cut by the item's edges.
    return std::clamp(x - textWidth / 2, 2.0, std::max(2.0, width() - textWidth - 2));
}

QRectF TimelineCanvas::plotArea() const
{
    ensureGeometry();
    return m_geo.plot;
}

double TimelineCanvas::xForTime(double timeUs) const
{
    ensureGeometry();
    return axisX(m_geo, timeUs);
}

double TimelineCanvas::timeForX(double x) const
{
    ensureGeometry();
    return m_geo.axis ? m_geo.axis->time(x) : 0.0;
}

double TimelineCanvas::axisX(const Geometry &g, double timeUs) const
{
    if (!g.axis)
        return g.plot.left();
    return g.axis->x(qint64(std::llround(timeUs)));
}

void TimelineCanvas::setRoomAfterEnd(bool room)
{
    if (m_roomAfterEnd == room)
        return;
    m_roomAfterEnd = room;
    invalidate();
    update();
    emit roomAfterEndChanged();
}

void TimelineCanvas::beginDrag()
{
    ensureGeometry();
    m_dragAxis = m_geo.axis;
}

double TimelineCanvas::dragTimeForX(double x) const
{
    const std::optional<TimelineAxis> &axis = m_dragAxis ? m_dragAxis : m_geo.axis;
    if (!axis)
        return 0.0;
    const QVector<qint64> &times = axis->times();
    const double right = axis->x(times.last());
    if (x <= right || times.size() < 2)
        return axis->time(x);
    const qint64 before = times[times.size() - 2];
    const double span = right - axis->x(before);
    const double usPerPx = span > 0 ? double(times.last() - before) / span : 0.0;
    return double(times.last()) + (x - right) * usPerPx;
}

double TimelineCanvas::laneY(int node) const
{
    ensureGeometry();
    return m_geo.laneYs.value(node, -1);
}

void TimelineCanvas::ensureGeometry() const
{
    if (!m_geo.valid)
        buildGeometry(m_geo);
}

void TimelineCanvas::buildGeometry(Geometry &g) const
{
    g = Geometry{};
    g.valid = true;
    const RunResult *run = m_playback ? m_playback->run() : nullptr;
    if (!run || run->nodes.isEmpty() || width() < 60 || height() < 40)
        return;

    const QFontMetricsF ticks(tickFont());
    const double axisHeight = ticks.height() + 10;
    const double top = 10; // room for the playhead's handle
    const double plotHeight = height() - top - axisHeight;
    g.laneDrawn = drawnLanes(*run);
    const int laneCount = int(g.laneDrawn.count(true));
    g.laneSpacing = plotHeight / double(laneCount);
    // The window gives the panel a line of text a lane; should it be shorter still, the
    // labels shrink rather than leave lanes unnamed.
    g.labelPixelSize = std::clamp(int(g.laneSpacing / 1.2), 6, labelPixelSize());
    const QFontMetricsF labels(labelFont());
    double widest = 0;
    for (int i = 0; i < run->nodes.size(); ++i)
        if (g.laneDrawn[i])
            widest = std::max(widest, labels.horizontalAdvance(run->nodes[i].name));
    g.labelWidth = std::min(widest + 18, width() * 0.3);
    g.plot = QRectF(g.labelWidth + 6, top, width() - g.labelWidth - 6 - 16, plotHeight);
    // A node without a lane sits on the next lane drawn (the last one past the end): nothing of
    // its own is drawn there, as lanes() leaves out only nodes no event of the run is on.
    g.laneYs.resize(run->nodes.size());
    int slot = laneCount;
    for (int i = int(run->nodes.size()) - 1; i >= 0; --i) {
        if (g.laneDrawn[i])
            --slot;
        g.laneYs[i] = g.plot.top() + (std::min(slot, laneCount - 1) + 0.5) * g.laneSpacing;
    }
    // The playback's axis (the scrub bar's) on these pixels, with labels that fit.
    const QFontMetricsF tickMetrics(tickFont());
    TimelineAxis::Labels tickLabels;
    tickLabels.charWidth = tickMetrics.horizontalAdvance(QStringLiteral("00000.5 ms")) / 10;
    tickLabels.unit = DurationUnit::Auto;
    tickLabels.minX = 2;
    tickLabels.maxX = width() - 2;
    QVector<qint64> moments = m_playback->axis().times();
    if (m_roomAfterEnd && !moments.isEmpty())
        moments.append(moments.last() + std::max<qint64>(1'000'000, moments.last()));
    g.axis.emplace(moments, g.plot.left(), g.plot.width(), tickLabels);

    // Thousands of events pile up on a few hundred pixels: a leg that lands on the pixels of
    // one already drawn in the same style adds nothing but paint time.
    std::unordered_set<quint64> seen;
    seen.reserve(size_t(run->events.size()) * 2);
    auto keyOf = [](const Segment &s) {
        auto q = [](double v, int bits) {
            return quint64(std::clamp<qint64>(std::llround(v), 0, (qint64(1) << bits) - 1));
        };
        return q(s.line.x1(), 15) | q(s.line.y1(), 13) << 15 | q(s.line.x2(), 15) << 28 |
               q(s.line.y2(), 13) << 43 | quint64(s.style) << 56 | quint64(s.head) << 61;
    };
    QVector<Segment> legs;
    g.segments.reserve(run->events.size());
    for (int i = 0; i < run->events.size(); ++i) {
        legs.clear();
        appendEvent(*run, g, i, legs, g.markers);
        for (const Segment &s : legs)
            if (seen.insert(keyOf(s)).second)
                g.segments.append(s);
    }
    // Markers too: a hundred duplicate effects at one pixel are one diamond.
    std::unordered_set<quint64> seenMarkers;
    g.markers.erase(std::remove_if(g.markers.begin(), g.markers.end(),
                                   [&](const Marker &m) {
                                       const quint64 key = quint64(std::llround(m.pos.x())) << 24 |
                                                           quint64(std::llround(m.pos.y())) << 4 |
                                                           quint64(m.kind);
                                       return !seenMarkers.insert(key).second;
                                   }),
                    g.markers.end());
    buildBars(*run, g);
}

void TimelineCanvas::appendEvent(const RunResult &run, const Geometry &g, int index,
                                 QVector<Segment> &segments, QVector<Marker> &markers) const
{
    const Event &e = run.events[index];
    const int nodes = int(g.laneYs.size());
    const bool hasFrom = e.from >= 0 && e.from < nodes;
    const bool hasTo = e.to >= 0 && e.to < nodes;
    auto x = [&](qint64 t) { return axisX(g, double(t)); };
    auto leg = [&](int a, qint64 ta, int b, qint64 tb, Style style) {
        Segment s;
        s.line = QLineF(x(ta), g.laneYs[a], x(tb), g.laneYs[b]);
        s.event = index;
        s.style = style;
        segments.append(s);
    };
    auto statusStyle = [](int status) {
        switch (status) {
        case 0:
            return Style::Request;
        case 200:
            return Style::Status200;
        case 201:
            return Style::Status201;
        case 400:
            return Style::Status400;
        case 409:
            return Style::Status409;
        case 422:
            return Style::Status422;
        default:
            return Style::StatusOther;
        }
    };

    switch (e.type) {
    case EventType::Send: {
        if (!hasFrom || !hasTo || e.startUs < 0 || e.endUs < e.startUs)
            return;
        if (!e.lost) {
            leg(e.from, e.startUs, e.to, e.endUs, statusStyle(e.status));
            return;
        }
        // Travels half way, then is lost: the leg stops where its fault event puts a ✕.
        const qint64 mid = e.startUs + (e.endUs - e.startUs) / 2;
        Segment s;
        s.line =
            QLineF(x(e.startUs), g.laneYs[e.from], x(mid), (g.laneYs[e.from] + g.laneYs[e.to]) / 2);
        s.event = index;
        s.style = statusStyle(e.status);
        s.head = false;
        segments.append(s);
        return;
    }
    case EventType::DbRead:
    case EventType::DbWrite:
    case EventType::CacheOp:
        if (e.type == EventType::DbWrite && hasTo) {
            // A takeover, a fenced write and a reap are marked on the DB's lane.
            const std::optional<MarkerKind> kind =
                e.label.startsWith(QLatin1String("TAKEOVER ")) && !e.state.isEmpty()
                    ? std::optional(MarkerKind::TakeOver)
                : e.label.startsWith(QLatin1String("FENCED ")) ? std::optional(MarkerKind::Fenced)
                : e.label.startsWith(QLatin1String("REAP "))   ? std::optional(MarkerKind::Reaped)
                                                               : std::nullopt;
            if (kind)
                markers.append({QPointF(x(e.t), g.laneYs[e.to]), e.t, index, *kind});
        }
        if (!hasFrom || !hasTo || e.startUs < 0 || e.endUs < e.t)
            return;
        leg(e.from, e.startUs, e.to, e.t, Style::Query);
        leg(e.to, e.t, e.from, e.endUs, Style::Result);
        return;
    case EventType::Replicate:
    case EventType::Conflict:
        if (!hasFrom || !hasTo || e.startUs < 0)
            return;
        leg(e.from, e.startUs, e.to, e.t,
            e.type == EventType::Replicate ? Style::Replicate : Style::Conflict);
        return;
    case EventType::Anomaly: {
        const int lane = hasFrom ? e.from : hasTo ? e.to : -1;
        if (lane >= 0)
            markers.append({QPointF(x(e.t), g.laneYs[lane]), e.t, index, MarkerKind::Anomaly});
        return;
    }
    case EventType::Timeout:
        if (hasFrom)
            markers.append({QPointF(x(e.t), g.laneYs[e.from]), e.t, index, MarkerKind::Timeout});
        return;
    case EventType::Fault:
        // Back up (RESTART, CACHE UP, HEALED) is no fault: a calm mark of its own.
        if (hasFrom && e.state == eventtext::upState())
            markers.append({QPointF(x(e.t), g.laneYs[e.from]), e.t, index, MarkerKind::Recovery});
        else if (hasFrom && hasTo && e.startUs >= 0) // a message lost half way
            markers.append({QPointF(x(e.t), (g.laneYs[e.from] + g.laneYs[e.to]) / 2), e.t, index,
                            MarkerKind::Fault});
        else if (hasFrom)
            markers.append({QPointF(x(e.t), g.laneYs[e.from]), e.t, index, MarkerKind::Fault});
        return;
    default:
        return;
    }
}

void TimelineCanvas::buildBars(const RunResult &run, Geometry &g) const
{
    auto x = [&](qint64 t) { return axisX(g, double(t)); };
    struct Open
    {
        int event;
        qint64 t;
    };
    // Keyed by (kind, server node, request): each request holds one of each at most.
    std::unordered_map<quint64, Open> open;
    auto keyOf = [](BarKind kind, int node, int request) {
        return quint64(kind) << 56 | quint64(quint32(node)) << 24 | quint64(quint32(request));
    };
    auto close = [&](BarKind kind, const Event &e, qint64 t) {
        const auto it = open.find(keyOf(kind, e.from, e.request));
        if (it == open.end())
            return;
        const Event &start = run.events[it->second.event];
        g.bars.append({x(it->second.t), x(t), g.laneYs[start.from], it->second.event, kind});
        open.erase(it);
    };
    for (int i = 0; i < run.events.size(); ++i) {
        const Event &e = run.events[i];
        if (e.from < 0 || e.from >= g.laneYs.size() || e.request < 0)
            continue;
        switch (e.type) {
        case EventType::OpStart:
            open[keyOf(BarKind::Operation, e.from, e.request)] = {i, e.t};
            break;
        case EventType::OpEnd:
            close(BarKind::Operation, e, e.t);
            break;
        case EventType::LockWait:
            open[keyOf(BarKind::LockWait, e.from, e.request)] = {i, e.t};
            break;
        case EventType::LockAcquire:
            close(BarKind::LockWait, e, e.t);
            open[keyOf(BarKind::LockHeld, e.from, e.request)] = {i, e.t};
            break;
        case EventType::LockRelease:
            close(BarKind::LockHeld, e, e.t);
            break;
        default:
            break;
        }
    }
    // Whatever is still open (a crash, the end of the run) runs to the end.
    for (const auto &[key, o] : open) {
        const Event &start = run.events[o.event];
        g.bars.append({x(o.t), x(run.endUs), g.laneYs[start.from], o.event, BarKind(key >> 56)});
    }
}

} // namespace idem
