#include "sim/simruntime.h"

#include "sim/eventtext.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>

namespace idem {

namespace {

QAtomicInt connectionCounter;

} // namespace

SimRuntime::SimRuntime(const Settings &settings, SimKernel &kernel, const QVector<Node> &nodes,
                       const Topology &topology)
    : m_settings(settings), m_kernel(kernel), m_nodes(nodes), m_topology(topology)
{}

SimRuntime::~SimRuntime() = default;

std::optional<QString> SimRuntime::open(const QString &dbDir)
{
    const int id = connectionCounter.fetchAndAddRelaxed(1);
    for (int c = 0; c < 2; ++c) {
        QString path;
        if (!dbDir.isEmpty()) {
            if (!QDir().mkpath(dbDir))
                return QStringLiteral("cannot create the database folder %1").arg(dbDir);
            path = QDir(dbDir).filePath(c == 0 ? QStringLiteral("cluster-a.sqlite")
                                               : QStringLiteral("cluster-b.sqlite"));
            // A simulation starts from empty databases; stale WAL files would resurrect rows.
            for (const char *suffix : {"", "-wal", "-shm"}) {
                const QString file = path + QLatin1String(suffix);
                if (QFile::exists(file) && !QFile::remove(file))
                    return QStringLiteral("cannot replace %1 (is it open elsewhere?)").arg(file);
            }
        }
        m_dbs[size_t(c)] = std::make_unique<ClusterDatabase>(
            c, QStringLiteral("idemlab-sim-%1-%2").arg(id).arg(clusterName(c)), path,
            ClusterDatabase::Durability::Scratch);
        if (auto error = m_dbs[size_t(c)]->open())
            return error;
    }
    return {};
}

void SimRuntime::traceReadBack(int cluster)
{
    if (m_trace)
        m_trace->push_back({SqlTraceEntry::Kind::ReadBack, cluster, m_kernel.now(), {}, {}, {}});
}

Event &SimRuntime::log(EventType type, int from, int to, int request, const QString &key,
                       const QString &caption)
{
    Event e;
    e.t = m_kernel.now();
    e.seq = m_events.size();
    e.type = type;
    e.from = from;
    e.to = to;
    e.request = request;
    e.key = key;
    e.caption = caption;
    m_events.append(std::move(e));
    return m_events.last();
}

void SimRuntime::send(const NetworkMessage &m, std::function<void()> onArrive)
{
    const qint64 latency = m.latencyUs + m_kernel.prng().upTo(m_settings.jitterUs);
    const bool lost =
        m.drop || (m_settings.loss > 0 && m_kernel.prng().uniform() < m_settings.loss);
    const qint64 now = m_kernel.now();
    Event &e = log(EventType::Send, m.from, m.to, m.request, m.key, m.caption);
    e.status = m.status;
    e.label = m.label;
    e.startUs = now;
    e.endUs = now + latency;
    e.lost = lost;
    if (lost) {
        m_kernel.after(latency / 2, [this, from = m.from, to = m.to, request = m.request,
                                     key = m.key, label = m.label, now, latency] {
            Event &f = log(EventType::Fault, from, to, request, key,
                           QStringLiteral("%1 from %2 to %3 is lost in the network")
                               .arg(label, nodeName(from), nodeName(to)));
            f.label = label;
            f.startUs = now;
            f.endUs = now + latency;
            f.lost = true;
        });
        return;
    }
    m_kernel.after(latency, std::move(onArrive));
}

void SimRuntime::after(const HandlerContext &, qint64 us, std::function<void()> then)
{
    m_kernel.after(us, std::move(then));
}

void SimRuntime::db(const HandlerContext &ctx, const DbCommand &command,
                    std::function<void(const DbResult &)> done)
{
    const qint64 sent = m_kernel.now();
    const qint64 half = m_settings.dbUs / 2;
    const qint64 back = m_settings.dbUs - half;
    m_kernel.after(half, [this, ctx, command, done = std::move(done), sent, back]() mutable {
        const int cluster = ctx.cluster;
        if (m_trace)
            m_trace->push_back(
                {SqlTraceEntry::Kind::Command, cluster, m_kernel.now(), command, {}, {}});
        DbResult result = m_dbs[size_t(cluster)]->execute(command, m_kernel.now());
        result.row.key = ctx.label; // KeyRow keeps the stored key in rawKey
        const int dbNode = m_topology.db[size_t(cluster)];
        Event &e =
            log(eventtext::dbEventType(command.op), ctx.server, dbNode, ctx.request, ctx.label, {});
        eventtext::describeDb(e, nodeName(ctx.server), nodeName(dbNode), ctx.label, command,
                              result);
        e.startUs = sent;
        e.endUs = m_kernel.now() + back;
        if (result.ok() && result.changed) {
            if (command.op == DbOp::Charge)
                chargeRecorded(ctx, result.ledger);
            replicate(cluster, result, command.op != DbOp::Charge, ctx.label);
        }
        m_kernel.after(back,
                       [done = std::move(done), result = std::move(result)] { done(result); });
    });
}

void SimRuntime::cache(const HandlerContext &ctx, const CacheCommand &command,
                       std::function<void(const CacheResult &)> done)
{
    const qint64 sent = m_kernel.now();
    const qint64 half = m_settings.cacheUs / 2;
    const qint64 back = m_settings.cacheUs - half;
    m_kernel.after(half, [this, ctx, command, done = std::move(done), sent, back]() mutable {
        CacheResult result = m_cache.execute(command, m_kernel.now());
        Event &e =
            log(EventType::CacheOp, ctx.server, m_topology.cache, ctx.request, ctx.label, {});
        eventtext::describeCache(e, nodeName(ctx.server), ctx.label, command, result);
        e.startUs = sent;
        e.endUs = m_kernel.now() + back;
        m_kernel.after(back,
                       [done = std::move(done), result = std::move(result)] { done(result); });
    });
}

void SimRuntime::lock(const HandlerContext &ctx, std::function<void()> acquired)
{
    KeyLock &lock = m_locks[size_t(ctx.cluster)];
    const int holder = lock.holder(ctx.key);
    if (holder < 0) {
        // Free: take it now (the usual case, so no continuation is built).
        lock.acquire(ctx.key, ctx.request, {});
        log(EventType::LockAcquire, ctx.server, -1, ctx.request, ctx.label,
            eventtext::lockTaken(nodeName(ctx.server), ctx.cluster, ctx.label, false));
        acquired();
        return;
    }
    lock.acquire(ctx.key, ctx.request, [this, ctx, acquired = std::move(acquired)] {
        log(EventType::LockAcquire, ctx.server, -1, ctx.request, ctx.label,
            eventtext::lockTaken(nodeName(ctx.server), ctx.cluster, ctx.label, true));
        acquired();
    });
    Event &e = log(EventType::LockWait, ctx.server, -1, ctx.request, ctx.label,
                   eventtext::lockWait(nodeName(ctx.server), ctx.cluster, ctx.label, holder));
    e.detail = QString::number(holder);
}

void SimRuntime::unlock(const HandlerContext &ctx)
{
    log(EventType::LockRelease, ctx.server, -1, ctx.request, ctx.label,
        eventtext::lockReleased(nodeName(ctx.server), ctx.cluster, ctx.label));
    if (auto next = m_locks[size_t(ctx.cluster)].release(ctx.key))
        m_kernel.after(0, std::move(next->resume));
}

void SimRuntime::note(const HandlerContext &ctx, EventType type, const QString &sentence,
                      int status)
{
    Event &e = log(type, ctx.server, -1, ctx.request, ctx.label,
                   nodeName(ctx.server) + QStringLiteral(": ") + sentence);
    e.status = status;
}

void SimRuntime::chargeRecorded(const HandlerContext &ctx, const LedgerRow &row)
{
    QStringList &ids = m_charges[ctx.label];
    ids.append(row.id);
    if (ids.size() < 2)
        return;
    Event &e =
        log(EventType::Anomaly, m_topology.db[size_t(ctx.cluster)], -1, ctx.request, ctx.label, {});
    eventtext::describeDuplicate(e, ctx.label, ids);
}

void SimRuntime::replicate(int fromCluster, const DbResult &result, bool keyRow,
                           const QString &label)
{
    if (!m_settings.replication)
        return;
    const int from = m_topology.db[size_t(fromCluster)];
    const int to = m_topology.db[size_t(1 - fromCluster)];
    const qint64 written = m_kernel.now();
    // Capture only the row that travels: this runs for every write of every request.
    if (keyRow) {
        m_kernel.after(m_settings.lagUs, [this, from, to, row = result.row, written, label] {
            KeyRow local;
            if (m_trace)
                m_trace->push_back({SqlTraceEntry::Kind::KeyReplica,
                                    m_nodes[to].cluster,
                                    m_kernel.now(),
                                    {},
                                    row,
                                    {}});
            const ReplicaOutcome outcome =
                m_dbs[size_t(m_nodes[to].cluster)]->applyKeyReplica(row, &local);
            if (outcome == ReplicaOutcome::Conflict)
                ++m_conflicts;
            Event &e = log(eventtext::keyReplicaEventType(outcome), from, to, -1, label, {});
            eventtext::describeKeyReplica(e, nodeName(from), nodeName(to), label, row, outcome,
                                          local.origin);
            e.startUs = written;
            e.endUs = m_kernel.now();
        });
        return;
    }
    m_kernel.after(m_settings.lagUs, [this, from, to, row = result.ledger, written, label] {
        if (m_trace)
            m_trace->push_back({SqlTraceEntry::Kind::LedgerReplica,
                                m_nodes[to].cluster,
                                m_kernel.now(),
                                {},
                                {},
                                row});
        m_dbs[size_t(m_nodes[to].cluster)]->applyLedgerReplica(row);
        Event &e = log(EventType::Replicate, from, to, -1, label, {});
        eventtext::describeLedgerReplica(e, nodeName(from), nodeName(to), label, row);
        e.startUs = written;
        e.endUs = m_kernel.now();
    });
}

} // namespace idem
