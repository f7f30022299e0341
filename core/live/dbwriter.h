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

namespace idem {

/// The one connection that runs the protocol's writes on one cluster's DB. Request threads
/// hand it each statement and wait; everything queued meanwhile runs in one transaction, and
/// each caller gets its result only after the COMMIT, so a write still counts only once
/// committed and the protocol sees exactly what one commit per statement would show it (a
/// failed COMMIT fails every statement of the batch). One connection means its page cache is
/// never dropped by another connection's commit. The batch runs on the thread of the caller
/// that found the connection free (the others only queue, and each is woken once: when its
/// batch is done, or when it is its turn to run the next), not on a thread of its own: on two
/// cores the two hand-offs a statement to and from such a thread cost more CPU than they saved
/// (docs/BENCHMARKS.md, Dec 4 2026).
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
    /// Runs what is queued, then closes the connection.
    ~DbWriter();
    DbWriter(const DbWriter &) = delete;
    DbWriter &operator=(const DbWriter &) = delete;

    /// Opens the connection; an error line if it cannot.
    [[nodiscard]] std::optional<QString> start();
    /// Runs `command` at `nowUs` (ChargeAndConsume asks `check` between its rows) and returns
    /// once its batch is committed. After stop(): an error result.
    DbResult execute(const DbCommand &command, qint64 nowUs, const CommitCheck &check = {});
    /// Runs `job` on the writer's connection in the same way.
    DbResult run(const Job &job);
    /// Waits for everything queued to run, then closes the connection; later calls fail at once.
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
        bool lead = false; ///< woken to run the next batch (the queue), not with its result
        QSemaphore done;
    };
    DbResult submit(Pending &pending);
    /// Runs the queue as one batch, then hands the next batch to the first caller queued.
    void runQueue();
    void runBatch(ClusterDatabase &db, const std::vector<Pending *> &batch);
    [[nodiscard]] DbResult stopped() const;

    const Config m_config;
    std::unique_ptr<ClusterDatabase> m_db;
    mutable QMutex m_mutex;
    QWaitCondition m_drained; ///< no batch runs any more (for stop())
    std::vector<Pending *> m_queue;
    bool m_leading = false;  ///< a caller runs a batch (and will hand the queue on)
    bool m_stopping = false; ///< no new work; the queue still runs
    bool m_running = false;  ///< open, taking work
};

} // namespace idem
