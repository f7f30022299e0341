#pragma once

#include "dbcommand.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>
#include <optional>

namespace idem {

/// How a replicated key row landed on the other DB.
enum class ReplicaOutcome : quint8
{
    Applied,  ///< inserted or brought up to date
    Stale,    ///< the local copy is already newer
    Conflict, ///< the key was claimed here independently (another origin): local row kept
};

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

    /// Opens the DB and migrates the schema; returns an error line on failure.
    [[nodiscard]] std::optional<QString> open();
    /// Runs one protocol statement, atomically, at virtual or real time `nowUs`.
    DbResult execute(const DbCommand &command, qint64 nowUs);
    /// Applies a key row written at the other cluster.
    ReplicaOutcome applyKeyReplica(const KeyRow &row, KeyRow *local = nullptr);
    /// Applies a ledger row written at the other cluster; false if it was already here.
    bool applyLedgerReplica(const LedgerRow &row);

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
    static constexpr int schemaVersion = 1;

private:
    std::optional<QString> migrate();
    KeyRow readKeyRow(const QSqlQuery &query, int firstColumn, const QString &key) const;

    int m_cluster = 0;
    QString m_connection;
    QString m_filePath;
    Durability m_durability = Durability::Durable;
    QSqlDatabase m_db;
    qint64 m_nextLedger = 1;
    struct Statements;
    std::unique_ptr<Statements> m_st;
};

} // namespace idem
