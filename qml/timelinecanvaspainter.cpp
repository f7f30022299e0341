#include "timelinecanvas.h"
#include "timelinecanvas_p.h"

#include "captiontext.h"

#include "simulationcontroller.h"
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

// ----------------------------------------------------------------------------- painting

void TimelineCanvas::paint(QPainter *p)
{
    const Colours c = colours();
    ensureGeometry();
    if (m_geo.laneYs.isEmpty()) {
        p->fillRect(QRectF(0, 0, width(), height()), c.background);
        return;
    }
    ensureLayers(c, p->deviceTransform().m11());
    const qint64 now = qint64(m_controller->timeUs());
    // A pixel of slack so an arrow that starts right at the playhead is not cut lengthwise.
    const double split = std::clamp(std::round(xForTime(double(now))) + 1, 0.0, width());
    p->save();
    p->setClipRect(QRectF(0, 0, split, height()));
    p->drawImage(QPointF(0, 0), m_played);
    p->setClipRect(QRectF(split, 0, width() - split, height()));
    p->drawImage(QPointF(0, 0), m_unplayed);
    p->restore();
    p->setRenderHint(QPainter::Antialiasing, true);
    p->setRenderHint(QPainter::TextAntialiasing, true);
    drawMarkers(p, now);
    drawPlayhead(p, c, now);
    drawHighlight(p, c);
}

void TimelineCanvas::ensureLayers(const Colours &c, qreal scale) const
{
    scale = std::max<qreal>(scale, 1.0);
    const QSize size(int(std::ceil(width() * scale)), int(std::ceil(height() * scale)));
    if (m_layersValid && m_played.size() == size &&
        qFuzzyCompare(m_played.devicePixelRatio(), scale))
        return;
    QImage base(size, QImage::Format_ARGB32_Premultiplied);
    base.setDevicePixelRatio(scale);
    base.fill(c.background);
    {
        QPainter p(&base);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setRenderHint(QPainter::TextAntialiasing, true);
        drawLanes(&p, c);
        drawGaps(&p, c);
        drawTicks(&p, c);
    }
    m_played = base;
    m_unplayed = base;
    for (const bool played : {true, false}) {
        QPainter p(played ? &m_played : &m_unplayed); // detaches from `base`
        p.setRenderHint(QPainter::Antialiasing, true);
        drawBars(&p, c, played);
        drawSegments(&p, c, played);
        drawMessageLabels(&p, c, played);
    }
    for (int kind = 0; kind < markerKinds; ++kind) {
        for (const bool played : {false, true}) {
            QImage &sprite = m_sprites[kind][played ? 1 : 0];
            sprite = QImage(QSize(int(std::ceil(markerSpriteSize * scale)),
                                  int(std::ceil(markerSpriteSize * scale))),
                            QImage::Format_ARGB32_Premultiplied);
            sprite.setDevicePixelRatio(scale);
            sprite.fill(Qt::transparent);
            QPainter p(&sprite);
            p.setRenderHint(QPainter::Antialiasing, true);
            drawMarker(&p, c, MarkerKind(kind),
                       QPointF(markerSpriteSize / 2.0, markerSpriteSize / 2.0), played);
        }
    }
    m_layersValid = true;
}

