#pragma once

#include "model/runresult.h"
#include "protocol/runtime.h"
#include "sim/simkernel.h"
#include "storage/cachestore.h"
#include "storage/clusterdatabase.h"
#include "storage/keylock.h"
#include "storage/sqltrace.h"

#include <QHash>

#include <array>
#include <memory>

namespace idem {

/// Node indices of the shared parts of the topology.
struct Topology
{
    int router = -1;
    int cache = -1;
    std::array<int, 2> db = {-1, -1};
    std::array<QVector<int>, 2> servers;
    QVector<int> clients;
};

/// The Runtime of the simulation: virtual time, the two SQLite DBs, the shared cache, the
/// per-cluster locks, the replication link and the event log they all write to.
class SimRuntime : public Runtime
{
public:
    SimRuntime(const Settings &settings, SimKernel &kernel, const QVector<Node> &nodes,
               const Topology &topology);
    ~SimRuntime() override;

    /// Opens both DBs (files under `dbDir`, or in memory); an error line on failure.
    [[nodiscard]] std::optional<QString> open(const QString &dbDir);

    // Runtime
    const Settings &settings() const override { return m_settings; }
    qint64 nowUs() const override { return m_kernel.now(); }
    void after(const HandlerContext &ctx, qint64 us, std::function<void()> then) override;
    void db(const HandlerContext &ctx, const DbCommand &command,
            std::function<void(const DbResult &)> done) override;
    void cache(const HandlerContext &ctx, const CacheCommand &command,
               std::function<void(const CacheResult &)> done) override;
    void lock(const HandlerContext &ctx, std::function<void()> acquired) override;
    void unlock(const HandlerContext &ctx) override;
    void note(const HandlerContext &ctx, EventType type, const QString &sentence,
              int status = 0) override;

    /// Appends an event at the current time and returns it for the caller to fill in.
    Event &log(EventType type, int from, int to, int request, const QString &key,
               const QString &caption);

    /// A network message: logs its `send` now and runs `onArrive` when it arrives, unless it
    /// is lost (`drop`, or random loss), in which case a `fault` is logged halfway.
    void send(int from, int to, qint64 latencyUs, int request, const QString &key, int status,
              const QString &label, const QString &caption, bool drop,
              std::function<void()> onArrive);

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
    void replicate(int fromCluster, const DbResult &result, bool keyRow, const QString &label);
    void chargeRecorded(const HandlerContext &ctx, const LedgerRow &row);

    Settings m_settings;
    SimKernel &m_kernel;
    const QVector<Node> &m_nodes;
    Topology m_topology;
    std::array<std::unique_ptr<ClusterDatabase>, 2> m_dbs;
    std::array<KeyLock, 2> m_locks;
    CacheStore m_cache;
    QVector<Event> m_events;
    QHash<QString, QString> m_labels;
    QHash<QString, QStringList>
        m_charges; ///< label → ledger ids, to spot a duplicate as it happens
    int m_conflicts = 0;
    SqlTrace *m_trace = nullptr;
};

} // namespace idem
