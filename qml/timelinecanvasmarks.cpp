// The lease's marks on a DB lane of the timeline: a takeover, a fenced write, a reap. Each
// has its own shape (not only a colour), explained in the "?" overlay.
#include "timelinecanvas.h"
#include "timelinecanvas_p.h"

#include "playback.h"

#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>

namespace idem {

void TimelineCanvas::drawLeaseMarker(QPainter *p, const Colours &c, MarkerKind kind, QPointF at,
                                     bool played) const
{
    const QColor base = kind == MarkerKind::Fenced ? c.anomaly : c.text;
    const QColor colour = played ? base : canvas::faded(base, c.background, 0.35);
    const double r = 5;
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    switch (kind) {
    case MarkerKind::TakeOver: { // ⟳: an open circle with an arrow head, the claim taken anew
        p->setBrush(c.background);
        p->setPen(Qt::NoPen);
        p->drawEllipse(at, r + 1.5, r + 1.5);
        QPainterPath arc;
        const QRectF box(at.x() - r, at.y() - r, 2 * r, 2 * r);
        arc.arcMoveTo(box, 60);
        arc.arcTo(box, 60, 280);
        p->setBrush(Qt::NoBrush);
        p->setPen(QPen(colour, 1.8, Qt::SolidLine, Qt::RoundCap));
        p->drawPath(arc);
        const QPointF tip = arc.pointAtPercent(0);
        const QPolygonF head{tip + QPointF(-3.5, -1.5), tip + QPointF(1.5, -3),
                             tip + QPointF(0.5, 2)};
        p->setBrush(colour);
        p->setPen(Qt::NoPen);
        p->drawPolygon(head);
        break;
    }
    case MarkerKind::Fenced: // ⊘: refused
        p->setBrush(c.background);
        p->setPen(QPen(colour, 2));
        p->drawEllipse(at, r, r);
        p->drawLine(at + QPointF(-r * 0.7, r * 0.7), at + QPointF(r * 0.7, -r * 0.7));
        break;
    case MarkerKind::Reaped: { // ⌛: its time ran out
        const QPolygonF glass{at + QPointF(-r, -r), at + QPointF(r, -r), at + QPointF(-r, r),
                              at + QPointF(r, r)};
        p->setBrush(c.background);
        p->setPen(QPen(colour, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p->drawPolygon(glass);
        break;
    }
    default:
        break;
    }
    p->restore();
}

} // namespace idem
