#include "live/replicationlink.h"

#include "live/clusterconnections.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QMutexLocker>

Q_LOGGING_CATEGORY(lcReplication, "idemlab.live.replication")

namespace idem {

namespace {
QAtomicInt linkCounter;
// Rows are shipped in batches at most this often: one transaction per batch, and a lag a
// few milliseconds longer at worst.
constexpr int batchIntervalMs = 20;
} // namespace

ReplicationLink::ReplicationLink(std::array<QString, 2> files, std::array<QMutex *, 2> writeLocks,
                                 Clock clock, Applied applied, QObject *parent)
    : QThread(parent), m_files(std::move(files)), m_writeLocks(writeLocks),
      m_clock(std::move(clock)), m_applied(std::move(applied))
{
    setObjectName(QStringLiteral("idemlab-replication"));
}

ReplicationLink::~ReplicationLink()
{
    finish();
}

std::optional<QString> ReplicationLink::begin()
{
    start();
    QMutexLocker locker(&m_started);
    while (!m_ready)
        m_startedCond.wait(&m_started);
    if (m_openError)
        wait();
    return m_openError;
}

void ReplicationLink::enqueue(Item item)
{
    QMutexLocker locker(&m_mutex);
    const bool wasEmpty = m_queue.empty();
    m_queue.push_back(std::move(item));
    if (wasEmpty)
        m_wake.wakeOne(); // otherwise the thread already sleeps until an earlier row is due
}

qsizetype ReplicationLink::finish()
{
    {
        QMutexLocker locker(&m_mutex);
        m_stop = true;
        m_wake.wakeOne();
    }
    wait();
    QMutexLocker locker(&m_mutex);
    const qsizetype left = qsizetype(m_queue.size());
    m_queue.clear();
    return left;
}

void ReplicationLink::run()
{
    ClusterConnections dbs(
        m_files, QStringLiteral("idemlab-replication-%1").arg(linkCounter.fetchAndAddRelaxed(1)));
    {
        QMutexLocker locker(&m_started);
        m_openError = dbs.openBoth();
        m_ready = true;
        m_startedCond.wakeAll();
        if (m_openError)
            return;
    }

    std::vector<Item> batch;
    for (;;) {
        {
            QMutexLocker locker(&m_mutex);
            for (;;) {
                if (m_stop)
                    return;
                if (m_queue.empty()) {
                    m_wake.wait(&m_mutex);
                    continue;
                }
                const qint64 wait = m_queue.front().dueUs - m_clock();
                if (wait <= 0)
                    break;
                m_wake.wait(&m_mutex, QDeadlineTimer(std::chrono::microseconds(wait)));
            }
            const qint64 now = m_clock();
            while (!m_queue.empty() && m_queue.front().dueUs <= now) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        // One transaction per target DB for everything that is due.
        for (int c = 0; c < 2; ++c) {
            QString ignored; // both are open
            ClusterDatabase &db = *dbs.get(c, &ignored);
            QMutexLocker writing(m_writeLocks[size_t(c)]);
            bool any = false;
            std::vector<std::pair<const Item *, std::pair<ReplicaOutcome, int>>> outcomes;
            for (const Item &item : batch) {
                if (item.toCluster != c)
                    continue;
                if (!any)
                    any = db.beginBatch();
                KeyRow local;
                ReplicaOutcome outcome = ReplicaOutcome::Applied;
                if (item.keyRow)
                    outcome = db.applyKeyReplica(item.key, &local);
                else if (!db.applyLedgerReplica(item.ledger))
                    outcome = ReplicaOutcome::Stale;
                outcomes.push_back({&item, {outcome, local.origin}});
            }
            if (any) {
                if (auto error = db.commitBatch())
                    qCWarning(lcReplication) << *error;
            }
            writing.unlock();
            for (const auto &[item, result] : outcomes)
                m_applied(*item, result.first, result.second);
        }
        batch.clear();
        QMutexLocker locker(&m_mutex);
        const QDeadlineTimer pause(batchIntervalMs, Qt::PreciseTimer);
        while (!m_stop && !pause.hasExpired())
            m_wake.wait(&m_mutex, pause);
    }
}

} // namespace idem
