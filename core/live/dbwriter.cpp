#include "live/dbwriter.h"

#include "model/node.h"

#include <QMutexLocker>

namespace idem {

DbWriter::DbWriter(Config config) : m_config(std::move(config)) {}

DbWriter::~DbWriter()
{
    stop();
}

std::optional<QString> DbWriter::start()
{
    auto db =
        std::make_unique<ClusterDatabase>(m_config.cluster, m_config.connection, m_config.file);
    if (m_config.recordOutbox)
        db->recordOutbox();
    if (auto error = db->open())
        return error;
    if (m_config.ledgerIds)
        db->shareLedgerIds(*m_config.ledgerIds);
    db->disableAutoCheckpoint(); // the WalCheckpointer's work, off the request path
    QMutexLocker locker(&m_mutex);
    m_db = std::move(db);
    m_running = true;
    return {};
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
    bool lead = false;
    {
        QMutexLocker locker(&m_mutex);
        if (!m_running || m_stopping)
            return stopped();
        m_queue.push_back(&pending);
        lead = !m_leading;
        m_leading = true;
    }
    for (;;) {
        if (lead)
            runQueue();
        pending.done.acquire(); // its batch is committed, or it is this caller's turn to lead
        lead = pending.lead;
        if (!lead)
            return std::move(pending.result);
        pending.lead = false;
    }
}

void DbWriter::runQueue()
{
    std::vector<Pending *> batch;
    {
        QMutexLocker locker(&m_mutex);
        batch.swap(m_queue);
    }
    runBatch(*m_db, batch);
    Pending *next = nullptr;
    {
        QMutexLocker locker(&m_mutex);
        if (m_queue.empty()) {
            m_leading = false;
            m_drained.wakeAll();
        } else {
            // Whoever queued first runs the next batch: one wake, and no caller waits for
            // more than the batch before its own.
            next = m_queue.front();
            next->lead = true;
        }
    }
    if (next)
        next->done.release();
    for (Pending *p : batch)
        p->done.release(); // after this, *p may be gone
}

void DbWriter::stop()
{
    QMutexLocker locker(&m_mutex);
    m_stopping = true;
    while (m_leading)
        m_drained.wait(&m_mutex);
    m_running = false;
    m_db.reset();
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
