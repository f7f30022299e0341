#pragma once

#include "storage/dbcommand.h"
#include "storage/replicaoutcome.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <atomic>
#include <memory>
#include <optional>

namespace idem {

class SqliteStatement;

/// One cluster's SQLite database (QtSql): the schema, the protocol's statements, replication.
///
/// In memory by default; with a file path, a WAL-mode file that `sqlite3` can open later.
class ClusterDatabase
{
public:
    /// Whether a file DB must survive a power cut (live mode) or is a record to inspect
    /// (a simulation's --db-dir, which never needs an fsync).
    enum class Durability : quint8
    {
        Durable,
        Scratch,
    };

    /// `connection` must be unique per thread; `filePath` empty = in memory.
    ClusterDatabase(int cluster, const QString &connection, const QString &filePath = {},
                    Durability durability = Durability::Durable);
    ~ClusterDatabase();
    ClusterDatabase(const ClusterDatabase &) = delete;
    ClusterDatabase &operator=(const ClusterDatabase &) = delete;

    /// Gives this connection the outbox triggers (storage/outbox.h): every key row it inserts
    /// or updates and every ledger row it inserts is also queued for the peer cluster process,
    /// in the same transaction. Call before open().
    void recordOutbox() { m_recordOutbox = true; }
    /// Opens the DB and migrates the schema; returns an error line on failure.
    [[nodiscard]] std::optional<QString> open();
    /// Empties both tables and restarts the ledger ids, as a freshly opened DB: a sweep runs
    /// its trials on one pair of DBs instead of opening two per trial. An error line on failure.
    [[nodiscard]] std::optional<QString> clear();
    /// Takes ledger ids from `primary`'s counter from now on. Live mode opens one connection
    /// per thread to the same file; they must not hand out the same id. Call after open().
    void shareLedgerIds(const ClusterDatabase &primary) { m_nextLedger = primary.m_nextLedger; }
    /// How much of the WAL a checkpoint copies into the database file.
    enum class Checkpoint : quint8
    {
        Passive,  ///< what no reader or writer holds, without waiting for anyone
        Truncate, ///< everything, then the WAL file is emptied (at close)
    };
    struct CheckpointResult
    {
        QString error;        ///< empty on success
        bool busy = false;    ///< someone kept part of the WAL (Truncate: an error)
        int logFrames = 0;    ///< frames in the WAL
        int copiedFrames = 0; ///< of those, frames now in the database file
    };
    /// Runs a checkpoint (file DBs; in memory there is nothing to do).
    CheckpointResult checkpoint(Checkpoint mode = Checkpoint::Truncate);
    /// Stops this connection from checkpointing after its commits (SQLite does so every
    /// 1000 pages, with an fsync, in the committing thread); someone else then must.
    void disableAutoCheckpoint();
    /// Runs one protocol statement, atomically, at virtual or real time `nowUs`. A
    /// ChargeAndConsume runs as one transaction and asks `check` between its ledger row and
    /// its CONSUMED whether to go on (false: rolled back, as a crash of the server leaves it).
    DbResult execute(const DbCommand &command, qint64 nowUs, const CommitCheck &check = {});
    /// Applies a key row written at the other cluster.
    ReplicaOutcome applyKeyReplica(const KeyRow &row, KeyRow *local = nullptr);
    /// Applies a ledger row written at the other cluster; false if it was already here.
    bool applyLedgerReplica(const LedgerRow &row);
    /// Groups the statements until commitBatch() into one transaction (a replication batch).
    bool beginBatch();
    /// Commits the batch; an error line on failure (the batch is rolled back).
    std::optional<QString> commitBatch();

    /// The key row (scope, key) as it is now, or nullopt.
    [[nodiscard]] std::optional<KeyRow> keyRow(const QString &scope, const QString &key) const;
    /// The ledger row `id`, or nullopt.
    [[nodiscard]] std::optional<LedgerRow> ledgerRow(const QString &id) const;
    /// The QtSql connection (for storage/ files that add tables of their own: the outbox).
    [[nodiscard]] QSqlDatabase connection() const { return m_db; }

    /// All key rows, ordered by key (labels left empty: the caller maps them).
    [[nodiscard]] QVector<KeyRow> keyRows() const;
    /// All ledger rows, ordered by time then id.
    [[nodiscard]] QVector<LedgerRow> ledgerRows() const;
    /// Ledger totals, for one stored key or (empty key) the whole ledger.
    struct Totals
    {
        qint64 count = 0;
        qint64 amount = 0;
    };
    [[nodiscard]] Totals ledgerTotals(const QString &key = {}) const;

    [[nodiscard]] int cluster() const { return m_cluster; }
    [[nodiscard]] QString filePath() const { return m_filePath; }

    /// The current schema version (PRAGMA user_version).
    static constexpr int schemaVersion = 3;

private:
    std::optional<QString> migrate();
    template <size_t N>
    std::optional<QString> migrateStep(const char *const (&statements)[N], int version,
                                       const QString &what);
    DbResult charge(const DbCommand &command, qint64 nowUs);
    DbResult consume(const DbCommand &command, qint64 nowUs);
    DbResult chargeAndConsume(const DbCommand &command, qint64 nowUs, const CommitCheck &check);
    /// The generation of the key's row, 0 if there is none.
    int lookupGeneration(const DbCommand &command);
    KeyRow readKeyRow(const SqliteStatement &query, int firstColumn, const QString &key) const;
    /// Records the statement's error in `result`, logs it ("DB A charge failed: …"), returns it.
    DbResult failed(DbResult &result, SqliteStatement &query, const char *what) const;

    int m_cluster = 0;
    QString m_connection;
    QString m_filePath;
    Durability m_durability = Durability::Durable;
    bool m_inBatch = false; ///< inside beginBatch() … commitBatch()
    bool m_recordOutbox = false;
    QSqlDatabase m_db;
    /// Sequence of this cluster's ledger ids ("A-<n>"), shared by connections to one file.
    std::shared_ptr<std::atomic<qint64>> m_nextLedger;
    struct Statements;
    std::unique_ptr<Statements> m_st;
};

} // namespace idem
