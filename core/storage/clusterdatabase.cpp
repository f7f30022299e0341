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
    SqliteStatement::configureLibrary();
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

    m_st = std::make_unique<Statements>();
    sqlite3 *handle = SqliteStatement::handleOf(m_db);
    const std::pair<SqliteStatement *, const char *> prepared[] = {
        {&m_st->lookup, lookupSql},
        {&m_st->claim, claimSql},
        {&m_st->overwrite, overwriteSql},
        {&m_st->charge, chargeSql},
        {&m_st->consume, consumeSql},
        {&m_st->takeOver, takeOverSql},
        {&m_st->release, releaseSql},
        {&m_st->reap, reapSql},
        {&m_st->keyReplica, keyReplicaSql},
        {&m_st->ledgerReplica, ledgerReplicaSql},
        {&m_st->ledgerRow, ledgerRowSql},
        {&m_st->allKeys, allKeysSql},
        {&m_st->allLedger, allLedgerSql},
        {&m_st->clearKeys, clearKeysSql},
        {&m_st->clearLedger, clearLedgerSql},
        {&m_st->savepoint, savepointSql},
        {&m_st->releaseSavepoint, releaseSavepointSql},
        {&m_st->rollbackToSavepoint, rollbackToSavepointSql},
    };
    for (const auto &[statement, sql] : prepared)
        if (auto error = statement->prepare(handle, sql))
            return QStringLiteral("cannot prepare statement: %1").arg(*error);

    QSqlQuery count(m_db);
    count.prepare(QStringLiteral("SELECT COUNT(*) FROM ledger WHERE origin = ?"));
    count.addBindValue(originName(m_cluster));
    const qint64 rows = count.exec() && count.next() ? count.value(0).toLongLong() : 0;
    m_nextLedger = std::make_shared<std::atomic<qint64>>(rows + 1);
    return {};
}

