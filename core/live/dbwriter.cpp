#include "live/dbwriter.h"

#include "model/node.h"

#include <QMutexLocker>

namespace idem {

DbWriter::DbWriter(Config config) : m_config(std::move(config)) {}

DbWriter::~DbWriter()
{
    stop();
}

std::unique_ptr<ClusterDatabase> DbWriter::openConnection(std::optional<QString> *error)
{
    auto db =
        std::make_unique<ClusterDatabase>(m_config.cluster, m_config.connection, m_config.file);
    if (m_config.recordOutbox)
        db->recordOutbox();
    if ((*error = db->open()))
        return {};
    if (m_config.ledgerIds)
        db->shareLedgerIds(*m_config.ledgerIds);
    db->disableAutoCheckpoint(); // the WalCheckpointer's work, off the request path
    return db;
}

std::optional<QString> DbWriter::start()
{
    std::optional<QString> error;
    if (!m_config.ownThread) {
        auto db = openConnection(&error);
        if (error)
            return error;
        QMutexLocker locker(&m_mutex);
        m_db = std::move(db);
        m_running = true;
        return {};
    }
    QSemaphore opened;
    m_thread.reset(QThread::create([this, &error, &opened] {
        // A QtSql connection belongs to the thread that opens it: this one's lives here.
        auto db = openConnection(&error);
        if (db) {
            QMutexLocker locker(&m_mutex);
            m_db = std::move(db);
            m_running = true;
        }
        const bool ready = !error;
        opened.release(); // from here on, `error` and `opened` may be gone
        if (ready)
            loop();
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
    return wait(pending);
}

DbResult DbWriter::run(const Job &job)
{
    Pending pending;
    pending.job = &job;
    return wait(pending);
}

void DbWriter::submit(const DbCommand &command, qint64 nowUs, Done done)
{
    Q_ASSERT(m_config.ownThread);
    auto pending = std::make_unique<Pending>();
    pending->own = command;
    pending->command = &pending->own;
    pending->nowUs = nowUs;
    pending->then = std::move(done);
    {
        QMutexLocker locker(&m_mutex);
        if (m_running && !m_stopping && m_thread) {
            m_queue.push_back(pending.release());
            if (!m_leading) {
                m_leading = true; // one wake per batch: later callers find it awake and only queue
                m_wake.wakeOne();
            }
            return;
        }
    }
    pending->then(stopped());
}

DbResult DbWriter::wait(Pending &pending)
{
    bool lead = false;
    {
        QMutexLocker locker(&m_mutex);
        if (!m_running || m_stopping)
            return stopped();
        Q_ASSERT(QThread::currentThread() != m_thread.get());
        m_queue.push_back(&pending);
        if (m_thread) {
            if (!m_leading) {
                m_leading = true;
                m_wake.wakeOne();
            }
        } else {
            lead = !m_leading;
            m_leading = true;
        }
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
    hand(batch);
}

void DbWriter::loop()
{
    std::vector<Pending *> batch;
    QMutexLocker locker(&m_mutex);
    for (;;) {
        while (m_queue.empty() && !m_stopping) {
            m_leading = false; // idle: the next caller wakes it
            m_drained.wakeAll();
            m_wake.wait(&m_mutex);
        }
        if (m_queue.empty())
            break; // stopping, and everything queued has run
        m_leading = true;
        batch.swap(m_queue);
        locker.unlock();
        runBatch(*m_db, batch);
        hand(batch); // continuations may queue the requests' next statements
        batch.clear();
        locker.relock();
    }
    m_leading = false;
    m_running = false;
    m_drained.wakeAll();
    std::unique_ptr<ClusterDatabase> db = std::move(m_db);
    locker.unlock();
    db.reset(); // closed on the thread that opened it
}

void DbWriter::hand(const std::vector<Pending *> &batch)
{
    for (Pending *p : batch) {
        if (!p->then) {
            p->done.release(); // after this, *p may be gone
            continue;
        }
        const std::unique_ptr<Pending> owned(p);
        owned->then(std::move(owned->result));
    }
}

void DbWriter::waitIdle()
{
    QMutexLocker locker(&m_mutex);
    while (m_leading || !m_queue.empty())
        m_drained.wait(&m_mutex);
}

void DbWriter::stop()
{
    QMutexLocker locker(&m_mutex);
    m_stopping = true;
    if (m_thread) {
        m_wake.wakeOne();
        locker.unlock();
        m_thread->wait();
        m_thread.reset();
        return;
    }
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
