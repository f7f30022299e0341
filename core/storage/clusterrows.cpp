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
LedgerRow readLedgerRow(const QSqlQuery &q)
{
    LedgerRow row;
    row.id = q.value(0).toString();
    row.key = q.value(1).toString();
    row.origin = originIndex(q.value(2).toString());
    row.fromAcct = q.value(3).toString();
    row.toAcct = q.value(4).toString();
    row.amount = q.value(5).toLongLong();
    row.atUs = q.value(6).toLongLong();
    row.scope = q.value(7).toString();
    return row;
}

} // namespace

DbResult ClusterDatabase::chargeAndConsume(const DbCommand &cmd, qint64 nowUs,
                                           const CommitCheck &check)
{
    // Inside a replication or group-commit batch the transaction is a savepoint of it.
    const bool nested = m_inBatch;
    QSqlQuery control(m_db);
    auto begin = [&] {
        return nested ? control.exec(QStringLiteral("SAVEPOINT charge_and_consume"))
                      : m_db.transaction();
    };
    auto rollback = [&] {
        if (nested) {
            control.exec(QStringLiteral("ROLLBACK TO charge_and_consume"));
            control.exec(QStringLiteral("RELEASE charge_and_consume"));
        } else {
            m_db.rollback();
        }
    };
    if (!begin()) {
        DbResult result;
        result.error = QStringLiteral("cannot begin the transaction: %1")
                           .arg(nested ? control.lastError().text() : m_db.lastError().text());
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
    const bool committed =
        nested ? control.exec(QStringLiteral("RELEASE charge_and_consume")) : m_db.commit();
    if (!committed) {
        result.error = QStringLiteral("cannot commit the transaction: %1")
                           .arg(nested ? control.lastError().text() : m_db.lastError().text());
        rollback();
        result.changed = false;
        result.rolledBack = true;
    }
    return result;
}

std::optional<KeyRow> ClusterDatabase::keyRow(const QString &scope, const QString &key) const
{
    QSqlQuery &q = m_st->lookup;
    q.bindValue(0, sqlrow::text(scope));
    q.bindValue(1, key);
    std::optional<KeyRow> row;
    if (q.exec() && q.next()) {
        row = readKeyRow(q, 0, key);
        row->scope = scope;
    }
    sqlrow::drain(q);
    return row;
}

std::optional<LedgerRow> ClusterDatabase::ledgerRow(const QString &id) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, key, origin, from_acct, to_acct, amount, at_us, scope "
                             "FROM ledger WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return readLedgerRow(q);
}

QVector<KeyRow> ClusterDatabase::keyRows() const
{
    QVector<KeyRow> rows;
    QSqlQuery &q = m_st->allKeys;
    q.exec();
    while (q.next()) {
        rows.append(readKeyRow(q, 2, q.value(0).toString()));
        rows.last().scope = q.value(1).toString();
    }
    q.finish();
    return rows;
}

QVector<LedgerRow> ClusterDatabase::ledgerRows() const
{
    QVector<LedgerRow> rows;
    QSqlQuery &q = m_st->allLedger;
    q.exec();
    while (q.next()) {
        rows.append(readLedgerRow(q));
    }
    q.finish();
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
