#pragma once

#include "storage/sqltrace.h"

#include <QString>

#include <optional>
#include <vector>

namespace idem {

/// The floor the engine is measured against: the very statements a run sent to its two
/// DBs (recorded with SimulationOptions::sqlTrace), replayed in the same order through the
/// same QtSql prepared statements on fresh DBs, without the simulation around them.
class SqlFloor
{
public:
    struct Result
    {
        int requests = 0;
        qint64 nanoseconds = 0;
        QString error;
        [[nodiscard]] double requestsPerSecond() const
        {
            return nanoseconds > 0 ? requests * 1e9 / double(nanoseconds) : 0.0;
        }
    };
    /// Replays `trace`; `requests` is what the figure is per.
    [[nodiscard]] static Result replay(const SqlTrace &trace, int requests);
    /// Replays many runs' traces (a sweep's trials) one after the other on one pair of DBs,
    /// each after a clear(), as a sweep's thread reuses its DBs; the figure is per trace.
    [[nodiscard]] static Result replayTrials(const std::vector<SqlTrace> &traces);
};

} // namespace idem