void TimelineCanvas::drawLanes(QPainter *p, const Colours &c) const
{
    const RunResult &run = *m_controller->run();
    const Geometry &g = m_geo;
    const double half = g.laneSpacing / 2;
    // The clusters' lanes sit on a faint band, so "A" and "B" read as groups.
    for (int i = 0; i < run.nodes.size(); ++i)
        if (run.nodes[i].cluster >= 0)
            p->fillRect(QRectF(0, g.laneYs[i] - half, width(), g.laneSpacing), c.band);

    p->setPen(QPen(c.lane, 1));
    QVector<QLineF> lines;
    for (double y : g.laneYs)
        lines.append(QLineF(g.plot.left(), y, g.plot.right(), y));
    p->drawLines(lines);

    // With more lanes than labels fit, the stores, router and servers keep theirs first.
    QFont font = labelFont();
    const QFontMetricsF fm(font);
    QVector<int> order(run.nodes.size());
    std::iota(order.begin(), order.end(), 0);
    auto rank = [&](int i) {
        switch (run.nodes[i].kind) {
        case NodeKind::Database:
        case NodeKind::Cache:
            return 0;
        case NodeKind::Router:
            return 1;
        case NodeKind::Server:
            return 2;
        default:
            return 3;
        }
    };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return rank(a) < rank(b); });
    QVector<double> placed;
    for (int i : order) {
        const double y = g.laneYs[i];
        if (std::any_of(placed.cbegin(), placed.cend(),
                        [&](double other) { return std::abs(other - y) < fm.height() * 0.9; }))
            continue;
        placed.append(y);
        const Node &n = run.nodes[i];
        const bool store = n.kind == NodeKind::Database || n.kind == NodeKind::Cache;
        font.setBold(store);
        p->setFont(font);
        p->setPen(store ? c.text : c.muted);
        const QRectF box(8, y - fm.height() / 2, g.labelWidth - 8, fm.height());
        p->drawText(box, Qt::AlignLeft | Qt::AlignVCenter,
                    fm.elidedText(n.name, Qt::ElideRight, box.width()));
    }
}

void TimelineCanvas::drawGaps(QPainter *p, const Colours &c) const
{
    const Geometry &g = m_geo;
    const double baseline = g.plot.bottom() + 2;
    if (!g.axis)
        return;
    const QPen dotted(faded(c.muted, c.background, 0.7), 1, Qt::DotLine);
    for (const Gap &gap : g.axis->gaps()) {
        // A broken axis: the lanes pause at a dotted line, the axis at a double zig-zag.
        p->setPen(dotted);
        p->drawLine(QPointF(gap.x, g.plot.top()), QPointF(gap.x, g.plot.bottom()));
        p->fillRect(QRectF(gap.x - 5, baseline - 5, 10, 10), c.background);
        p->setPen(QPen(c.muted, 1.2));
        for (double dx : {-2.5, 2.5}) {
            const QPointF zig[] = {{gap.x + dx - 2, baseline + 5},
                                   {gap.x + dx + 1, baseline + 1},
                                   {gap.x + dx - 1, baseline - 1},
                                   {gap.x + dx + 2, baseline - 5}};
            p->drawPolyline(zig, 4);
        }
    }
}

void TimelineCanvas::drawTicks(QPainter *p, const Colours &c) const
{
    const Geometry &g = m_geo;
    const double baseline = g.plot.bottom() + 2;
    const QFont font = tickFont();
    const QFontMetricsF fm(font);
    p->setFont(font);
    p->setPen(QPen(c.lane, 1));
    p->drawLine(QPointF(g.plot.left(), baseline), QPointF(g.plot.right(), baseline));
    const double textTop = baseline + 4;
    if (!g.axis)
        return;
    for (const Tick &t : g.axis->ticks()) {
        p->setPen(QPen(t.major ? c.muted : c.lane, 1));
        p->drawLine(QPointF(t.x, baseline), QPointF(t.x, baseline + 3));
        p->setPen(t.major ? c.text : c.muted);
        const double w = fm.horizontalAdvance(t.text);
        p->drawText(QRectF(labelLeft(t.x, w) - 2, textTop, w + 4, fm.height()), Qt::AlignCenter,
                    t.text);
    }
    p->setPen(c.muted);
    for (const Gap &gap : g.axis->gaps()) {
        if (!gap.labelled)
            continue;
        const QString text = durationText(gap.duration, DurationUnit::Gap);
        const double w = fm.horizontalAdvance(text);
        p->drawText(QRectF(gap.x - w / 2 - 2, textTop, w + 4, fm.height()), Qt::AlignCenter, text);
    }
}

void TimelineCanvas::drawBars(QPainter *p, const Colours &c, bool played) const
{
    const Geometry &g = m_geo;
    const double opHalf = std::clamp(g.laneSpacing * 0.18, 1.5, 4.0);
    QColor op = c.style[int(Style::Request)];
    op.setAlphaF(played ? 0.3f : 0.1f);
    const QColor lock = played ? c.style[int(Style::Status409)]
                               : faded(c.style[int(Style::Status409)], c.background);
    for (const Bar &b : g.bars) {
        if (b.kind == BarKind::Operation) {
            p->fillRect(QRectF(b.x0, b.y - opHalf, b.x1 - b.x0, 2 * opHalf), op);
            continue;
        }
        // Locks: a thin line just above the lane; dotted while waiting.
        const double y = b.y - opHalf - 2;
        p->setPen(
            QPen(lock, 2, b.kind == BarKind::LockWait ? Qt::DotLine : Qt::SolidLine, Qt::FlatCap));
        p->drawLine(QPointF(b.x0, y), QPointF(b.x1, y));
    }
}

