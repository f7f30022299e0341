#include "simruntime.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>

namespace idem {

namespace {

QAtomicInt connectionCounter;

QString dbLabel(DbOp op, const QString &key)
{
    switch (op) {
    case DbOp::Lookup:
        return QStringLiteral("SELECT ") + key;
    case DbOp::Claim:
        return QStringLiteral("INSERT ") + key;
    case DbOp::Overwrite:
        return QStringLiteral("UPSERT ") + key;
    case DbOp::Charge:
        return QStringLiteral("LEDGER ") + key;
    case DbOp::Consume:
        return QStringLiteral("CONSUMED ") + key;
    }
    return {};
}

using L1 = QLatin1String;

// Captions are built on the hot path: QStringBuilder concatenation, one allocation each.
QString dbCaption(const QString &server, const DbCommand &cmd, const DbResult &r,
                  const QString &key, const QString &db)
{
    if (!r.ok())
        return server % L1(": ") % db % L1(" statement failed: ") % r.error;
    switch (cmd.op) {
    case DbOp::Lookup:
        if (!r.found)
            return server % L1(": key ") % key % L1(" not in ") % db;
        return server % L1(": key ") % key % L1(" found in ") % db % L1(": ") % r.row.status;
    case DbOp::Claim:
        if (r.changed)
            return server % L1(": ") % key % L1(" inserted into ") % db %
                   L1(" as CREATED (claimed)");
        return server % L1(": ") % key % L1(" was already in ") % db % L1(": claim refused");
    case DbOp::Overwrite:
        return server % L1(": ") % key % L1(" written to ") % db %
               L1(" as CREATED (no guard: a concurrent claim would be overwritten)");
    case DbOp::Charge:
        return server % L1(": ledger row ") % r.ledger.id % L1(" written to ") % db % L1(": ") %
               key % L1(" charged ") % QString::number(r.ledger.amount) % QLatin1Char(' ') %
               r.ledger.fromAcct % QStringLiteral("→") % r.ledger.toAcct;
    case DbOp::Consume:
        return server % L1(": ") % key % L1(" marked CONSUMED in ") % db % L1(" with the stored ") %
               QString::number(cmd.responseCode) % L1(" response");
    }
    return {};
}

QString cacheCaption(const QString &server, const CacheCommand &cmd, const CacheResult &r,
                     const QString &key)
{
    if (cmd.op == CacheOp::ClaimNx) {
        if (r.done)
            return server % L1(": cache: SET ") % key %
                   QStringLiteral(" NX succeeded — key claimed for cluster ") %
                   clusterName(cmd.origin);
        return server % L1(": cache: SET ") % key % QStringLiteral(" NX refused — ") % key %
               L1(" is ") % r.entry.status % L1(" (claimed by cluster ") %
               clusterName(r.entry.origin) % QLatin1Char(')');
    }
    if (r.done)
        return server % L1(": cache: ") % key % L1(" recorded as CONSUMED with the ") %
               QString::number(cmd.responseCode) % L1(" response");
    return server % L1(": cache: ") % key % L1(" had expired; CONSUMED not recorded");
}

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

void SimRuntime::send(int from, int to, qint64 latencyUs, int request, const QString &key,
                      int status, const QString &label, const QString &caption, bool drop,
                      std::function<void()> onArrive)
{
    const qint64 latency = latencyUs + m_kernel.prng().upTo(m_settings.jitterUs);
    const bool lost = drop || (m_settings.loss > 0 && m_kernel.prng().uniform() < m_settings.loss);
    const qint64 now = m_kernel.now();
    Event &e = log(EventType::Send, from, to, request, key, caption);
    e.status = status;
    e.label = label;
    e.startUs = now;
    e.endUs = now + latency;
    e.lost = lost;
    if (lost) {
        m_kernel.after(latency / 2, [this, from, to, request, key, label, now, latency] {
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
            log(dbOpWrites(command.op) ? EventType::DbWrite : EventType::DbRead, ctx.server, dbNode,
                ctx.request, ctx.label,
                dbCaption(nodeName(ctx.server), command, result, ctx.label, nodeName(dbNode)));
        e.startUs = sent;
        e.endUs = m_kernel.now() + back;
        e.label = dbLabel(command.op, ctx.label);
        e.detail = dbStatementText(command.op);
        if (result.ok()) {
            if (command.op == DbOp::Lookup)
                e.state = result.found ? result.row.status : QStringLiteral("absent");
            else if (command.op == DbOp::Charge)
                e.state = result.ledger.id;
            else if (result.changed)
                e.state = result.row.status;
        }
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
        Event &e = log(EventType::CacheOp, ctx.server, m_topology.cache, ctx.request, ctx.label,
                       cacheCaption(nodeName(ctx.server), command, result, ctx.label));
        e.startUs = sent;
        e.endUs = m_kernel.now() + back;
        e.label = (command.op == CacheOp::ClaimNx ? QStringLiteral("SET NX ")
                                                  : QStringLiteral("SET CONSUMED ")) +
                  ctx.label;
        e.detail = CacheStore::commandText(command, ctx.label);
        if (result.done)
            e.state = result.entry.status;
        m_kernel.after(back,
                       [done = std::move(done), result = std::move(result)] { done(result); });
    });
}

void SimRuntime::lock(const HandlerContext &ctx, std::function<void()> acquired)
{
    KeyLock &lock = m_locks[size_t(ctx.cluster)];
    const QString &cluster = clusterName(ctx.cluster);
    const int holder = lock.holder(ctx.key);
    if (holder < 0) {
        // Free: take it now (the usual case, so no continuation is built).
        lock.acquire(ctx.key, ctx.request, {});
        log(EventType::LockAcquire, ctx.server, -1, ctx.request, ctx.label,
            nodeName(ctx.server) % L1(": takes the cluster ") % cluster % L1(" lock on ") %
                ctx.label);
        acquired();
        return;
    }
    lock.acquire(ctx.key, ctx.request, [this, ctx, acquired = std::move(acquired)] {
        log(EventType::LockAcquire, ctx.server, -1, ctx.request, ctx.label,
            nodeName(ctx.server) % L1(": takes the cluster ") % clusterName(ctx.cluster) %
                L1(" lock on ") % ctx.label % L1(" after waiting"));
        acquired();
    });
    Event &e = log(EventType::LockWait, ctx.server, -1, ctx.request, ctx.label,
                   QStringLiteral("%1: waits for the cluster %2 lock on %3 (held by request #%4)")
                       .arg(nodeName(ctx.server), cluster, ctx.label)
                       .arg(holder + 1));
    e.detail = QString::number(holder);
}

void SimRuntime::unlock(const HandlerContext &ctx)
{
    log(EventType::LockRelease, ctx.server, -1, ctx.request, ctx.label,
        nodeName(ctx.server) % L1(": releases the cluster ") % clusterName(ctx.cluster) %
            L1(" lock on ") % ctx.label);
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
        log(EventType::Anomaly, m_topology.db[size_t(ctx.cluster)], -1, ctx.request, ctx.label,
            QStringLiteral("DUPLICATE EFFECT: key %1 charged %2 times (ledger %3)")
                .arg(ctx.label)
                .arg(ids.size())
                .arg(ids.join(QStringLiteral(", "))));
    e.label = QStringLiteral("DUPLICATE_EFFECT");
    e.detail = ids.join(QLatin1Char(','));
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
            Event *e = nullptr;
            if (outcome == ReplicaOutcome::Conflict) {
                ++m_conflicts;
                e = &log(EventType::Conflict, from, to, -1, label,
                         QStringLiteral("%1: replicated %2 (%3, claimed by cluster %4) conflicts "
                                        "with its own claim by cluster %5 — local row kept")
                             .arg(nodeName(to), label, row.status, clusterName(row.origin),
                                  clusterName(local.origin)));
            } else if (outcome == ReplicaOutcome::Applied) {
                e = &log(EventType::Replicate, from, to, -1, label,
                         nodeName(from) + QStringLiteral(" → ") + nodeName(to) +
                             QStringLiteral(": replicated key ") + label + QStringLiteral(" (") +
                             row.status + QLatin1Char(')'));
            } else {
                e = &log(EventType::Replicate, from, to, -1, label,
                         QStringLiteral("%1 → %2: replica of %3 is older than the local row — "
                                        "skipped")
                             .arg(nodeName(from), nodeName(to), label));
            }
            e->label = label + QLatin1Char(' ') + row.status;
            if (outcome == ReplicaOutcome::Applied)
                e->state = row.status;
            e->startUs = written;
            e->endUs = m_kernel.now();
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
        Event &e = log(EventType::Replicate, from, to, -1, label,
                       nodeName(from) + QStringLiteral(" → ") + nodeName(to) +
                           QStringLiteral(": replicated ledger row ") + row.id +
                           QStringLiteral(" (") + label + QLatin1Char(')'));
        e.label = QStringLiteral("ledger ") + row.id;
        e.state = row.id;
        e.startUs = written;
        e.endUs = m_kernel.now();
    });
}

} // namespace idem
