#include "sim/simruntime.h"

#include "sim/eventtext.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>

#include <algorithm>

namespace idem {

namespace {

QAtomicInt connectionCounter;

} // namespace

SimRuntime::SimRuntime(const Settings &settings, SimKernel &kernel, const QVector<Node> &nodes,
                       const Topology &topology, const FaultPlan &faults)
    : m_settings(settings), m_kernel(kernel), m_nodes(nodes), m_topology(topology), m_faults(faults)
{}

SimRuntime::~SimRuntime() = default;

const Settings &SimRuntime::settings() const
{
    return m_settings;
}

qint64 SimRuntime::nowUs() const
{
    return m_kernel.now();
}

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
        m_ownDbs[size_t(c)] = std::make_unique<ClusterDatabase>(
            c, QStringLiteral("idemlab-sim-%1-%2").arg(id).arg(clusterName(c)), path,
            ClusterDatabase::Durability::Scratch);
        m_dbs[size_t(c)] = m_ownDbs[size_t(c)].get();
        if (auto error = m_dbs[size_t(c)]->open())
            return error;
    }
    return {};
}

std::optional<QString> SimRuntime::reuse(SimulationDatabases &databases)
{
    if (auto error = databases.clear())
        return error;
    for (int c = 0; c < 2; ++c)
        m_dbs[size_t(c)] = &databases.database(c);
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

void SimRuntime::after(const HandlerContext &ctx, qint64 us, std::function<void()> then)
{
    m_kernel.after(us, [this, ctx, then = std::move(then)] {
        if (alive(ctx))
            then();
    });
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
        // A transaction asks, between its ledger row and its COMMIT, whether the server lives.
        const FaultSpec *crashInside = nullptr;
        CommitCheck check;
        if (command.op == DbOp::ChargeAndConsume)
            check = [this, &ctx, &crashInside] {
                crashInside = m_faults.crash(m_nodes[ctx.server].id, ctx.requestId, ctx.attempt,
                                             FaultStep::Charge);
                return !crashInside && alive(ctx);
            };
        DbResult result = m_dbs[size_t(cluster)]->execute(command, m_kernel.now(), check);
        result.row.key = ctx.label; // KeyRow keeps the stored key in rawKey
        const int dbNode = m_topology.db[size_t(cluster)];
        // A lookup that misses a key the reaper deleted says so: the retry is new to the server.
        QString missed;
        QHash<QString, qint64> &reapedKeys = m_reapedUs[size_t(cluster)];
        if (!reapedKeys.isEmpty() && result.ok()) {
            const QString id = command.scope + QLatin1Char('\n') + command.key;
            if (command.op == DbOp::Lookup && !result.found) {
                if (const auto reaped = reapedKeys.constFind(id); reaped != reapedKeys.cend())
                    missed = eventtext::reapedClause(m_kernel.now() - *reaped, m_settings.keyTtlUs);
            } else if (result.changed &&
                       (command.op == DbOp::Claim || command.op == DbOp::Overwrite)) {
                reapedKeys.remove(id);
            }
        }
        for (Event &e : eventtext::dbEvents(nodeName(ctx.server), nodeName(dbNode), ctx.label,
                                            command, result)) {
            Event &logged =
                log(e.type, ctx.server, dbNode, ctx.request, ctx.label, e.caption + missed);
            logged.label = e.label;
            logged.detail = e.detail;
            logged.state = e.state;
            logged.startUs = sent;
            logged.endUs = m_kernel.now() + back;
        }
        if (result.ok() && result.changed) {
            const bool charged = command.op == DbOp::Charge || command.op == DbOp::ChargeAndConsume;
            if (charged)
                chargeRecorded(ctx, result.ledger);
            if (command.op == DbOp::Claim || command.op == DbOp::Overwrite)
                scheduleReap(cluster, result.row, ctx.label);
            if (charged)
                replicate(cluster, result, false, ctx.label);
            // Deletions stay local: each DB's reaper keeps its own copy's time.
            if (command.op != DbOp::Charge && command.op != DbOp::Reap &&
                command.op != DbOp::Release)
                replicate(cluster, result, true, ctx.label);
        }
        if (crashInside)
            crash(ctx, *crashInside, FaultStep::Charge);
        m_kernel.after(back, [this, ctx, done = std::move(done), result = std::move(result)] {
            if (alive(ctx))
                done(result);
        });
    });
}