void TimelineCanvas::drawSegments(QPainter *p, const Colours &c, bool played) const
{
    // Runs of thousands of messages are drawn with hairlines: the raster engine's fast path,
    // and finer than 1.6 px strokes where arrows crowd anyway.
    const bool dense = m_geo.segments.size() > 1500;
    struct Batch
    {
        QVector<QLineF> lines;
        QVector<QLineF> openHeads;
        QVector<QPointF> solidHeads; ///< three points each
    };
    Batch batches[int(Style::Count)];
    for (const Segment &s : m_geo.segments) {
        Batch &b = batches[int(s.style)];
        b.lines.append(s.line);
        const double len = s.line.length();
        if (!s.head || len < (dense ? 10 : 6))
            continue;
        const QPointF d = (s.line.p2() - s.line.p1()) / len;
        const QPointF n(-d.y(), d.x());
        const double l = std::min(dense ? 5.0 : 7.0, len * 0.45);
        const QPointF base = s.line.p2() - d * l;
        const QPointF left = base + n * l * 0.45;
        const QPointF right = base - n * l * 0.45;
        if (s.style == Style::Request || s.style == Style::Query) { // requests: solid heads
            b.solidHeads.append({s.line.p2(), left, right});
        } else { // replies: open heads
            b.openHeads.append(QLineF(left, s.line.p2()));
            b.openHeads.append(QLineF(right, s.line.p2()));
        }
    }
    for (int i = 0; i < int(Style::Count); ++i) {
        const Batch &b = batches[i];
        const auto style = Style(i);
        const QColor colour = played ? c.style[i] : faded(c.style[i], c.background);
        const bool thin = dense || style == Style::Query || style == Style::Result ||
                          style == Style::Replicate || style == Style::Conflict;
        QPen pen(colour, thin ? 1.0 : 1.6, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin);
        switch (style) {
        case Style::Request:
        case Style::Query:
            break;
        case Style::Replicate:
            pen.setDashPattern({7, 3, 2, 3});
            break;
        case Style::Conflict:
            pen.setDashPattern({2, 3});
            break;
        default: // replies
            pen.setDashPattern(thin ? QVector<qreal>{5, 3} : QVector<qreal>{4, 2.5});
            break;
        }
        p->setPen(pen);
        p->drawLines(b.lines);
        p->setPen(QPen(colour, 1.0));
        p->drawLines(b.openHeads);
        p->setPen(Qt::NoPen);
        p->setBrush(colour);
        for (int h = 0; h + 2 < b.solidHeads.size(); h += 3)
            p->drawConvexPolygon(&b.solidHeads[h], 3);
        p->setBrush(Qt::NoBrush);
    }
}

