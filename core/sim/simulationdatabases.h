#pragma once

#include "storage/clusterdatabase.h"

#include <array>
#include <memory>
#include <optional>

namespace idem {

/// Both clusters' DBs, in memory, kept open across runs on one thread: many runs (a sweep's
/// trials) each clear them instead of opening, migrating and preparing two new ones. A run
/// on them is the same as a run on fresh DBs.
class SimulationDatabases
{
public:
    SimulationDatabases();
    ~SimulationDatabases();
    SimulationDatabases(const SimulationDatabases &) = delete;
    SimulationDatabases &operator=(const SimulationDatabases &) = delete;

    /// Opens both (once); an error line on failure.
    [[nodiscard]] std::optional<QString> open();
    /// Empties both for the next run; an error line on failure.
    [[nodiscard]] std::optional<QString> clear();
    [[nodiscard]] ClusterDatabase &database(int cluster) { return *m_dbs[size_t(cluster)]; }

private:
    std::array<std::unique_ptr<ClusterDatabase>, 2> m_dbs;
};

} // namespace idem