void SimRuntime::scheduleReap(int cluster, const KeyRow &row, const QString &label)
{
    // Background work: a reaper due a day later must not stretch the run to that day.
    m_kernel.atBackground(row.createdUs + m_settings.keyTtlUs, [this, cluster, row, label] {
        DbCommand cmd;
        cmd.op = DbOp::Reap;
        cmd.key = row.rawKey;
        cmd.scope = row.scope;
        cmd.olderThanUs = row.createdUs;
        const DbResult result = m_dbs[size_t(cluster)]->execute(cmd, m_kernel.now());
        if (!result.ok() || !result.changed)
            return;
        m_reapedUs[size_t(cluster)].insert(row.scope + QLatin1Char('\n') + row.rawKey,
                                           m_kernel.now());
        const int dbNode = m_topology.db[size_t(cluster)];
        // A scoped key is named with its client, as the verdict names it: "K1 (Client 2)".
        const QString named = row.scope.isEmpty()
                                  ? label
                                  : label + QStringLiteral(" (") + row.scope + QLatin1Char(')');
        Event &e =
            log(EventType::DbWrite, dbNode, dbNode, -1, label,
                eventtext::reapCaption(nodeName(dbNode), named, m_kernel.now() - row.createdUs));
        e.label = QStringLiteral("REAP ") + label;
        e.detail = dbStatementText(DbOp::Reap);
        e.state = eventtext::deletedState();
        e.scope = row.scope; // which client's K1 it deletes: the event names no request
    });
}

void SimRuntime::cache(const HandlerContext &ctx, const CacheCommand &command,
                       std::function<void(const CacheResult &)> done)
{
    const qint64 sent = m_kernel.now();
    const qint64 half = m_settings.cacheUs / 2;
    const qint64 back = m_settings.cacheUs - half;
    m_kernel.after(half, [this, ctx, command, done = std::move(done), sent, back]() mutable {
        CacheResult result;
        if (m_faults.cacheDown(m_kernel.now()))
            result.unreachable = true;
        else
            result = m_cache.execute(command, m_kernel.now());
        Event &e =
            log(EventType::CacheOp, ctx.server, m_topology.cache, ctx.request, ctx.label, {});
        eventtext::describeCache(e, nodeName(ctx.server), ctx.label, command, result);
        e.startUs = sent;
        e.endUs = m_kernel.now() + back;
        m_kernel.after(back, [this, ctx, done = std::move(done), result = std::move(result)] {
            if (alive(ctx))
                done(result);
        });
    });
}