void TimelineCanvas::drawMessageLabels(QPainter *p, const Colours &c, bool played) const
{
    // A sequence diagram names its messages: "POST K1" along the arrow, where there is room.
    if (m_geo.segments.size() > 400)
        return;
    const RunResult &run = *m_controller->run();
    const QFont font = tickFont();
    const QFontMetricsF fm(font);
    p->setFont(font);
    QVector<QPolygonF> taken;
    for (const Segment &s : m_geo.segments) {
        const Event &e = run.events[s.event];
        if (e.type != EventType::Send || e.label.isEmpty())
            continue;
        const double w = fm.horizontalAdvance(e.label);
        const double len = s.line.length();
        if (len < w + 24)
            continue;
        const double radians = std::atan2(s.line.dy(), s.line.dx());
        if (std::abs(radians) > 0.6) // steep arrows have no room beside them
            continue;
        // Where: above the middle of the arrow, else nearer one end, else below; the first
        // place free of the labels already drawn and of every other arrow (in a burst the
        // arrows bundle: a label goes only where it has room, the arrows all stay).
        const double h = fm.height();
        const QPointF normal(std::sin(radians), -std::cos(radians)); // "above" the arrow
        const QRectF local(-w / 2 - 2, -h / 2, w + 4, h);
        std::optional<QPointF> at;
        for (const double f : {0.5, 0.3, 0.7, -0.5, -0.3, -0.7}) {
            const double side = f > 0 ? 1 : -1;
            const QPointF centre = s.line.pointAt(std::abs(f)) + side * normal * (h / 2 + 1);
            const QTransform place =
                QTransform().translate(centre.x(), centre.y()).rotateRadians(radians);
            const QPolygonF bounds = place.map(QPolygonF(local));
            const QRectF reach = bounds.boundingRect();
            const QTransform back = place.inverted();
            const auto crosses = [&](const Segment &other) {
                return other.event != s.event &&
                       QRectF(other.line.p1(), other.line.p2())
                           .normalized()
                           .adjusted(-1, -1, 1, 1)
                           .intersects(reach) &&
                       lineCrossesRect(back.map(other.line), local);
            };
            if (std::none_of(taken.cbegin(), taken.cend(),
                             [&](const QPolygonF &r) { return r.intersects(bounds); }) &&
                std::none_of(m_geo.segments.cbegin(), m_geo.segments.cend(), crosses)) {
                taken.append(bounds);
                at = centre;
                break;
            }
        }
        if (!at)
            continue;
        p->save();
        p->translate(*at);
        p->rotate(radians * 180 / M_PI);
        p->setPen(played ? c.style[int(s.style)] : faded(c.style[int(s.style)], c.background));
        p->drawText(QRectF(-w / 2 - 2, -h / 2, w + 4, h), Qt::AlignCenter, e.label);
        p->restore();
    }
}

void TimelineCanvas::drawMarker(QPainter *p, const Colours &c, MarkerKind kind, QPointF at,
                                bool played) const
{
    const QColor colour = played ? c.anomaly : faded(c.anomaly, c.background, 0.35);
    switch (kind) {
    case MarkerKind::Anomaly: {
        const double r = 6;
        const QPointF d[] = {at + QPointF(0, -r), at + QPointF(r, 0), at + QPointF(0, r),
                             at + QPointF(-r, 0)};
        p->setPen(QPen(c.background, 1.5));
        p->setBrush(colour);
        p->drawConvexPolygon(d, 4);
        p->setBrush(Qt::NoBrush);
        break;
    }
    case MarkerKind::Timeout: // a small clock
        p->setPen(QPen(colour, 1.6));
        p->setBrush(c.background);
        p->drawEllipse(at, 4.5, 4.5);
        p->setBrush(Qt::NoBrush);
        p->drawLine(at, at + QPointF(0, -3));
        p->drawLine(at, at + QPointF(2.5, 0));
        break;
    case MarkerKind::Fault:
        p->setPen(QPen(colour, 2.2, Qt::SolidLine, Qt::RoundCap));
        p->drawLine(at + QPointF(-4, -4), at + QPointF(4, 4));
        p->drawLine(at + QPointF(-4, 4), at + QPointF(4, -4));
        break;
    }
}

void TimelineCanvas::drawMarkers(QPainter *p, qint64 now) const
{
    // Markers are not in the layers: one at the playhead must show whole, played or not.
    const double half = markerSpriteSize / 2.0;
    for (const Marker &m : m_geo.markers)
        p->drawImage(m.pos - QPointF(half, half), m_sprites[int(m.kind)][m.t <= now ? 1 : 0]);
}