std::optional<QString> ClusterDatabase::clear()
{
    for (SqliteStatement *statement : {&m_st->clearKeys, &m_st->clearLedger}) {
        const bool ran = statement->exec();
        statement->done();
        if (!ran)
            return QStringLiteral("cannot clear DB %1: %2")
                .arg(originName(m_cluster), statement->error());
    }
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

KeyRow ClusterDatabase::readKeyRow(const SqliteStatement &q, int c, const QString &key) const
{
    KeyRow row;
    row.rawKey = key;
    row.status = q.text(c);
    row.fingerprint = q.text(c + 1);
    row.responseCode = q.integer(c + 2);
    row.responseBody = q.text(c + 3);
    row.createdUs = q.int64(c + 4);
    row.updatedUs = q.int64(c + 5);
    row.origin = originIndex(q.text(c + 6));
    row.generation = q.integer(c + 7);
    row.claimedUs = q.int64(c + 8);
    row.holder = q.text(c + 9);
    row.client = q.text(c + 10);
    return row;
}

DbResult ClusterDatabase::failed(DbResult &result, SqliteStatement &q, const char *what) const
{
    result.error = q.error();
    q.done();
    qCWarning(lcDb) << "DB" << originName(m_cluster) << what << "failed:" << result.error;
    return result;
}

DbResult ClusterDatabase::execute(const DbCommand &cmd, qint64 nowUs, const CommitCheck &check)
{
    DbResult result;
    auto fail = [&](SqliteStatement &q) { return failed(result, q, "statement"); };
    result.row.rawKey = cmd.key;
    result.row.scope = cmd.scope;
    switch (cmd.op) {
    case DbOp::Lookup: {
        SqliteStatement &q = m_st->lookup;
        q.bind(0, text(cmd.scope));
        q.bind(1, cmd.key);
        if (!q.exec())
            return fail(q);
        if (q.hasRow()) {
            result.found = true;
            result.row = readKeyRow(q, 0, cmd.key);
            result.row.scope = cmd.scope;
        }
        q.done();
        return result;
    }
    case DbOp::Claim:
    case DbOp::Overwrite: {
        SqliteStatement &q = cmd.op == DbOp::Claim ? m_st->claim : m_st->overwrite;
        q.bind(0, cmd.key);
        q.bind(1, text(cmd.scope));
        q.bind(2, cmd.fingerprint);
        q.bind(3, nowUs);
        q.bind(4, nowUs);
        q.bind(5, originName(cmd.origin));
        q.bind(6, nowUs);
        q.bind(7, text(cmd.holder));
        q.bind(8, text(cmd.client));
        if (!q.exec())
            return fail(q);
        result.changed = q.changes() > 0;
        q.done();
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
        SqliteStatement &q = m_st->takeOver;
        q.bind(0, nowUs);
        q.bind(1, text(cmd.holder));
        q.bind(2, nowUs);
        q.bind(3, text(cmd.scope));
        q.bind(4, cmd.key);
        q.bind(5, cmd.generation);
        if (!q.exec())
            return fail(q);
        if (q.hasRow()) {
            result.changed = true;
            result.row = readKeyRow(q, 0, cmd.key);
            result.row.scope = cmd.scope;
        }
        q.done();
        return result;
    }
    case DbOp::Release:
    case DbOp::Reap: {
        SqliteStatement &q = cmd.op == DbOp::Release ? m_st->release : m_st->reap;
        q.bind(0, text(cmd.scope));
        q.bind(1, cmd.key);
        q.bind(2, cmd.op == DbOp::Release ? qint64(cmd.generation) : cmd.olderThanUs);
        if (!q.exec())
            return fail(q);
        result.changed = q.changes() > 0;
        q.done();
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
    SqliteStatement &q = m_st->lookup;
    q.bind(0, text(cmd.scope));
    q.bind(1, cmd.key);
    int generation = 0;
    if (q.exec() && q.hasRow())
        generation = q.integer(7);
    q.done();
    return generation;
}

DbResult ClusterDatabase::charge(const DbCommand &cmd, qint64 nowUs)
{
    DbResult result;
    SqliteStatement &q = m_st->charge;
    LedgerRow &row = result.ledger;
    // Taken before the insert: a failed charge leaves a gap, never a reused id.
    row.id = originName(m_cluster) + QLatin1Char('-') + QString::number(m_nextLedger->fetch_add(1));
    row.key = cmd.key;
    row.origin = m_cluster;
    row.fromAcct = cmd.body.from;
    row.toAcct = cmd.body.to;
    row.amount = cmd.body.amount;
    row.atUs = nowUs;
    q.bind(0, row.id);
    q.bind(1, cmd.key);
    q.bind(2, originName(m_cluster));
    q.bind(3, row.fromAcct);
    q.bind(4, row.toAcct);
    q.bind(5, row.amount);
    q.bind(6, nowUs);
    q.bind(7, text(cmd.scope));
    row.scope = cmd.scope;
    if (!q.exec())
        return failed(result, q, "charge");
    q.done();
    result.changed = true;
    return result;
}

DbResult ClusterDatabase::consume(const DbCommand &cmd, qint64 nowUs)
{
    DbResult result;
    result.row.rawKey = cmd.key;
    result.row.scope = cmd.scope;
    SqliteStatement &q = m_st->consume;
    q.bind(0, cmd.responseCode);
    q.bind(1, cmd.responseBody);
    q.bind(2, nowUs);
    q.bind(3, text(cmd.scope));
    q.bind(4, cmd.key);
    q.bind(5, cmd.generation);
    if (!q.exec())
        return failed(result, q, "consume");
    if (q.hasRow()) {
        result.changed = true;
        result.row = readKeyRow(q, 0, cmd.key);
        result.row.scope = cmd.scope;
    }
    q.done();
    if (!result.changed)
        result.fenced = lookupGeneration(cmd) > 0;
    return result;
}

ReplicaOutcome ClusterDatabase::applyKeyReplica(const KeyRow &row, KeyRow *local)
{
    SqliteStatement &q = m_st->keyReplica;
    q.bind(0, row.rawKey);
    q.bind(1, text(row.scope));
    q.bind(2, row.status);
    q.bind(3, row.fingerprint);
    if (row.responseCode) {
        q.bind(4, row.responseCode);
        q.bind(5, row.responseBody);
    } else {
        q.bindNull(4);
        q.bindNull(5);
    }
    q.bind(6, row.createdUs);
    q.bind(7, row.updatedUs);
    q.bind(8, originName(row.origin));
    q.bind(9, row.generation);
    q.bind(10, row.claimedUs);
    q.bind(11, text(row.holder));
    q.bind(12, text(row.client));
    if (!q.exec()) {
        qCWarning(lcDb) << "replica failed:" << q.error();
        q.done();
        return ReplicaOutcome::Stale;
    }
    const bool applied = q.changes() > 0;
    q.done();
    if (applied)
        return ReplicaOutcome::Applied;
    // Rare path: find out why the row was not taken.
    SqliteStatement &lookup = m_st->lookup;
    lookup.bind(0, text(row.scope));
    lookup.bind(1, row.rawKey);
    ReplicaOutcome outcome = ReplicaOutcome::Stale;
    if (lookup.exec() && lookup.hasRow()) {
        const KeyRow mine = readKeyRow(lookup, 0, row.rawKey);
        if (mine.origin != row.origin)
            outcome = ReplicaOutcome::Conflict;
        if (local)
            *local = mine;
    }
    lookup.done();
    return outcome;
}

bool ClusterDatabase::applyLedgerReplica(const LedgerRow &row)
{
    SqliteStatement &q = m_st->ledgerReplica;
    q.bind(0, row.id);
    q.bind(1, row.key);
    q.bind(2, originName(row.origin));
    q.bind(3, row.fromAcct);
    q.bind(4, row.toAcct);
    q.bind(5, row.amount);
    q.bind(6, row.atUs);
    q.bind(7, text(row.scope));
    const bool applied = q.exec() && q.changes() > 0;
    q.done();
    return applied;
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
