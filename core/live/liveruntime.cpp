#include "live/liveruntime.h"

#include "sim/eventtext.h"
#include "storage/outbox.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QStringBuilder>

#include <csignal>
#include <unistd.h>

namespace idem {

namespace {
QAtomicInt runtimeCounter;
// Often enough that the WAL stays small (tens of MB at full speed), rarely enough that its
// fsyncs cost little.
constexpr int checkpointIntervalMs = 200;
} // namespace

LiveRuntime::LiveRuntime(const Settings &settings, const QVector<Node> &nodes,
                         const LiveTopology &topology, LiveRecorder &recorder,
                         std::unique_ptr<SharedCache> cache)
    : m_settings(settings), m_nodes(nodes), m_topology(topology), m_recorder(recorder),
      m_id(runtimeCounter.fetchAndAddRelaxed(1)),
      m_cache(cache ? std::move(cache) : std::make_unique<CacheStore>()),
      m_holderSuffix(QLatin1Char('@') +
                     QString::number(QRandomGenerator::global()->generate64(), 36))
{}

LiveRuntime::~LiveRuntime()
{
    for (auto &writer : m_writers)
        writer.reset();
    m_peerLink.reset();
    m_replication.reset();
    m_checkpointer.reset();
    if (m_threadDbs.hasLocalData())
        m_threadDbs.setLocalData(nullptr);
    if (m_replicaDbs.hasLocalData())
        m_replicaDbs.setLocalData(nullptr);
}

const Settings &LiveRuntime::settings() const
{
    return m_settings;
}

qint64 LiveRuntime::nowUs() const
{
    return m_recorder.nowUs() + m_clockOffsetUs;
}

std::optional<QString> LiveRuntime::open(const QString &dbDir)
{
    const QDir dir(dbDir);
    for (int c = 0; c < 2; ++c) {
        if (!hosts(c))
            continue; // the peer process's
        m_files[size_t(c)] = dir.filePath(c == 0 ? QStringLiteral("cluster-a.sqlite")
                                                 : QStringLiteral("cluster-b.sqlite"));
        // The first connection creates and migrates the file; threads only open it.
        m_owner[size_t(c)] = std::make_unique<ClusterDatabase>(
            c, QStringLiteral("idemlab-live-%1-%2-owner").arg(m_id).arg(c), m_files[size_t(c)]);
        if (auto error = m_owner[size_t(c)]->open())
            return error;
        DbWriter::Config writer;
        writer.cluster = c;
        writer.file = m_files[size_t(c)];
        writer.connection = QStringLiteral("idemlab-live-%1-%2-writer").arg(m_id).arg(c);
        writer.ledgerIds = m_owner[size_t(c)].get();
        // Every write here also queues its row for the peer process.
        writer.recordOutbox = m_peer && m_settings.replication;
        writer.writeLock = &m_writeLocks[size_t(c)];
        writer.ownThread = m_queueWrites;
        m_writers[size_t(c)] = std::make_unique<DbWriter>(writer);
        if (auto error = m_writers[size_t(c)]->start())
            return error;
    }
    m_checkpointer = std::make_unique<WalCheckpointer>(
        m_files, std::array<QMutex *, 2>{&m_writeLocks[0], &m_writeLocks[1]}, checkpointIntervalMs);
    m_checkpointer->start();
    if (!m_settings.replication)
        return {};
    if (m_peer) {
        const int c = m_peer->cluster;
        m_peerLink = std::make_unique<PeerLink>(
            PeerLink::Config{c, m_files[size_t(c)], &m_writeLocks[size_t(c)], m_peer->url,
                             m_settings.lagUs, m_peer->log});
        return m_peerLink->begin();
    }
    m_replication = std::make_unique<ReplicationLink>(
        m_files, std::array<QMutex *, 2>{&m_writeLocks[0], &m_writeLocks[1]},
        [this] { return sessionUs(); },
        [this](const ReplicationLink::Item &item, ReplicaOutcome outcome, int localOrigin) {
            replicaApplied(item, outcome, localOrigin);
        });
    return m_replication->begin();
}

void LiveRuntime::interrupt()
{
    QMutexLocker locker(&m_sleepMutex);
    m_interrupted = true;
    m_wakeSleepers.wakeAll();
}

void LiveRuntime::drainWrites()
{
    for (auto &writer : m_writers)
        if (writer)
            writer->waitIdle();
}

LiveRuntime::CloseReport LiveRuntime::close()
{
    CloseReport report;
    for (auto &writer : m_writers)
        if (writer)
            writer->stop(); // nothing is queued: the request threads have ended
    if (m_replication)
        report.unsentRows = m_replication->finish();
    m_replication.reset();
    if (m_peerLink) {
        m_peerLink->finish();
        report.unsentRows =
            std::max<qint64>(0, Outbox(*m_owner[size_t(m_peer->cluster)]).backlog());
    }
    m_peerLink.reset();
    m_checkpointer.reset();
    for (const auto &db : m_owner)
        if (db)
            if (const auto done = db->checkpoint(); !done.error.isEmpty())
                report.errors.append(done.error);
    return report;
}

ClusterDatabase *LiveRuntime::threadDatabase(int cluster, QString *error)
{
    ClusterConnections *mine = m_threadDbs.localData();
    if (!mine) {
        mine = new ClusterConnections(
            m_files, QStringLiteral("idemlab-live-%1-%2").arg(m_id).arg(m_connections++), &m_owner);
        if (m_peer && m_settings.replication)
            mine->recordOutbox();       // every write here also queues its row for the peer
        m_threadDbs.setLocalData(mine); // owned by the storage: deleted when the thread ends
    }
    return mine->get(cluster, error);
}

Event LiveRuntime::event(EventType type, int from, int to, int request, const QString &key)
{
    Event e;
    e.type = type;
    e.from = from;
    e.to = to;
    e.request = request;
    e.key = key;
    return e;
}

void LiveRuntime::sleepUs(qint64 us)
{
    if (us <= 0)
        return;
    const QDeadlineTimer deadline(std::chrono::microseconds(us), Qt::PreciseTimer);
    QMutexLocker locker(&m_sleepMutex);
    while (!m_interrupted && !deadline.hasExpired())
        m_wakeSleepers.wait(&m_sleepMutex, deadline);
}

void LiveRuntime::after(const HandlerContext &, qint64 us, std::function<void()> then)
{
    sleepUs(us);
    then();
}

void LiveRuntime::db(const HandlerContext &ctx, const DbCommand &command,
                     std::function<void(const DbResult &)> done)
{
    const qint64 sent = sessionUs();
    DbWriter *writer = m_writers[size_t(ctx.cluster)].get();
    if (writer && m_queueWrites && dbOpWrites(command.op)) {
        // Queued: this thread goes back to its requests while the batch commits; the rest of
        // the request runs on the writer's thread (its statements stay in order: the next one
        // is only sent from this continuation).
        writer->submit(command, nowUs(),
                       [this, ctx, command, sent, done = std::move(done)](DbResult &&result) {
                           statementDone(ctx, command, result, sent, 0);
                           done(result);
                       });
        return;
    }
    const qint64 half = m_settings.dbUs / 2;
    sleepUs(half);
    DbResult result;
    if (writer) {
        if (command.op == DbOp::ChargeAndConsume && m_crash &&
            m_crash->step == ProtocolStep::Charge) {
            // --crash-after charge with atomic on ends the process inside the transaction,
            // between its ledger row and its CONSUMED (as the simulation's crash does).
            result = writer->execute(command, nowUs(),
                                     [&] { return survives(ctx, ProtocolStep::Charge); });
        } else if (dbOpWrites(command.op)) {
            // Reads stay on this thread's connection: replays (lookups only) run on every
            // core at once; through the writer they ran one at a time (measured slower,
            // docs/BENCHMARKS.md), and new keys were no faster.
            result = writer->execute(command, nowUs());
        } else {
            QString error;
            if (ClusterDatabase *conn = threadDatabase(ctx.cluster, &error))
                result = conn->execute(command, nowUs());
            else
                result.error = error;
        }
    } else {
        result.error =
            QStringLiteral("DB %1 is not open in this process").arg(clusterName(ctx.cluster));
    }
    const qint64 back = m_settings.dbUs - half;
    statementDone(ctx, command, result, sent, back);
    sleepUs(back);
    done(result);
}

void LiveRuntime::statementDone(const HandlerContext &ctx, const DbCommand &command,
                                DbResult &result, qint64 sentUs, qint64 backUs)
{
    result.row.key = ctx.label; // KeyRow keeps the stored key in rawKey
    const bool charged = result.ok() && (command.op == DbOp::Charge ||
                                         (command.op == DbOp::ChargeAndConsume && result.changed));
    if (m_recorder.recording()) {
        const int dbNode = m_topology.db[size_t(ctx.cluster)];
        for (Event &e : eventtext::dbEvents(nodeName(ctx.server), nodeName(dbNode), ctx.label,
                                            command, result)) {
            e.from = ctx.server;
            e.to = dbNode;
            e.request = ctx.request;
            e.key = ctx.label;
            e.startUs = sentUs;
            e.endUs = sessionUs() + backUs;
            m_recorder.append(std::move(e));
        }
        if (charged) {
            const QStringList ids = m_recorder.charged(ctx.label, result.ledger.id);
            if (ids.size() > 1) {
                Event anomaly = event(EventType::Anomaly, dbNode, -1, ctx.request, ctx.label);
                eventtext::describeDuplicate(anomaly, ctx.label, ids);
                m_recorder.append(std::move(anomaly));
            }
        }
    }
    if (result.ok() && result.changed) {
        if (charged)
            replicate(ctx.cluster, result, false, ctx.label);
        // Deletions stay local, as in the simulation.
        if (command.op != DbOp::Charge && command.op != DbOp::Release && command.op != DbOp::Reap)
            replicate(ctx.cluster, result, true, ctx.label);
    }
}

void LiveRuntime::cache(const HandlerContext &ctx, const CacheCommand &command,
                        std::function<void(const CacheResult &)> done)
{
    const qint64 sent = sessionUs();
    const qint64 half = m_settings.cacheUs / 2;
    sleepUs(half);
    CacheCommand held = command;
    held.holder =
        nodeName(ctx.server) % QLatin1Char('#') % QString::number(ctx.exchange) % m_holderSuffix;
    const CacheResult result = m_cache->execute(held, nowUs());
    const qint64 back = m_settings.cacheUs - half;
    if (m_recorder.recording()) {
        Event e = event(EventType::CacheOp, ctx.server, m_topology.cache, ctx.request, ctx.label);
        e.startUs = sent;
        e.endUs = sessionUs() + back;
        eventtext::describeCache(e, nodeName(ctx.server), ctx.label, command, result);
        m_recorder.append(std::move(e));
    }
    sleepUs(back);
    done(result);
}

void LiveRuntime::lock(const HandlerContext &ctx, std::function<void()> acquired)
{
    auto waited = std::make_shared<bool>(false);
    auto onWait = [this, ctx, waited](int holder) {
        *waited = true;
        if (!m_recorder.recording())
            return;
        Event e = event(EventType::LockWait, ctx.server, -1, ctx.request, ctx.label);
        e.caption = eventtext::lockWait(nodeName(ctx.server), ctx.cluster, ctx.label, holder);
        e.detail = QString::number(holder);
        m_recorder.append(std::move(e));
    };
    auto taken = [this, ctx, waited, acquired = std::move(acquired)] {
        if (m_recorder.recording()) {
            Event e = event(EventType::LockAcquire, ctx.server, -1, ctx.request, ctx.label);
            e.caption = eventtext::lockTaken(nodeName(ctx.server), ctx.cluster, ctx.label, *waited);
            m_recorder.append(std::move(e));
        }
        acquired();
    };
    BlockingKeyLock &keys = m_locks[size_t(ctx.cluster)];
    if (m_queueWrites) {
        // The thread goes on; the holder's release (after its claim has committed, on the DB
        // writer's thread) runs the rest of this request.
        keys.queue(ctx.key, ctx.request, onWait, std::move(taken));
        return;
    }
    keys.acquire(ctx.key, ctx.request, onWait);
    taken();
}

void LiveRuntime::unlock(const HandlerContext &ctx)
{
    if (m_recorder.recording()) {
        Event e = event(EventType::LockRelease, ctx.server, -1, ctx.request, ctx.label);
        e.caption = eventtext::lockReleased(nodeName(ctx.server), ctx.cluster, ctx.label);
        m_recorder.append(std::move(e));
    }
    m_locks[size_t(ctx.cluster)].release(ctx.key);
}

bool LiveRuntime::survives(const HandlerContext &ctx, ProtocolStep step)
{
    // Live servers crash for real: only on --crash-after, and then the whole process.
    if (!m_crash || step != m_crash->step || m_crashSteps.fetch_add(1) + 1 != m_crash->nth)
        return true;
    const QByteArray line =
        QStringLiteral("idemlab-cli serve: crashing now (--crash-after %1): %2 passed the step "
                       "with key %3; ending the process as kill -9 would\n")
            .arg(m_crash->spec, nodeName(ctx.server), ctx.label)
            .toLocal8Bit();
    [[maybe_unused]] const ssize_t n =
        ::write(STDERR_FILENO, line.constData(), size_t(line.size()));
    ::raise(SIGKILL);
    return false; // not reached
}

int LiveRuntime::operationFailure(const HandlerContext &)
{
    return 0;
}

void LiveRuntime::note(const HandlerContext &ctx, EventType type, const QString &sentence,
                       int status, const QString &state)
{
    if (!m_recorder.recording())
        return;
    Event e = event(type, ctx.server, -1, ctx.request, ctx.label);
    e.status = status;
    e.state = state;
    e.caption = nodeName(ctx.server) + QStringLiteral(": ") + sentence;
    m_recorder.append(std::move(e));
}

void LiveRuntime::message(int from, int to, int request, const QString &key, int status,
                          const QString &label, const QString &caption)
{
    if (!m_recorder.recording())
        return;
    Event e = event(EventType::Send, from, to, request, key);
    e.status = status;
    e.label = label;
    e.caption = caption;
    e.startUs = sessionUs(); // a real hop on loopback takes microseconds: start = end = now
    e.endUs = e.startUs;
    m_recorder.append(std::move(e));
}

std::optional<ClusterDatabase::Totals> LiveRuntime::ledgerTotals(int cluster, const QString &key)
{
    QString error;
    ClusterDatabase *conn = threadDatabase(cluster, &error);
    if (!conn)
        return std::nullopt;
    return conn->ledgerTotals(key);
}

} // namespace idem
