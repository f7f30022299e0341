#pragma once

#include "faults/drops.h"
#include "faults/faultplan.h"
#include "model/runresult.h"
#include "protocol/claimhandler.h"
#include "sim/simkernel.h"
#include "sim/simruntime.h"
#include "sim/topology.h"

#include <QVector>

#include <array>
#include <optional>

namespace idem {

/// The path of every request of one simulated run: each client sends its attempts (and
/// retries after a timeout, with the same key), the router picks a cluster and a server,
/// the server runs the ClaimHandler, and the response travels back through the router.
/// Drives the kernel, the runtime and the handler; Simulation::run() is its only user.
class RequestFlow
{
public:
    RequestFlow(const Scenario &scenario, QVector<Node> nodes);

    /// Opens both DBs (files under `dbDir`, or in memory); an error line on failure.
    [[nodiscard]] std::optional<QString> open(const QString &dbDir) { return m_rt.open(dbDir); }
    /// Runs on `databases` (in memory, opened on this thread), cleared first.
    [[nodiscard]] std::optional<QString> reuse(SimulationDatabases &databases)
    {
        return m_rt.reuse(databases);
    }
    void setSqlTrace(SqlTrace *trace) { m_rt.setSqlTrace(trace); }

    /// Gives each key label its UUID and schedules every request's first attempt.
    void start();
    /// Runs the kernel to the end and collects the run: log, attempts, DB rows, verdict.
    [[nodiscard]] RunResult finish();

private:
    [[nodiscard]] const QString &name(int node) const { return m_nodes[node].name; }
    /// A message of attempt `attempt` (its index) from node `from` to node `to`.
    [[nodiscard]] NetworkMessage message(int attempt, int from, int to, qint64 latencyUs) const;
    [[nodiscard]] bool dropped(int attempt, DropPoint point) const;

    void sendAttempt(int requestIndex, int number);
    void routeRequest(int index);
    void serve(int index);
    void respond(int index, const HttpResponse &response);
    void receive(int index, int status, const QString &label, qint64 retryAfterUs);
    void timeout(int index);
    /// Sends attempt `number + 1` of the attempt's request after `pauseUs`, if retries remain.
    void retry(int index, qint64 pauseUs);
    /// The server of `cluster` the router picks for attempt `index`: the one asked for, or the
    /// next in turn, skipping servers that are down; -1 when every one is down.
    [[nodiscard]] int pickServer(int index, int cluster);

    const Scenario &m_scenario;
    Settings m_settings;
    SimKernel m_kernel;
    QVector<Node> m_nodes;
    Topology m_topology;
    ScriptedDrops m_drops;
    FaultPlan m_faults;
    SimRuntime m_rt;
    ClaimHandler m_handler;
    QVector<Attempt> m_attempts;
    QVector<int> m_requestOf; ///< attempt index → request index
    QVector<QString> m_rawKeys;
    std::array<int, 2> m_roundRobin = {0, 0};
};

} // namespace idem
