#include "storage/clusterdatabase.h"

#include "storage/clusterstatements.h"
#include "storage/outbox.h"
#include "storage/protocolsql.h"
#include "storage/sqlrow.h"

#include <QFile>
#include <QLoggingCategory>
#include <QSqlError>
#include <QVariant>

Q_LOGGING_CATEGORY(lcDb, "idemlab.core.db")

using namespace idem::protocolsql;

namespace idem {

using sqlrow::drain;
using sqlrow::originIndex;
using sqlrow::originName;
using sqlrow::text;

QString dbStatementText(DbOp op)
{
    // Built once: every DB event of every run carries one of these (shared, not copied).
    static const QString texts[] = {
        QString::fromLatin1(lookupSql),           QString::fromLatin1(claimSql),
        QString::fromLatin1(overwriteSql),        QString::fromLatin1(chargeSql),
        QString::fromLatin1(consumeSql),          QString::fromLatin1(takeOverSql),
        QString::fromLatin1(releaseSql),          QString::fromLatin1(reapSql),
        QString::fromLatin1(chargeAndConsumeSql),
    };
    return texts[size_t(op)];
}

bool dbOpWrites(DbOp op)
{
    return op != DbOp::Lookup;
}

ClusterDatabase::ClusterDatabase(int cluster, const QString &connection, const QString &filePath,
                                 Durability durability)
    : m_cluster(cluster), m_connection(connection), m_filePath(filePath), m_durability(durability)
{}

ClusterDatabase::~ClusterDatabase()
{
    m_st.reset();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

std::optional<QString> ClusterDatabase::open()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed "
                              "(Debian package libqt6sql6-sqlite)");
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(m_filePath.isEmpty() ? QStringLiteral(":memory:") : m_filePath);
    if (!m_db.open())
        return QStringLiteral("cannot open database %1: %2")
            .arg(m_filePath.isEmpty() ? QStringLiteral("(memory)") : m_filePath,
                 m_db.lastError().text());
    // A pragma answers with a row: drain it, or the open statement blocks the migration.
    auto pragma = [this](const QString &statement) {
        QSqlQuery query(m_db);
        query.exec(statement);
        drain(query);
    };
    if (m_filePath.isEmpty()) {
        // In memory there is nothing to recover after a crash: no rollback journal.
        pragma(QStringLiteral("PRAGMA journal_mode = OFF"));
    } else {
        pragma(QStringLiteral("PRAGMA journal_mode = WAL"));
        pragma(m_durability == Durability::Durable ? QStringLiteral("PRAGMA synchronous = NORMAL")
                                                   : QStringLiteral("PRAGMA synchronous = OFF"));
        pragma(QStringLiteral("PRAGMA busy_timeout = 5000"));
    }
    if (auto error = migrate())
        return error;
    // Before the statements are prepared, so that they are compiled with the triggers.
    if (m_recordOutbox)
        if (auto error = Outbox::createTriggers(m_db))
            return error;

    m_st = std::make_unique<Statements>(m_db);
    const std::pair<QSqlQuery *, const char *> prepared[] = {
        {&m_st->lookup, lookupSql},         {&m_st->claim, claimSql},
        {&m_st->overwrite, overwriteSql},   {&m_st->charge, chargeSql},
        {&m_st->consume, consumeSql},       {&m_st->takeOver, takeOverSql},
        {&m_st->release, releaseSql},       {&m_st->reap, reapSql},
        {&m_st->keyReplica, keyReplicaSql}, {&m_st->ledgerReplica, ledgerReplicaSql},
        {&m_st->allKeys, allKeysSql},       {&m_st->allLedger, allLedgerSql},
        {&m_st->clearKeys, clearKeysSql},   {&m_st->clearLedger, clearLedgerSql},
    };
    for (const auto &[query, sql] : prepared) {
        query->setForwardOnly(true); // no row cache: each statement is read once
        if (!query->prepare(QString::fromLatin1(sql)))
            return QStringLiteral("cannot prepare statement: %1").arg(query->lastError().text());
    }

    QSqlQuery count(m_db);
    count.prepare(QStringLiteral("SELECT COUNT(*) FROM ledger WHERE origin = ?"));
    count.addBindValue(originName(m_cluster));
    const qint64 rows = count.exec() && count.next() ? count.value(0).toLongLong() : 0;
    m_nextLedger = std::make_shared<std::atomic<qint64>>(rows + 1);
    return {};
}

std::optional<QString> ClusterDatabase::clear()
{
    for (QSqlQuery *query : {&m_st->clearKeys, &m_st->clearLedger})
        if (!query->exec())
            return QStringLiteral("cannot clear DB %1: %2")
                .arg(originName(m_cluster), query->lastError().text());
    m_inBatch = false;
    m_nextLedger->store(1);
    return {};
}

