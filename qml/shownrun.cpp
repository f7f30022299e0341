#include "shownrun.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace idem {

namespace {
/// One tick per distinct event time, and at most one per 1/tickSlots of the axis: a tick is a
/// 1 px line, so closer ones would be drawn on the same pixel anyway (a large run has 100,000
/// distinct times).
constexpr double tickSlots = 4096;
} // namespace

ShownRun::ShownRun(RunResult ran, const QVector<qint64> &alignWith)
    : run(std::move(ran)), axis(TimelineAxis::momentsOf(run) + alignWith, 0, 1)
{
    qint64 last = -1;
    double lastSlot = -1;
    for (const Event &e : run.events) {
        if (e.type == EventType::Anomaly)
            anomalyTicks.append(axis.x(e.t));
        if (e.t == last)
            continue;
        last = e.t;
        const double x = axis.x(e.t);
        const double slot = std::floor(x * tickSlots);
        if (slot == lastSlot)
            continue;
        lastSlot = slot;
        eventTicks.append(x);
    }
    anomalyPositions.reserve(anomalyTicks.size());
    for (const QVariant &tick : std::as_const(anomalyTicks))
        anomalyPositions.append(tick.toDouble());
    std::sort(anomalyPositions.begin(), anomalyPositions.end());
}

std::unique_ptr<ShownRun> ShownRun::prepare(RunResult run, const QVector<qint64> &alignWith)
{
    return std::unique_ptr<ShownRun>(new ShownRun(std::move(run), alignWith));
}

} // namespace idem
