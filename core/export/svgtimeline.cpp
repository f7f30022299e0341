#include "export/svgtimeline.h"

#include "export/palette.h"
#include "timeline/durationtext.h"

#include <QHash>
#include <QLineF>

#include <algorithm>
#include <cmath>

namespace idem {

namespace {

const Palette &palette = Palette::light(); // exports are drawn on white

constexpr int maxLabelledArrows = 400; ///< beyond that, labels would only pile up
constexpr double labelSize = 10;
constexpr double charWidth = 0.6 * labelSize;

using Stroke = SvgPainter::Stroke;

bool hasSpan(const Event &e)
{
    return e.startUs >= 0 && e.endUs >= e.startUs;
}

} // namespace

const SvgStroke SvgTimeline::queryStroke{palette.request, 1.0};
const SvgStroke SvgTimeline::resultStroke{palette.mutedText, 1.0, QLatin1String("5 3")};
const SvgStroke SvgTimeline::replicateStroke{palette.replicate, 1.2, QLatin1String("7 3 2 3")};
const SvgStroke SvgTimeline::conflictStroke{palette.conflict, 1.2, QLatin1String("2 3")};

SvgStroke SvgTimeline::messageStroke(int status)
{
    // Requests solid, replies dashed: told apart without colour too.
    return {palette.statusColor(status), 1.6,
            status == 0 ? QLatin1String() : QLatin1String("4 2.5")};
}

SvgTimeline::SvgTimeline(const RunResult &run, const ExportRange &range, const TimelineAxis &axis,
                         QVector<double> laneYs, double laneSpacing)
    : m_run(run), m_range(range), m_axis(axis), m_laneYs(std::move(laneYs)),
      m_laneSpacing(laneSpacing)
{
    int arrows = 0;
    for (const Event &e : run.events)
        if (range.contains(e.t) && e.type == EventType::Send)
            ++arrows;
    m_labelled = arrows <= maxLabelledArrows;
}

QVector<qint64> SvgTimeline::times(const RunResult &run, const ExportRange &range)
{
    QVector<qint64> out;
    for (const Event &e : run.events) {
        if (!range.contains(e.t))
            continue;
        out << e.t;
        if (e.startUs >= 0)
            out << e.startUs;
        if (e.endUs >= 0)
            out << e.endUs;
    }
    return out;
}

QPointF SvgTimeline::at(int node, qint64 t) const
{
    return {m_axis.x(t), m_laneYs[node]};
}

QString SvgTimeline::tooltip(const Event &e) const
{
    return durationText(e.t, DurationUnit::Milliseconds) + QStringLiteral(" · ") +
           eventTypeName(e.type) + QStringLiteral(" · ") + e.caption.simplified();
}

void SvgTimeline::draw(SvgPainter &p) const
{
    drawBars(p);
    QVector<Label> labels;
    QVector<QRectF> taken;
    for (const Event &e : m_run.events)
        if (m_range.contains(e.t))
            drawEvent(p, e, labels, taken);
    for (const Event &e : m_run.events) // markers on top of every arrow
        if (m_range.contains(e.t))
            marker(p, e);
    for (const Label &l : labels)
        p.text(l.at, l.text, labelSize, l.colour, SvgPainter::Anchor::Middle, false, l.degrees);
}

void SvgTimeline::drawBars(SvgPainter &p) const
{
    // The operation as a band on its server's lane, the lock as a line above it: dotted while
    // waiting, solid while held. Keyed by (kind, node, request).
    enum Kind
    {
        Operation,
        LockWait,
        LockHeld
    };
    QHash<QPair<int, QPair<int, int>>, qint64> open;
    struct Bar
    {
        Kind kind;
        int node;
        qint64 a;
        qint64 b;
    };
    QVector<Bar> bars;
    auto close = [&](Kind kind, const Event &e) {
        const auto key = qMakePair(int(kind), qMakePair(e.from, e.request));
        const auto it = open.find(key);
        if (it == open.end())
            return;
        bars.append({kind, e.from, it.value(), e.t});
        open.erase(it);
    };
    for (const Event &e : m_run.events) {
        if (!m_range.contains(e.t) || !hasLane(e.from) || e.request < 0)
            continue;
        const auto key = [&](Kind kind) {
            return qMakePair(int(kind), qMakePair(e.from, e.request));
        };
        switch (e.type) {
        case EventType::OpStart:
            open.insert(key(Operation), e.t);
            break;
        case EventType::OpEnd:
            close(Operation, e);
            break;
        case EventType::LockWait:
            open.insert(key(LockWait), e.t);
            break;
        case EventType::LockAcquire:
            close(LockWait, e);
            open.insert(key(LockHeld), e.t);
            break;
        case EventType::LockRelease:
            close(LockHeld, e);
            break;
        default:
            break;
        }
    }
    // Whatever is still open at the end of the range (a crash, the end of the run) runs on.
    const qint64 last = m_range.clampedTo(m_run);
    for (auto it = open.cbegin(); it != open.cend(); ++it)
        bars.append({Kind(it.key().first), it.key().second.first, it.value(), last});
    std::sort(bars.begin(), bars.end(), [](const Bar &x, const Bar &y) {
        return std::tie(x.a, x.node, x.kind, x.b) < std::tie(y.a, y.node, y.kind, y.b);
    });

    const double half = std::clamp(m_laneSpacing * 0.12, 2.0, 4.0);
    for (const Bar &b : bars) {
        const double x0 = m_axis.x(b.a);
        const double x1 = std::max(m_axis.x(b.b), x0 + 1);
        const double y = m_laneYs[b.node];
        if (b.kind == Operation) {
            p.rect(QRectF(x0, y - half, x1 - x0, 2 * half), palette.request, 0.3);
            continue;
        }
        const Stroke lock{palette.status409, 2,
                          b.kind == LockWait ? QLatin1String("2 2") : QLatin1String()};
        p.line(QPointF(x0, y - half - 2), QPointF(x1, y - half - 2), lock);
    }
}

void SvgTimeline::arrow(SvgPainter &p, QPointF a, QPointF b, const Stroke &stroke,
                        bool solidHead) const
{
    p.line(a, b, stroke);
    const QLineF l(a, b);
    const double len = l.length();
    if (len < 4)
        return;
    const QPointF d = (b - a) / len;
    const QPointF n(-d.y(), d.x());
    const double size = std::min(stroke.width > 1.2 ? 7.0 : 6.0, len * 0.45);
    const QPointF base = b - d * size;
    const QPointF left = base + n * size * 0.45;
    const QPointF right = base - n * size * 0.45;
    if (solidHead)
        p.polygon({b, left, right}, stroke.colour);
    else
        p.polyline({left, b, right}, Stroke{stroke.colour, 1.2});
}

void SvgTimeline::lostArrow(SvgPainter &p, QPointF a, QPointF b, const Stroke &stroke) const
{
    // Travels half way, then is lost: the line stops at a ✕.
    const QPointF mid = (a + b) / 2;
    p.line(a, mid, stroke);
    const Stroke cross{palette.anomaly, 2.2};
    p.line(mid + QPointF(-4, -4), mid + QPointF(4, 4), cross);
    p.line(mid + QPointF(-4, 4), mid + QPointF(4, -4), cross);
}

void SvgTimeline::drawEvent(SvgPainter &p, const Event &e, QVector<Label> &labels,
                            QVector<QRectF> &taken) const
{
    if (!hasLane(e.from) || !hasLane(e.to) || !hasSpan(e))
        return;
    switch (e.type) {
    case EventType::Send: {
        const QPointF a = at(e.from, e.startUs);
        const QPointF b = at(e.to, e.endUs);
        const Stroke stroke = messageStroke(e.status);
        p.beginGroup(tooltip(e));
        if (e.lost)
            lostArrow(p, a, b, stroke);
        else
            arrow(p, a, b, stroke, e.status == 0);
        p.endGroup();
        placeLabel(e, a, e.lost ? (a + b) / 2 : b, stroke.colour, labels, taken);
        return;
    }
    case EventType::DbRead:
    case EventType::DbWrite:
    case EventType::CacheOp:
        if (e.t < e.startUs || e.t > e.endUs)
            return;
        p.beginGroup(tooltip(e));
        arrow(p, at(e.from, e.startUs), at(e.to, e.t), queryStroke, true);
        arrow(p, at(e.to, e.t), at(e.from, e.endUs), resultStroke, false);
        p.endGroup();
        return;
    case EventType::Replicate:
    case EventType::Conflict: {
        const Stroke &stroke = e.type == EventType::Replicate ? replicateStroke : conflictStroke;
        p.beginGroup(tooltip(e));
        if (e.lost)
            lostArrow(p, at(e.from, e.startUs), at(e.to, e.endUs), stroke);
        else
            arrow(p, at(e.from, e.startUs), at(e.to, e.endUs), stroke, false);
        p.endGroup();
        return;
    }
    default:
        return;
    }
}

void SvgTimeline::marker(SvgPainter &p, const Event &e) const
{
    switch (e.type) {
    case EventType::Anomaly: {
        const int lane = hasLane(e.from) ? e.from : e.to;
        if (!hasLane(lane))
            return;
        const QPointF c = at(lane, e.t);
        const double r = 6;
        p.beginGroup(tooltip(e));
        p.polygon({c + QPointF(0, -r), c + QPointF(r, 0), c + QPointF(0, r), c + QPointF(-r, 0)},
                  palette.anomaly, Stroke{palette.panel, 1.5});
        p.endGroup();
        return;
    }
    case EventType::Timeout: {
        if (!hasLane(e.from))
            return;
        const QPointF c = at(e.from, e.t);
        const Stroke hand{palette.anomaly, 1.6};
        p.beginGroup(tooltip(e));
        p.circle(c, 4.5, palette.panel, hand); // a small clock
        p.line(c, c + QPointF(0, -3), hand);
        p.line(c, c + QPointF(2.5, 0), hand);
        p.endGroup();
        return;
    }
    case EventType::Fault: {
        // A lost message has its ✕ already; other faults (a crash) get one on their lane, and
        // coming back up (the fault event whose state is "up") a ▲.
        if (!hasLane(e.from) || (hasLane(e.to) && e.startUs >= 0))
            return;
        const QPointF c = at(e.from, e.t);
        p.beginGroup(tooltip(e));
        if (e.state == QLatin1String("up")) { // back up (restart, cache up, heal): a calm ▲
            p.polygon({c + QPointF(0, -5.5), c + QPointF(5, 3.5), c + QPointF(-5, 3.5)},
                      palette.status201, Stroke{palette.panel, 1.5});
            p.endGroup();
            return;
        }
        const Stroke cross{palette.anomaly, 2.2};
        p.line(c + QPointF(-4, -4), c + QPointF(4, 4), cross);
        p.line(c + QPointF(-4, 4), c + QPointF(4, -4), cross);
        p.endGroup();
        return;
    }
    default:
        return;
    }
}

void SvgTimeline::placeLabel(const Event &e, QPointF a, QPointF b, QLatin1String colour,
                             QVector<Label> &labels, QVector<QRectF> &taken) const
{
    // A sequence diagram names its messages: "POST K1" along the arrow, where there is room.
    const QString text = e.label.simplified();
    if (!m_labelled || text.isEmpty())
        return;
    const QLineF line(a, b);
    const double w = charWidth * text.size();
    if (line.length() < w + 16)
        return;
    const double radians = std::atan2(line.dy(), line.dx());
    if (std::abs(radians) > 0.6) // steep arrows have no room beside them
        return;
    const QPointF normal(std::sin(radians), -std::cos(radians)); // "above" the arrow
    // Above the middle of the arrow, else nearer one end, else below: the first free place.
    for (const double f : {0.5, 0.3, 0.7, -0.5, -0.3, -0.7}) {
        const bool above = f > 0;
        const QPointF centre = line.pointAt(std::abs(f)) + normal * (above ? 7.0 : -7.0);
        const double hw =
            (w * std::abs(std::cos(radians)) + labelSize * std::abs(std::sin(radians))) / 2;
        const double hh =
            (w * std::abs(std::sin(radians)) + labelSize * std::abs(std::cos(radians))) / 2;
        const QRectF box(centre.x() - hw, centre.y() - hh, 2 * hw, 2 * hh);
        if (std::any_of(taken.cbegin(), taken.cend(),
                        [&](const QRectF &r) { return r.intersects(box); }))
            continue;
        taken.append(box);
        // The baseline sits a third of the size below the box's centre.
        labels.append({centre - normal * (labelSize / 3), radians * 180 / M_PI, text, colour});
        return;
    }
}

} // namespace idem
