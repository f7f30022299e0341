#pragma once

#include "model/runresult.h"

#include <QString>

#include <optional>

namespace idem {

/// The first step where two event logs of one scenario part ways: the event number (0-based),
/// when, where, and what each run did there (nothing, if its log ended before).
struct Divergence
{
    int index = -1;             ///< position in both logs; the events before it are the same steps
    qint64 timeUs = 0;          ///< the earlier of the two events' times (or the one that exists)
    QString node;               ///< where it happens: the node of the earlier event, by name
    std::optional<Event> left;  ///< the left run's event there; nullopt if its log ended
    std::optional<Event> right; ///< the right run's event there; nullopt if its log ended

    /// Finds the first difference, or nullopt when the two logs are the same step for step.
    [[nodiscard]] static std::optional<Divergence> find(const RunResult &left,
                                                        const RunResult &right);
    /// Whether two events are the same step: the same time, kind, nodes (by name, so runs
    /// with different topologies compare), request, key, status, message span, label, the
    /// state written and whether the message was lost. Captions follow from these.
    [[nodiscard]] static bool sameStep(const RunResult &leftRun, const Event &left,
                                       const RunResult &rightRun, const Event &right);
    /// The name of the node an event happens at ("Server A1"): where its message starts, or
    /// where it arrives if it starts nowhere; empty if neither.
    [[nodiscard]] static QString nodeOf(const RunResult &run, const Event &event);
};

} // namespace idem
