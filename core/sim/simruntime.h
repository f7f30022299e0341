#pragma once

#include "faults/faultplan.h"
#include "model/runresult.h"
#include "protocol/runtime.h"
#include "sim/simkernel.h"
#include "sim/simulationdatabases.h"
#include "sim/topology.h"
#include "storage/cachestore.h"
#include "storage/clusterdatabase.h"
#include "storage/keylock.h"
#include "storage/sqltrace.h"

#include <QHash>
#include <QSet>

#include <array>
#include <functional>
#include <memory>

namespace idem {

/// A network message between two nodes, as SimRuntime::send takes it.
struct NetworkMessage
{
    int from = -1;
    int to = -1;
    qint64 latencyUs = 0; ///< before the random jitter
    int request = -1;     ///< attempt index, as Event::request
    QString key;          ///< key label, empty if none
    int status = 0;       ///< HTTP status of a response; 0 = a request
    QString label;        ///< short text on the arrow: "POST K1", "201 K1"
    QString caption;      ///< the sentence the event log shows
    bool drop = false;    ///< lost on purpose (a scripted drop), beside random loss
};

/// The Runtime of the simulation: virtual time, the two SQLite DBs, the shared cache, the
/// per-cluster locks, the replication link and the event log they all write to.
class SimRuntime : public Runtime
{
public:
    SimRuntime(const Settings &settings, SimKernel &kernel, const QVector<Node> &nodes,
               const Topology &topology, const FaultPlan &faults);
    ~SimRuntime() override;

    /// Opens both DBs (files under `dbDir`, or in memory); an error line on failure.
    [[nodiscard]] std::optional<QString> open(const QString &dbDir);
    /// Runs on `databases` instead, cleared first (they outlive this runtime).
    [[nodiscard]] std::optional<QString> reuse(SimulationDatabases &databases);

    IDEM_RUNTIME_PORT(override)

    /// The life a server is in: a crash starts the next one (work of the old one dies).
    [[nodiscard]] int incarnation(int server) const { return m_incarnation.value(server); }
    /// True while a crashed server is down.
    [[nodiscard]] bool isDown(int server) const { return m_downUntil.value(server, -1) > nowUs(); }
    /// Logs the start and the heal of every cache outage and partition of the plan, and
    /// schedules its crashes at a time.
    void scheduleFaultWindows();

    /// Appends an event at the current time and returns it for the caller to fill in.
    Event &log(EventType type, int from, int to, int request, const QString &key,
               const QString &caption);

    /// Logs the message's `send` now and runs `onArrive` when it arrives, unless it is lost
    /// (`drop`, or random loss), in which case a `fault` is logged halfway.
    void send(const NetworkMessage &message, std::function<void()> onArrive);

    /// Records every statement sent to a DB into `trace` (for the benchmark's floor).
    void setSqlTrace(SqlTrace *trace) { m_trace = trace; }
    void traceReadBack(int cluster);

    /// The label a stored key is shown by ("K1"); registered by the simulation.
    void setLabel(const QString &rawKey, const QString &label) { m_labels.insert(rawKey, label); }
    [[nodiscard]] QString labelOf(const QString &rawKey) const
    {
        return m_labels.value(rawKey, rawKey);
    }

    /// Room for the events a run is expected to log (about 25 per request).
    void reserveEvents(qsizetype count) { m_events.reserve(count); }
    [[nodiscard]] QVector<Event> takeEvents() { return std::move(m_events); }
    [[nodiscard]] const QVector<Event> &events() const { return m_events; }
    [[nodiscard]] ClusterDatabase &database(int cluster) { return *m_dbs[size_t(cluster)]; }
    [[nodiscard]] int replicationConflicts() const { return m_conflicts; }
    [[nodiscard]] const QString &nodeName(int node) const { return m_nodes[node].name; }

private:
    /// False once the server of `ctx` crashed after the exchange began: its work is lost.
    [[nodiscard]] bool alive(const HandlerContext &ctx) const
    {
        return m_incarnation.value(ctx.server) == ctx.incarnation;
    }
    void crash(const HandlerContext &ctx, const FaultSpec &fault, FaultStep step);
    /// Takes `server` down for `downUs` now: its work dies, its locks are freed, and it comes
    /// back later. `request` and `key` name what it was doing when a step triggered it.
    void takeDown(int server, int request, const QString &key, const QString &caption,
                  qint64 downUs);
    void scheduleReap(int cluster, const KeyRow &row, const QString &label);
    // The replication link (simreplication.cpp).
    /// Sends the row a write at `fromCluster` left (its key row, or its ledger row) to the
    /// other DB, as the plan's partitions, drops and duplicates let it.
    void replicate(int fromCluster, const DbResult &result, bool keyRow, const QString &label);
    /// Applies the row at the other DB when it arrives (`copy`: the second copy of a doubled
    /// message) and logs it.
    void deliverReplica(int from, int to, const DbResult &result, bool keyRow, const QString &label,
                        qint64 writtenUs, qint64 arrivesUs, bool copy);
    /// Logs the `send` of a message the link loses and, half way, its loss.
    void loseReplica(int from, int to, const QString &what, const QString &label, bool keyRow,
                     qint64 writtenUs, qint64 arrivesUs);
    void chargeRecorded(const HandlerContext &ctx, const LedgerRow &row);

    Settings m_settings;
    SimKernel &m_kernel;
    const QVector<Node> &m_nodes;
    Topology m_topology;
    std::array<std::unique_ptr<ClusterDatabase>, 2> m_ownDbs; ///< opened by open()
    std::array<ClusterDatabase *, 2> m_dbs{};                 ///< the ones the run uses
    std::array<KeyLock, 2> m_locks;
    CacheStore m_cache;
    QVector<Event> m_events;
    QHash<QString, QString> m_labels;
    QHash<QString, QStringList>
        m_charges; ///< label → ledger ids, to spot a duplicate as it happens
    /// Per cluster: when the reaper last deleted each key ("scope\nraw key"), so that a
    /// lookup that misses it can say why; forgotten when the key is claimed again.
    QHash<QString, qint64> m_reapedUs[2];
    int m_conflicts = 0;
    SqlTrace *m_trace = nullptr;
    const FaultPlan &m_faults;
    QHash<int, int> m_incarnation;  ///< server node → its life (0 until the first crash)
    QHash<int, qint64> m_downUntil; ///< server node → when it is back up
    QHash<int, QSet<QString>> m_heldLocks[2]; ///< per cluster: server node → keys it locks
    std::array<int, 2> m_replicasSent{};      ///< per cluster: replication messages sent so far
    std::array<qint64, 2> m_lastReplicaUs{-1, -1}; ///< per cluster: when its last one left
};

} // namespace idem
