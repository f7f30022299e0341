#pragma once

#include "model/runresult.h"
#include "model/scenario.h"
#include "sim/simulationdatabases.h"
#include "storage/sqltrace.h"

#include <QString>

#include <optional>

namespace idem {

/// Where the simulation keeps its databases.
struct SimulationOptions
{
    QString dbDir; ///< empty = in memory; else cluster-a.sqlite / cluster-b.sqlite, replaced
    SqlTrace *sqlTrace = nullptr; ///< when set, every statement sent to a DB is appended
    /// When set (open, on this thread), the run clears and uses these instead of opening two
    /// DBs of its own (`dbDir` is then ignored): repeated runs skip the open, the schema and
    /// the prepared statements, with the same result.
    SimulationDatabases *databases = nullptr;
};

/// Runs a scenario through the engine: clients, router, servers with the claim/consume
/// handler, both SQLite DBs, the cache and replication, in virtual time.
class Simulation
{
public:
    /// The whole run, or an error line (a DB that cannot be opened).
    struct RunOrError
    {
        std::optional<RunResult> result;
        QString error;
    };
    [[nodiscard]] static RunOrError run(const Scenario &scenario,
                                        const SimulationOptions &options = {});
};

} // namespace idem