void SimRuntime::lock(const HandlerContext &ctx, std::function<void()> acquired)
{
    KeyLock &lock = m_locks[size_t(ctx.cluster)];
    const int holder = lock.holder(ctx.key);
    if (holder < 0) {
        // Free: take it now (the usual case, so no continuation is built).
        lock.acquire(ctx.key, ctx.request, {});
        m_heldLocks[size_t(ctx.cluster)][ctx.server].insert(ctx.key);
        log(EventType::LockAcquire, ctx.server, -1, ctx.request, ctx.label,
            eventtext::lockTaken(nodeName(ctx.server), ctx.cluster, ctx.label, false));
        acquired();
        return;
    }
    lock.acquire(ctx.key, ctx.request, [this, ctx, acquired = std::move(acquired)] {
        if (!alive(ctx)) {
            // The waiter's server died meanwhile: pass the lock on at once.
            if (auto next = m_locks[size_t(ctx.cluster)].release(ctx.key))
                m_kernel.after(0, std::move(next->resume));
            return;
        }
        m_heldLocks[size_t(ctx.cluster)][ctx.server].insert(ctx.key);
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
    m_heldLocks[size_t(ctx.cluster)][ctx.server].remove(ctx.key);
    if (auto next = m_locks[size_t(ctx.cluster)].release(ctx.key))
        m_kernel.after(0, std::move(next->resume));
}

void SimRuntime::note(const HandlerContext &ctx, EventType type, const QString &sentence,
                      int status, const QString &state)
{
    Event &e = log(type, ctx.server, -1, ctx.request, ctx.label,
                   nodeName(ctx.server) + QStringLiteral(": ") + sentence);
    e.status = status;
    e.state = state;
}

bool SimRuntime::survives(const HandlerContext &ctx, ProtocolStep step)
{
    const FaultStep faultStep = FaultStep(step); // the same steps, in the same order
    if (const FaultSpec *f =
            m_faults.crash(m_nodes[ctx.server].id, ctx.requestId, ctx.attempt, faultStep)) {
        crash(ctx, *f, faultStep);
        return false;
    }
    return alive(ctx);
}

int SimRuntime::operationFailure(const HandlerContext &ctx)
{
    const int status = m_faults.failure(ctx.requestId, ctx.attempt);
    if (status) {
        Event &e =
            log(EventType::Fault, ctx.server, -1, ctx.request, ctx.label,
                eventtext::failCaption(nodeName(ctx.server), ctx.requestId, ctx.attempt, status));
        e.label = QStringLiteral("FAIL %1").arg(status);
        e.status = status;
    }
    return status;
}

void SimRuntime::crash(const HandlerContext &ctx, const FaultSpec &fault, FaultStep step)
{
    takeDown(ctx.server, ctx.request, ctx.label,
             eventtext::crashCaption(nodeName(ctx.server), ctx.label, ctx.requestId, ctx.attempt,
                                     step, fault.downUs),
             fault.downUs);
}

void SimRuntime::takeDown(int server, int request, const QString &key, const QString &caption,
                          qint64 downUs)
{
    const int cluster = m_nodes[server].cluster;
    m_incarnation[server] = m_incarnation.value(server) + 1;
    m_downUntil[server] = m_kernel.now() + downUs;
    Event &e = log(EventType::Fault, server, -1, request, key, caption);
    e.label = QStringLiteral("CRASH");
    e.state = eventtext::downState();
    // A lock service frees the locks of a session that died.
    const QSet<QString> held = m_heldLocks[size_t(cluster)].take(server);
    for (const QString &lockKey : held) {
        log(EventType::LockRelease, server, -1, request, labelOf(lockKey),
            eventtext::lockReleased(nodeName(server), cluster, labelOf(lockKey)) +
                QStringLiteral(" (its holder died)"));
        if (auto next = m_locks[size_t(cluster)].release(lockKey))
            m_kernel.after(0, std::move(next->resume));
    }
    m_kernel.after(downUs, [this, server, downUs] {
        Event &up = log(EventType::Fault, server, -1, -1, {},
                        eventtext::restartCaption(nodeName(server), downUs));
        up.label = QStringLiteral("RESTART");
        up.state = eventtext::upState();
    });
}

void SimRuntime::scheduleFaultWindows()
{
    for (const FaultSpec &f : m_faults.timedCrashes()) {
        const auto node = std::find_if(m_nodes.cbegin(), m_nodes.cend(),
                                       [&](const Node &n) { return n.id == f.server; });
        if (node == m_nodes.cend())
            continue; // a server the settings no longer have
        const int server = int(node - m_nodes.cbegin());
        m_kernel.at(f.atUs, [this, server, downUs = f.downUs] {
            if (isDown(server))
                return; // already down: there is no work left to kill
            takeDown(server, -1, {}, eventtext::timedCrashCaption(nodeName(server), downUs),
                     downUs);
        });
    }
    for (const FaultWindow &w : m_faults.cacheOutages()) {
        m_kernel.at(w.fromUs, [this, w] {
            Event &e = log(EventType::Fault, m_topology.cache, -1, -1, {},
                           eventtext::cacheDownCaption(w.untilUs - w.fromUs));
            e.label = QStringLiteral("CACHE DOWN");
            e.state = eventtext::downState();
        });
        m_kernel.at(w.untilUs, [this] {
            Event &e =
                log(EventType::Fault, m_topology.cache, -1, -1, {}, eventtext::cacheUpCaption());
            e.label = QStringLiteral("CACHE UP");
            e.state = eventtext::upState();
        });
    }
    for (const FaultWindow &w : m_faults.partitions()) {
        const int a = m_topology.db[0];
        const int b = m_topology.db[1];
        m_kernel.at(w.fromUs, [this, w, a, b] {
            Event &e = log(EventType::Fault, a, b, -1, {},
                           eventtext::partitionCaption(w.untilUs - w.fromUs));
            e.label = QStringLiteral("PARTITION");
            e.state = eventtext::downState();
        });
        m_kernel.at(w.untilUs, [this, a, b] {
            Event &e = log(EventType::Fault, a, b, -1, {}, eventtext::healCaption());
            e.label = QStringLiteral("HEALED");
            e.state = eventtext::upState();
        });
    }
}

void SimRuntime::chargeRecorded(const HandlerContext &ctx, const LedgerRow &row)
{
    // Scoped keys are distinct keys: K1 of Client 1 is not K1 of Client 2.
    const QString key = m_settings.keyScope == KeyScope::Client
                            ? ctx.label + QStringLiteral(" (") + ctx.client + QLatin1Char(')')
                            : ctx.label;
    QStringList &ids = m_charges[key];
    ids.append(row.id);
    if (ids.size() < 2)
        return;
    Event &e =
        log(EventType::Anomaly, m_topology.db[size_t(ctx.cluster)], -1, ctx.request, ctx.label, {});
    eventtext::describeDuplicate(e, ctx.label, ids);
}

} // namespace idem