ClusterDatabase::CheckpointResult ClusterDatabase::checkpoint(Checkpoint mode)
{
    CheckpointResult result;
    if (m_filePath.isEmpty())
        return result;
    QSqlQuery query(m_db);
    if (!query.exec(mode == Checkpoint::Truncate
                        ? QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")
                        : QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"))) {
        result.error =
            QStringLiteral("cannot checkpoint %1: %2").arg(m_filePath, query.lastError().text());
        return result;
    }
    // The pragma answers one row: busy, frames in the log, frames checkpointed.
    if (query.next()) {
        result.busy = query.value(0).toInt() != 0;
        result.logFrames = query.value(1).toInt();
        result.copiedFrames = query.value(2).toInt();
    }
    drain(query);
    if (result.busy && mode == Checkpoint::Truncate)
        result.error =
            QStringLiteral("cannot checkpoint %1 completely: the database is busy").arg(m_filePath);
    return result;
}

void ClusterDatabase::disableAutoCheckpoint()
{
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
    drain(query);
}

KeyRow ClusterDatabase::readKeyRow(const QSqlQuery &q, int c, const QString &key) const
{
    KeyRow row;
    row.rawKey = key;
    row.status = q.value(c).toString();
    row.fingerprint = q.value(c + 1).toString();
    row.responseCode = q.value(c + 2).toInt();
    row.responseBody = q.value(c + 3).toString();
    row.createdUs = q.value(c + 4).toLongLong();
    row.updatedUs = q.value(c + 5).toLongLong();
    row.origin = originIndex(q.value(c + 6).toString());
    row.generation = q.value(c + 7).toInt();
    row.claimedUs = q.value(c + 8).toLongLong();
    row.holder = q.value(c + 9).toString();
    row.client = q.value(c + 10).toString();
    return row;
}

DbResult ClusterDatabase::failed(DbResult &result, const QSqlQuery &q, const char *what) const
{
    result.error = q.lastError().text();
    qCWarning(lcDb) << "DB" << originName(m_cluster) << what << "failed:" << result.error;
    return result;
}

DbResult ClusterDatabase::execute(const DbCommand &cmd, qint64 nowUs, const CommitCheck &check)
{
    DbResult result;
    auto fail = [&](const QSqlQuery &q) { return failed(result, q, "statement"); };
    result.row.rawKey = cmd.key;
    result.row.scope = cmd.scope;
    switch (cmd.op) {
    case DbOp::Lookup: {
        QSqlQuery &q = m_st->lookup;
        q.bindValue(0, text(cmd.scope));
        q.bindValue(1, cmd.key);
        if (!q.exec())
            return fail(q);
        if (q.next()) {
            result.found = true;
            result.row = readKeyRow(q, 0, cmd.key);
            result.row.scope = cmd.scope;
        }
        drain(q);
        return result;
    }
    case DbOp::Claim:
    case DbOp::Overwrite: {
        QSqlQuery &q = cmd.op == DbOp::Claim ? m_st->claim : m_st->overwrite;
        q.bindValue(0, cmd.key);
        q.bindValue(1, text(cmd.scope));
        q.bindValue(2, cmd.fingerprint);
        q.bindValue(3, nowUs);
        q.bindValue(4, nowUs);
        q.bindValue(5, originName(cmd.origin));
        q.bindValue(6, nowUs);
        q.bindValue(7, text(cmd.holder));
        q.bindValue(8, text(cmd.client));
        if (!q.exec())
            return fail(q);
        result.changed = q.numRowsAffected() > 0;
        result.found = !result.changed;
        result.row.status = QStringLiteral("CREATED");
        result.row.fingerprint = cmd.fingerprint;
        result.row.createdUs = nowUs;
        result.row.updatedUs = nowUs;
        result.row.origin = cmd.origin;
        result.row.claimedUs = nowUs;
        result.row.holder = cmd.holder;
        result.row.client = cmd.client;
        return result;
    }
    case DbOp::Charge:
        return charge(cmd, nowUs);
    case DbOp::Consume:
        return consume(cmd, nowUs);
    case DbOp::TakeOver: {
        QSqlQuery &q = m_st->takeOver;
        q.bindValue(0, nowUs);
        q.bindValue(1, text(cmd.holder));
        q.bindValue(2, nowUs);
        q.bindValue(3, text(cmd.scope));
        q.bindValue(4, cmd.key);
        q.bindValue(5, cmd.generation);
        if (!q.exec())
            return fail(q);
        if (q.next()) {
            result.changed = true;
            result.row = readKeyRow(q, 0, cmd.key);
            result.row.scope = cmd.scope;
        }
        drain(q);
        return result;
    }
    case DbOp::Release:
    case DbOp::Reap: {
        QSqlQuery &q = cmd.op == DbOp::Release ? m_st->release : m_st->reap;
        q.bindValue(0, text(cmd.scope));
        q.bindValue(1, cmd.key);
        q.bindValue(2,
                    cmd.op == DbOp::Release ? QVariant(cmd.generation) : QVariant(cmd.olderThanUs));
        if (!q.exec())
            return fail(q);
        result.changed = q.numRowsAffected() > 0;
        if (!result.changed && cmd.op == DbOp::Release)
            result.fenced = lookupGeneration(cmd) > 0;
        return result;
    }
    case DbOp::ChargeAndConsume:
        return chargeAndConsume(cmd, nowUs, check);
    }
    return result;
}

int ClusterDatabase::lookupGeneration(const DbCommand &cmd)
{
    QSqlQuery &q = m_st->lookup;
    q.bindValue(0, text(cmd.scope));
    q.bindValue(1, cmd.key);
    int generation = 0;
    if (q.exec() && q.next())
        generation = q.value(7).toInt();
    drain(q);
    return generation;
}

DbResult ClusterDatabase::charge(const DbCommand &cmd, qint64 nowUs)
{
    DbResult result;
    QSqlQuery &q = m_st->charge;
    LedgerRow &row = result.ledger;
    // Taken before the insert: a failed charge leaves a gap, never a reused id.
    row.id = originName(m_cluster) + QLatin1Char('-') + QString::number(m_nextLedger->fetch_add(1));
    row.key = cmd.key;
    row.origin = m_cluster;
    row.fromAcct = cmd.body.from;
    row.toAcct = cmd.body.to;
    row.amount = cmd.body.amount;
    row.atUs = nowUs;
    q.bindValue(0, row.id);
    q.bindValue(1, cmd.key);
    q.bindValue(2, originName(m_cluster));
    q.bindValue(3, row.fromAcct);
    q.bindValue(4, row.toAcct);
    q.bindValue(5, row.amount);
    q.bindValue(6, nowUs);
    q.bindValue(7, text(cmd.scope));
    row.scope = cmd.scope;
    if (!q.exec())
        return failed(result, q, "charge");
    result.changed = true;
    return result;
}

DbResult ClusterDatabase::consume(const DbCommand &cmd, qint64 nowUs)
{
    DbResult result;
    result.row.rawKey = cmd.key;
    result.row.scope = cmd.scope;
    QSqlQuery &q = m_st->consume;
    q.bindValue(0, cmd.responseCode);
    q.bindValue(1, cmd.responseBody);
    q.bindValue(2, nowUs);
    q.bindValue(3, text(cmd.scope));
    q.bindValue(4, cmd.key);
    q.bindValue(5, cmd.generation);
    if (!q.exec())
        return failed(result, q, "consume");
    if (q.next()) {
        result.changed = true;
        result.row = readKeyRow(q, 0, cmd.key);
        result.row.scope = cmd.scope;
    }
    drain(q);
    if (!result.changed)
        result.fenced = lookupGeneration(cmd) > 0;
    return result;
}

ReplicaOutcome ClusterDatabase::applyKeyReplica(const KeyRow &row, KeyRow *local)
{
    QSqlQuery &q = m_st->keyReplica;
    q.bindValue(0, row.rawKey);
    q.bindValue(1, text(row.scope));
    q.bindValue(2, row.status);
    q.bindValue(3, row.fingerprint);
    q.bindValue(4, row.responseCode ? QVariant(row.responseCode) : QVariant());
    q.bindValue(5, row.responseCode ? QVariant(row.responseBody) : QVariant());
    q.bindValue(6, row.createdUs);
    q.bindValue(7, row.updatedUs);
    q.bindValue(8, originName(row.origin));
    q.bindValue(9, row.generation);
    q.bindValue(10, row.claimedUs);
    q.bindValue(11, text(row.holder));
    q.bindValue(12, text(row.client));
    if (!q.exec()) {
        qCWarning(lcDb) << "replica failed:" << q.lastError().text();
        return ReplicaOutcome::Stale;
    }
    const bool applied = q.numRowsAffected() > 0;
    if (applied)
        return ReplicaOutcome::Applied;
    // Rare path: find out why the row was not taken.
    QSqlQuery &lookup = m_st->lookup;
    lookup.bindValue(0, text(row.scope));
    lookup.bindValue(1, row.rawKey);
    ReplicaOutcome outcome = ReplicaOutcome::Stale;
    if (lookup.exec() && lookup.next()) {
        const KeyRow mine = readKeyRow(lookup, 0, row.rawKey);
        if (mine.origin != row.origin)
            outcome = ReplicaOutcome::Conflict;
        if (local)
            *local = mine;
    }
    drain(lookup);
    return outcome;
}

bool ClusterDatabase::applyLedgerReplica(const LedgerRow &row)
{
    QSqlQuery &q = m_st->ledgerReplica;
    q.bindValue(0, row.id);
    q.bindValue(1, row.key);
    q.bindValue(2, originName(row.origin));
    q.bindValue(3, row.fromAcct);
    q.bindValue(4, row.toAcct);
    q.bindValue(5, row.amount);
    q.bindValue(6, row.atUs);
    q.bindValue(7, text(row.scope));
    return q.exec() && q.numRowsAffected() > 0;
}

bool ClusterDatabase::beginBatch()
{
    m_inBatch = m_db.transaction();
    return m_inBatch;
}

std::optional<QString> ClusterDatabase::commitBatch()
{
    m_inBatch = false;
    if (m_db.commit())
        return {};
    const QString error = m_db.lastError().text();
    m_db.rollback();
    return QStringLiteral("cannot commit to %1: %2").arg(m_filePath, error);
}

} // namespace idem
