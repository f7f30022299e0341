#pragma once

#include "storage/clusterdatabase.h"

#include <QMutex>
#include <QSemaphore>
#include <QString>
#include <QThread>
#include <QWaitCondition>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace idem {

/// The one connection that runs the protocol's writes on one cluster's DB. Callers hand it
/// each statement; everything queued meanwhile runs in one transaction, and each caller gets
/// its result only after the COMMIT, so a write still counts only once committed and the
/// protocol sees exactly what one commit per statement would show it (a failed COMMIT fails
/// every statement of the batch). One connection means its page cache is never dropped by
/// another connection's commit.
///
/// Two ways to run the batches (Config::ownThread):
/// - off: callers wait (execute()), and the batch runs on the thread of the caller that found
///   the connection free (the others only queue, and each is woken once: when its batch is
///   done, or when it is its turn to run the next). With callers that block, a thread of its
///   own cost more CPU than it saved (docs/BENCHMARKS.md, Dec 4 2026).
/// - on: a thread of its own runs the batches, and callers may also queue a statement with its
///   continuation and return at once (submit()): an HTTP I/O thread goes on parsing requests
///   and queueing their statements while the batch before commits, so batches grow with the
///   requests in flight instead of with the threads blocked (docs/BENCHMARKS.md, Dec 8 2026).
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
        /// Batches run on a thread of the writer's own, which also runs submit()'s continuations.
        bool ownThread = false;
    };
    /// Work on the writer's connection inside the batch's transaction (tests, diagnostics).
    using Job = std::function<DbResult(ClusterDatabase &)>;
    /// What submit() calls with the statement's result.
    using Done = std::function<void(DbResult &&)>;

    explicit DbWriter(Config config);
    /// Runs what is queued, then closes the connection.
    ~DbWriter();
    DbWriter(const DbWriter &) = delete;
    DbWriter &operator=(const DbWriter &) = delete;

    /// Opens the connection; an error line if it cannot.
    [[nodiscard]] std::optional<QString> start();
    /// Runs `command` at `nowUs` (ChargeAndConsume asks `check` between its rows) and returns
    /// once its batch is committed. After stop(): an error result. With ownThread, not from a
    /// continuation of submit() (the writer's thread would wait for itself).
    DbResult execute(const DbCommand &command, qint64 nowUs, const CommitCheck &check = {});
    /// Runs `job` on the writer's connection in the same way.
    DbResult run(const Job &job);
    /// ownThread only: queues `command` at `nowUs` and returns at once. `done` runs on the
    /// writer's thread once the statement's batch has committed (or failed), in the order the
    /// statements were queued; a statement queued from `done` goes into a later batch. After
    /// stop() has begun, `done` runs at once on this thread with an error result.
    void submit(const DbCommand &command, qint64 nowUs, Done done);
    /// Waits until nothing is queued and no batch runs, continuations included: every request
    /// whose statements were queued has gone as far as the DB takes it (ownThread; at once
    /// otherwise, as callers wait for their statements themselves).
    void waitIdle();
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
        /// submit(): the statement (`command` points here) and its continuation; the writer
        /// owns the Pending and deletes it after `then` has run.
        DbCommand own;
        Done then;
    };
    DbResult wait(Pending &pending);
    /// Runs the queue as one batch, then hands the next batch to the first caller queued.
    void runQueue();
    /// ownThread: the writer's thread, from open to close.
    void loop();
    void runBatch(ClusterDatabase &db, const std::vector<Pending *> &batch);
    /// Gives each statement of a finished batch its result: wakes its caller or runs its
    /// continuation.
    static void hand(const std::vector<Pending *> &batch);
    [[nodiscard]] std::unique_ptr<ClusterDatabase> openConnection(std::optional<QString> *error);
    [[nodiscard]] DbResult stopped() const;

    const Config m_config;
    std::unique_ptr<ClusterDatabase> m_db;
    std::unique_ptr<QThread> m_thread; ///< ownThread
    mutable QMutex m_mutex;
    QWaitCondition m_drained; ///< no batch runs any more (for stop() and waitIdle())
    QWaitCondition m_wake;    ///< ownThread: something was queued, or stop() began
    std::vector<Pending *> m_queue;
    bool m_leading = false;  ///< a batch runs (and, caller-run, the caller will hand the queue on)
    bool m_stopping = false; ///< no new work; the queue still runs
    bool m_running = false;  ///< open, taking work
};

} // namespace idem
