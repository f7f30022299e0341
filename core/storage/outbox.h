#pragma once

#include "model/rows.h"

#include <QSqlDatabase>
#include <QString>
#include <QVector>

#include <optional>

namespace idem {

class ClusterDatabase;

/// The outbox of a cluster that runs as its own process (`serve --cluster`): the rows written
/// here that the peer cluster has not acknowledged yet. A handler connection's TEMP triggers
/// (createTriggers) add an entry in the same transaction as the write itself, so a crash can
/// never keep the row and lose its entry; the PeerLink reads the due entries with their
/// current rows, ships them and removes them once the peer answered 2xx. A connection without
/// the triggers (the one applying the peer's rows) writes nothing here: replicas never echo.
class Outbox
{
public:
    /// One row to ship: a key row (its current state) or a ledger row.
    struct Entry
    {
        qint64 seq = 0;
        qint64 writtenUs = 0; ///< wall-clock epoch microseconds of the write
        bool keyRow = true;
        KeyRow key;       ///< keyRow: the row as it is now
        LedgerRow ledger; ///< !keyRow
    };

    /// Creates this connection's triggers on idempotency_keys (insert, update) and ledger
    /// (insert): the rows LiveRuntime's in-process replication ships (deletions stay local).
    [[nodiscard]] static std::optional<QString> createTriggers(QSqlDatabase &db);
    /// Wall-clock epoch microseconds, the outbox's clock (processes' session clocks differ).
    [[nodiscard]] static qint64 epochUs();

    /// `db` must be open and outlive this object.
    explicit Outbox(ClusterDatabase &db) : m_db(db) {}

    /// Up to `limit` entries written at or before `cutoffUs`, oldest first, each with its row.
    /// An entry with nothing to ship comes in `skipped`, to be removed with the batch: its key
    /// row was deleted since (released, reaped), or a later entry of that key ships it.
    struct Due
    {
        QVector<Entry> entries;
        QVector<qint64> skipped;
        QString error; ///< empty on success
    };
    [[nodiscard]] Due due(qint64 cutoffUs, int limit) const;
    /// Removes entries (acknowledged by the peer), in one transaction; an error line on failure.
    [[nodiscard]] std::optional<QString> remove(const QVector<qint64> &seqs);
    /// Entries not acknowledged yet; -1 if the count cannot be read.
    [[nodiscard]] qint64 backlog() const;

private:
    ClusterDatabase &m_db;
};

} // namespace idem
