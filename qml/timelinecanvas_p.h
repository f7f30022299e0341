#pragma once

// What timelinecanvas.cpp, timelinecanvaslayout.cpp and timelinecanvaspainter.cpp share:
// the item's constants, colours and two small geometry helpers.
#include "timelinecanvas.h"

#include <QColor>
#include <QLineF>
#include <QPointF>
#include <QRectF>
#include <QVector>

#include <algorithm>
#include <cmath>

namespace idem::canvas {

inline constexpr double pickRadius = 6.0;   ///< how near the pointer must be to an arrow
inline constexpr double fadedAlpha = 0.3;   ///< events after the playhead
inline constexpr int markerSpriteSize = 16; ///< px, holds the largest marker

inline double distanceToSegment(const QPointF &p, const QLineF &l)
{
    const QPointF d = l.p2() - l.p1();
    const double len2 = d.x() * d.x() + d.y() * d.y();
    double f = 0;
    if (len2 > 1e-12)
        f = std::clamp(QPointF::dotProduct(p - l.p1(), d) / len2, 0.0, 1.0);
    const QPointF q = l.p1() + f * d;
    return std::hypot(p.x() - q.x(), p.y() - q.y());
}

/// Whether segment `l` passes through (or ends inside) rectangle `r` (Liang–Barsky).
inline bool lineCrossesRect(const QLineF &l, const QRectF &r)
{
    const double dx = l.dx();
    const double dy = l.dy();
    double t0 = 0;
    double t1 = 1;
    // Each edge clips [t0, t1]: p·t <= q along the segment stays inside.
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {l.x1() - r.left(), r.right() - l.x1(), l.y1() - r.top(),
                         r.bottom() - l.y1()};
    for (int i = 0; i < 4; ++i) {
        if (std::abs(p[i]) < 1e-12) {
            if (q[i] < 0)
                return false; // parallel to this edge and outside it
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return false;
    }
    return true;
}

/// A label's extent along the time axis, in px.
struct Span
{
    double left = 0;
    double right = 0;
};

/// Where the playhead's time pill, `pillWidth` wide, goes on an axis `width` wide: centred
/// on the playhead at `x`, moved inside the axis at its two ends.
inline Span playheadPill(double x, double pillWidth, double width)
{
    const double left = std::clamp(x - pillWidth / 2, 0.0, std::max(0.0, width - pillWidth));
    return {left, left + pillWidth};
}

/// Which of the axis's tick and gap `labels` the playhead's `pill` hides: the pill wins,
/// and a label it would cover even in part is left out whole (no "34 ms ms", no "200 ms"
/// over "+301 ms"). Labels that only touch it stay.
inline QVector<bool> hiddenByPill(const Span &pill, const QVector<Span> &labels)
{
    QVector<bool> hidden(labels.size(), false);
    for (qsizetype i = 0; i < labels.size(); ++i)
        hidden[i] = labels[i].right > pill.left && labels[i].left < pill.right;
    return hidden;
}

/// `c` at `alpha` over `background`, opaque: overlapping faded arrows do not add up, and the
/// raster engine draws opaque hairlines much faster than translucent ones.
inline QColor faded(const QColor &c, const QColor &background, double alpha = fadedAlpha)
{
    auto mix = [alpha](double a, double b) { return a * alpha + b * (1 - alpha); };
    return QColor::fromRgbF(float(mix(c.redF(), background.redF())),
                            float(mix(c.greenF(), background.greenF())),
                            float(mix(c.blueF(), background.blueF())));
}

} // namespace idem::canvas

namespace idem {

struct TimelineCanvas::Colours
{
    QColor background;
    QColor text;
    QColor muted;
    QColor lane;
    QColor band;
    QColor playhead;
    QColor halo;
    QColor anomaly;
    QColor mark;
    QColor style[int(Style::Count)];
};

} // namespace idem