void TimelineCanvas::drawPlayhead(QPainter *p, const Colours &c, qint64 now) const
{
    const Geometry &g = m_geo;
    const double baseline = g.plot.bottom() + 2;
    const double x = xForTime(double(now));
    p->setPen(QPen(c.playhead, 1.5));
    p->drawLine(QPointF(x, g.plot.top() - 2), QPointF(x, baseline + 2));
    const QPointF tri[] = {
        {x - 4.5, g.plot.top() - 7}, {x + 4.5, g.plot.top() - 7}, {x, g.plot.top() - 1}};
    p->setPen(Qt::NoPen);
    p->setBrush(c.playhead);
    p->drawPolygon(tri, 3);

    // Its time in a pill over the tick labels.
    const QFont font = tickFont();
    const QFontMetricsF fm(font);
    const QString text = durationText(now);
    const double w = fm.horizontalAdvance(text) + 12;
    const double left = std::clamp(x - w / 2, 0.0, std::max(0.0, width() - w));
    const QRectF pill(left, baseline + 3, w, fm.height() + 2);
    // A tick or gap label the pill would half cover ("34 ms ms") is hidden whole.
    if (g.axis) {
        auto hide = [&](double x0, double x1) {
            if (x1 > pill.left() && x0 < pill.right())
                p->fillRect(QRectF(x0, baseline + 3, x1 - x0, fm.height() + 2), c.background);
        };
        for (const Tick &t : g.axis->ticks()) {
            const double tw = fm.horizontalAdvance(t.text);
            const double tl = labelLeft(t.x, tw) - 2;
            hide(tl, tl + tw + 4);
        }
        for (const Gap &gap : g.axis->gaps()) {
            if (!gap.labelled)
                continue;
            const double gw = fm.horizontalAdvance(durationText(gap.duration, DurationUnit::Gap));
            hide(gap.x - gw / 2 - 2, gap.x + gw / 2 + 2);
        }
        p->setBrush(c.playhead);
    }
    p->drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
    p->setBrush(Qt::NoBrush);
    p->setFont(font);
    p->setPen(c.background);
    p->drawText(pill, Qt::AlignCenter, text);
}

void TimelineCanvas::drawHighlight(QPainter *p, const Colours &c) const
{
    const RunResult &run = *m_controller->run();
    const int event = m_controller->highlightedEvent();
    if (event < 0 || event >= run.events.size())
        return;
    QVector<Segment> legs;
    QVector<Marker> markers;
    appendEvent(run, m_geo, event, legs, markers);
    QPointF anchor;
    bool anchored = false;
    auto anchorAt = [&](QPointF at) {
        if (!anchored)
            anchor = at;
        anchored = true;
    };
    for (const Segment &s : legs) {
        p->setPen(QPen(c.halo, 8, Qt::SolidLine, Qt::RoundCap));
        p->drawLine(s.line);
        p->setPen(QPen(c.style[int(s.style)], 3, Qt::SolidLine, Qt::RoundCap));
        p->drawLine(s.line);
        anchorAt(s.line.center());
    }
    for (const Marker &m : markers) {
        p->setPen(Qt::NoPen);
        p->setBrush(c.halo);
        p->drawEllipse(m.pos, 10, 10);
        p->setBrush(Qt::NoBrush);
        anchorAt(m.pos);
    }
    for (const Marker &m : markers) // back on top of the halo
        drawMarker(p, c, m.kind, m.pos, m.t <= qint64(m_controller->timeUs()));
    for (const Bar &b : m_geo.bars) {
        if (b.event != event)
            continue;
        p->setPen(QPen(c.halo, 8, Qt::SolidLine, Qt::RoundCap));
        p->drawLine(QPointF(b.x0, b.y), QPointF(b.x1, b.y));
        anchorAt(QPointF((b.x0 + b.x1) / 2, b.y));
    }
    if (!anchored)
        return;

    // What it is, in the event's own words, in a box beside it.
    const Event &e = run.events[event];
    const QFont font = tickFont();
    const QFontMetricsF fm(font);
    const QString text = fm.elidedText(durationText(e.t) + QStringLiteral(" · ") + e.caption,
                                       Qt::ElideRight, std::max(60.0, width() - 28));
    const double w = fm.horizontalAdvance(text) + 12;
    const double h = fm.height() + 6;
    double top = anchor.y() - h - 10;
    if (top < 2)
        top = anchor.y() + 10;
    const double left = std::clamp(anchor.x() - w / 2, 4.0, std::max(4.0, width() - w - 4));
    const QRectF box(left, top, w, h);
    p->setFont(font);
    p->setPen(QPen(c.lane, 1));
    p->setBrush(c.background);
    p->drawRoundedRect(box, 4, 4);
    p->setBrush(Qt::NoBrush);
    p->setPen(c.text);
    p->drawText(box, Qt::AlignCenter, text);
}

} // namespace idem
