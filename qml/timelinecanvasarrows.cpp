#include "timelinecanvas.h"
#include "timelinecanvas_p.h"

#include "playback.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPolygonF>
#include <QTransform>

#include <algorithm>
#include <cmath>
#include <optional>

namespace idem {

using namespace canvas;

// What the lane timeline draws for each event: the bars of work on a lane, the message
// arrows and their labels, the markers, and the highlight of the event under the pointer.

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
    const RunResult &run = *m_playback->run();
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
    case MarkerKind::Recovery: { // ▲: back up, in the colour of a success
        const QColor up = c.style[int(Style::Status201)];
        const QPointF tri[] = {at + QPointF(0, -5.5), at + QPointF(5, 3.5), at + QPointF(-5, 3.5)};
        p->setPen(QPen(c.background, 1.5));
        p->setBrush(played ? up : faded(up, c.background, 0.35));
        p->drawConvexPolygon(tri, 3);
        p->setBrush(Qt::NoBrush);
        break;
    }
    case MarkerKind::TakeOver:
    case MarkerKind::Fenced:
    case MarkerKind::Reaped:
        drawLeaseMarker(p, c, kind, at, played);
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

void TimelineCanvas::drawHighlight(QPainter *p, const Colours &c) const
{
    const RunResult &run = *m_playback->run();
    const int event = m_playback->highlightedEvent();
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
        drawMarker(p, c, m.kind, m.pos, m.t <= qint64(m_playback->timeUs()));
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
