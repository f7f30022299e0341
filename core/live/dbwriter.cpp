#include "live/dbwriter.h"

#include "model/node.h"

#include <QMutexLocker>
#include <QThread>

namespace idem {

DbWriter::DbWriter(Config config) : m_config(std::move(config)) {}

DbWriter::~DbWriter()
{
    stop();
}

std::optional<QString> DbWriter::start()
{
    std::optional<QString> error;
    QSemaphore opened;
    m_thread.reset(QThread::create([this, &error, &opened] {
        // QtSql connections belong to the thread that opens them: this one's lives here.
        ClusterDatabase db(m_config.cluster, m_config.connection, m_config.file);
        if (m_config.recordOutbox)
            db.recordOutbox();
        error = db.open();
        if (!error) {
            if (m_config.ledgerIds)
                db.shareLedgerIds(*m_config.ledgerIds);
            db.disableAutoCheckpoint(); // the WalCheckpointer's work, off the request path
            QMutexLocker locker(&m_mutex);
            m_running = true;
        }
        const bool ready = !error;
        opened.release(); // from here on, `error` and `opened` may be gone
        if (ready)
            loop(db);
    }));
    m_thread->setObjectName(QStringLiteral("DbWriter %1").arg(m_config.connection));
    m_thread->start();
    opened.acquire();
    if (error) {
        m_thread->wait();
        m_thread.reset();
    }
    return error;
}

DbResult DbWriter::execute(const DbCommand &command, qint64 nowUs, const CommitCheck &check)
{
    Pending pending;
    pending.command = &command;
    pending.nowUs = nowUs;
    pending.check = check ? &check : nullptr;
    return submit(pending);
}

DbResult DbWriter::run(const Job &job)
{
    Pending pending;
    pending.job = &job;
    return submit(pending);
}

DbResult DbWriter::submit(Pending &pending)
{
    {
        QMutexLocker locker(&m_mutex);
        if (!m_running || m_stopping)
            return stopped();
        m_queue.push_back(&pending);
        if (m_idle) {
            m_idle = false; // one wake per batch: later callers find it awake and only queue
            m_wake.wakeOne();
        }
    }
    pending.done.acquire();
    return std::move(pending.result);
}

void DbWriter::stop()
{
    {
        QMutexLocker locker(&m_mutex);
        m_stopping = true;
        m_wake.wakeOne();
    }
    if (m_thread) {
        m_thread->wait();
        m_thread.reset();
    }
}

int DbWriter::queued() const
{
    QMutexLocker locker(&m_mutex);
    return int(m_queue.size());
}

bool DbWriter::accepting() const
{
    QMutexLocker locker(&m_mutex);
    return m_running && !m_stopping;
}

DbResult DbWriter::stopped() const
{
    DbResult result;
    result.error = QStringLiteral("DB %1's writer has stopped: the server is shutting down")
                       .arg(clusterName(m_config.cluster));
    return result;
}

void DbWriter::loop(ClusterDatabase &db)
{
    std::vector<Pending *> batch;
    for (;;) {
        {
            QMutexLocker locker(&m_mutex);
            while (m_queue.empty() && !m_stopping) {
                m_idle = true;
                m_wake.wait(&m_mutex);
            }
            m_idle = false;
            if (m_queue.empty()) { // stopping, and everything queued has been run
                m_running = false;
                return;
            }
            batch.swap(m_queue);
        }
        runBatch(db, batch);
        for (Pending *p : batch)
            p->done.release(); // after this, *p may be gone
        batch.clear();
    }
}

void DbWriter::runBatch(ClusterDatabase &db, const std::vector<Pending *> &batch)
{
    std::optional<QMutexLocker<QMutex>> writing;
    if (m_config.writeLock)
        writing.emplace(m_config.writeLock);
    // A statement alone commits by itself; several share one transaction.
    const bool grouped = batch.size() > 1 && db.beginBatch();
    for (Pending *p : batch) {
        if (p->job)
            p->result = (*p->job)(db);
        else
            p->result = db.execute(*p->command, p->nowUs, p->check ? *p->check : CommitCheck{});
    }
    if (!grouped)
        return;
    if (auto error = db.commitBatch()) {
        for (Pending *p : batch) {
            p->result = DbResult{};
            p->result.error = *error;
        }
    }
}

} // namespace idem
