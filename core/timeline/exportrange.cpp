#include "timeline/exportrange.h"

#include <algorithm>

namespace idem {

qint64 ExportRange::clampedTo(const RunResult &run) const
{
    // A run's events all lie within [0, endUs]; the max() guards a log whose end was not set.
    qint64 runEnd = run.endUs;
    for (const Event &e : run.events)
        runEnd = std::max(runEnd, e.t);
    return std::min(toUs, runEnd);
}

} // namespace idem
