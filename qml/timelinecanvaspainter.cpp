#include "timelinecanvas.h"
#include "timelinecanvas_p.h"

#include "playback.h"
#include "timeline/timelineaxis.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPolygonF>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace idem {

using namespace canvas;

// The frame of the lane timeline: the cached layers, the lanes, the compressed gaps, the
// time axis and the playhead. The arrows, labels and markers are in timelinecanvasarrows.cpp.

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
    const qint64 now = qint64(m_playback->timeUs());
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
    drawMark(p, c);
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
    const RunResult &run = *m_playback->run();
    const Geometry &g = m_geo;
    const double half = g.laneSpacing / 2;
    // The clusters' lanes sit on a faint band, so "A" and "B" read as groups.
    for (int i = 0; i < run.nodes.size(); ++i)
        if (g.laneDrawn[i] && run.nodes[i].cluster >= 0)
            p->fillRect(QRectF(0, g.laneYs[i] - half, width(), g.laneSpacing), c.band);

    p->setPen(QPen(c.lane, 1));
    QVector<QLineF> lines;
    for (int i = 0; i < run.nodes.size(); ++i)
        if (g.laneDrawn[i])
            lines.append(QLineF(g.plot.left(), g.laneYs[i], g.plot.right(), g.laneYs[i]));
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
        if (!g.laneDrawn[i])
            continue;
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

void TimelineCanvas::drawMark(QPainter *p, const Colours &c) const
{
    if (m_markUs < 0)
        return;
    const Geometry &g = m_geo;
    const double x = xForTime(m_markUs);
    QPen pen(c.mark, 2, Qt::DashLine);
    p->setPen(pen);
    p->drawLine(QPointF(x, g.plot.top() - 2), QPointF(x, g.plot.bottom() + 2));
    // A ◆ above the lanes, as on the scrub bar.
    const double r = 4; // inside the room kept above the lanes for the playhead's handle
    const QPointF diamond[] = {{x, g.plot.top() - 2 - 2 * r},
                               {x + r, g.plot.top() - 2 - r},
                               {x, g.plot.top() - 2},
                               {x - r, g.plot.top() - 2 - r}};
    p->setPen(Qt::NoPen);
    p->setBrush(c.mark);
    p->drawPolygon(diamond, 4);
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
    const Span span = playheadPill(x, fm.horizontalAdvance(text) + 12, width());
    const QRectF pill(span.left, baseline + 3, span.right - span.left, fm.height() + 2);
    // The tick and gap labels under the pill, as drawTicks placed them, are hidden whole.
    if (g.axis) {
        QVector<Span> labels;
        for (const Tick &t : g.axis->ticks()) {
            const double tw = fm.horizontalAdvance(t.text);
            const double tl = labelLeft(t.x, tw) - 2;
            labels.append({tl, tl + tw + 4});
        }
        for (const Gap &gap : g.axis->gaps()) {
            if (!gap.labelled)
                continue;
            const double gw = fm.horizontalAdvance(durationText(gap.duration, DurationUnit::Gap));
            labels.append({gap.x - gw / 2 - 2, gap.x + gw / 2 + 2});
        }
        const QVector<bool> hidden = hiddenByPill(span, labels);
        for (qsizetype i = 0; i < labels.size(); ++i)
            if (hidden[i])
                p->fillRect(QRectF(labels[i].left, baseline + 3, labels[i].right - labels[i].left,
                                   fm.height() + 2),
                            c.background);
    }
    p->setPen(Qt::NoPen);
    p->setBrush(c.playhead);
    p->drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
    p->setBrush(Qt::NoBrush);
    p->setFont(font);
    p->setPen(c.background);
    p->drawText(pill, Qt::AlignCenter, text);
}

} // namespace idem
