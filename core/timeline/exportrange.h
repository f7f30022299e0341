#pragma once

#include "model/runresult.h"

#include <limits>

namespace idem {

/// The part of a run to export: events with from ≤ t ≤ to (µs); the whole run by default.
///
/// An event belongs to the range by its own time `t` alone. A message sent inside the range
/// is drawn whole even if it arrives after `toUs`; one sent before `fromUs` is left out even
/// if it arrives inside (its `deliver` / `receive` event is kept in the JSON and CSV).
struct ExportRange
{
    qint64 fromUs = 0;
    qint64 toUs = std::numeric_limits<qint64>::max();

    [[nodiscard]] bool contains(qint64 t) const { return t >= fromUs && t <= toUs; }
    /// `toUs` cut to the end of `run` (the later of its endUs and its last event).
    [[nodiscard]] qint64 clampedTo(const RunResult &run) const;
};

} // namespace idem
