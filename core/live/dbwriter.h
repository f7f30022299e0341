#pragma once

#include "storage/clusterdatabase.h"

#include <QMutex>
#include <QSemaphore>
#include <QString>
#include <QWaitCondition>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QThread;

namespace idem {

/// The one connection that runs the protocol's statements on one cluster's DB, on a thread
/// of its own. Request threads hand it each statement and wait; it runs everything queued
/// so far in one transaction and hands each caller its result only after the COMMIT, so a
/// write still counts only once committed and the protocol sees exactly what one commit per
/// statement would show it (a failed COMMIT fails every statement of the batch). One
/// connection means its page cache is never dropped by another's commit, one thread means
/// no lock hand-off between writers: the caller that finds the writer idle wakes it, the
/// others only queue, and each caller is woken once, when its batch is done.
class DbWriter
{
public:
    struct Config
    {
        int cluster = 0;
        QString file;       ///< the cluster's WAL file (already created and migrated)
        QString connection; ///< a connection name unique in the process
        /// Charges take their ledger ids from this connection's counter (may be null).
        const ClusterDatabase *ledgerIds = nullptr;
        bool recordOutbox = false; ///< the outbox triggers (a cluster replicating to a peer)
        /// Held while a batch runs: the other writers of the file (replication, checkpoints)
        /// take it too, so that they never wait in SQLite's sleeping busy handler.
        QMutex *writeLock = nullptr;
    };
    /// Work on the writer's connection inside the batch's transaction (tests, diagnostics).
    using Job = std::function<DbResult(ClusterDatabase &)>;

    explicit DbWriter(Config config);
    /// Runs what is queued, then ends the thread.
    ~DbWriter();
    DbWriter(const DbWriter &) = delete;
    DbWriter &operator=(const DbWriter &) = delete;

    /// Starts the thread, which opens the connection; an error line if it cannot.
    [[nodiscard]] std::optional<QString> start();
    /// Runs `command` at `nowUs` (ChargeAndConsume asks `check` between its rows) and returns
    /// once its batch is committed. After stop(): an error result.
    DbResult execute(const DbCommand &command, qint64 nowUs, const CommitCheck &check = {});
    /// Runs `job` on the writer's connection in the same way.
    DbResult run(const Job &job);
    /// Runs everything queued, then ends the thread; later calls fail at once.
    void stop();
    /// Statements queued and not yet taken into a batch.
    [[nodiscard]] int queued() const;
    /// Whether statements are taken now (started, and stop() not called).
    [[nodiscard]] bool accepting() const;

private:
    struct Pending
    {
        const DbCommand *command = nullptr;
        qint64 nowUs = 0;
        const CommitCheck *check = nullptr;
        const Job *job = nullptr;
        DbResult result;
        QSemaphore done;
    };
    DbResult submit(Pending &pending);
    void loop(ClusterDatabase &db);
    void runBatch(ClusterDatabase &db, const std::vector<Pending *> &batch);
    [[nodiscard]] DbResult stopped() const;

    const Config m_config;
    std::unique_ptr<QThread> m_thread;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    std::vector<Pending *> m_queue;
    bool m_idle = false;     ///< the thread waits for work: the next caller wakes it
    bool m_stopping = false; ///< no new work; the thread drains the queue and ends
    bool m_running = false;  ///< the thread runs and takes work
};

} // namespace idem
