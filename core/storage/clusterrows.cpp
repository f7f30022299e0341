#include "storage/clusterdatabase.h"

#include "storage/clusterstatements.h"
#include "storage/protocolsql.h"
#include "storage/sqlrow.h"

#include <QSqlError>
#include <QVariant>

// Reading a cluster DB's rows back (the end of a run, the HTTP /ledger totals), and the one
// multi-statement write: the atomic charge + consume transaction.

namespace idem {

using sqlrow::originIndex;

namespace {

// A ledger row from the columns id, key, origin, from_acct, to_acct, amount, at_us, scope
// (the stored key: callers map it to a label).
LedgerRow readLedgerRow(const SqliteStatement &q)
{
    LedgerRow row;
    row.id = q.text(0);
    row.key = q.text(1);
    row.origin = originIndex(q.text(2));
    row.fromAcct = q.text(3);
    row.toAcct = q.text(4);
    row.amount = q.int64(5);
    row.atUs = q.int64(6);
    row.scope = q.text(7);
    return row;
}

} // namespace

DbResult ClusterDatabase::chargeAndConsume(const DbCommand &cmd, qint64 nowUs,
                                           const CommitCheck &check)
{
    // Inside a replication or DbWriter batch the transaction is a savepoint of it.
    const bool nested = m_inBatch;
    QString nestedError;
    auto run = [&nestedError](SqliteStatement &statement) {
        const bool ran = statement.exec();
        if (!ran)
            nestedError = statement.error();
        statement.done();
        return ran;
    };
    auto begin = [&] { return nested ? run(m_st->savepoint) : m_db.transaction(); };
    auto rollback = [&] {
        if (nested) {
            run(m_st->rollbackToSavepoint);
            run(m_st->releaseSavepoint);
        } else {
            m_db.rollback();
        }
    };
    if (!begin()) {
        DbResult result;
        result.error = QStringLiteral("cannot begin the transaction: %1")
                           .arg(nested ? nestedError : m_db.lastError().text());
        return result;
    }
    DbResult charged = charge(cmd, nowUs);
    if (!charged.ok()) {
        rollback();
        return charged;
    }
    if (check && !check()) {
        rollback();
        charged.changed = false;
        charged.rolledBack = true;
        charged.row.rawKey = cmd.key;
        charged.row.scope = cmd.scope;
        return charged;
    }
    DbCommand consumeCmd = cmd;
    consumeCmd.responseBody.replace(ledgerIdToken, charged.ledger.id);
    DbResult result = consume(consumeCmd, nowUs);
    result.ledger = charged.ledger;
    if (!result.ok() || !result.changed) {
        rollback();
        result.changed = false;
        result.rolledBack = true;
        return result;
    }
    const bool committed = nested ? run(m_st->releaseSavepoint) : m_db.commit();
    if (!committed) {
        result.error = QStringLiteral("cannot commit the transaction: %1")
                           .arg(nested ? nestedError : m_db.lastError().text());
        rollback();
        result.changed = false;
        result.rolledBack = true;
    }
    return result;
}

std::optional<KeyRow> ClusterDatabase::keyRow(const QString &scope, const QString &key) const
{
    SqliteStatement &q = m_st->lookup;
    q.bind(0, sqlrow::text(scope));
    q.bind(1, key);
    std::optional<KeyRow> row;
    if (q.exec() && q.hasRow()) {
        row = readKeyRow(q, 0, key);
        row->scope = scope;
    }
    q.done();
    return row;
}

std::optional<LedgerRow> ClusterDatabase::ledgerRow(const QString &id) const
{
    SqliteStatement &q = m_st->ledgerRow;
    q.bind(0, id);
    std::optional<LedgerRow> row;
    if (q.exec() && q.hasRow())
        row = readLedgerRow(q);
    q.done();
    return row;
}

QVector<KeyRow> ClusterDatabase::keyRows() const
{
    QVector<KeyRow> rows;
    SqliteStatement &q = m_st->allKeys;
    for (bool row = q.exec() && q.hasRow(); row; row = q.next()) {
        rows.append(readKeyRow(q, 2, q.text(0)));
        rows.last().scope = q.text(1);
    }
    q.done();
    return rows;
}

QVector<LedgerRow> ClusterDatabase::ledgerRows() const
{
    QVector<LedgerRow> rows;
    SqliteStatement &q = m_st->allLedger;
    for (bool row = q.exec() && q.hasRow(); row; row = q.next())
        rows.append(readLedgerRow(q));
    q.done();
    return rows;
}

ClusterDatabase::Totals ClusterDatabase::ledgerTotals(const QString &key) const
{
    QSqlQuery q(m_db);
    if (key.isEmpty()) {
        q.prepare(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM ledger"));
    } else {
        q.prepare(
            QStringLiteral("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM ledger WHERE key = ?"));
        q.addBindValue(key);
    }
    Totals totals;
    if (q.exec() && q.next()) {
        totals.count = q.value(0).toLongLong();
        totals.amount = q.value(1).toLongLong();
    }
    return totals;
}

} // namespace idem
