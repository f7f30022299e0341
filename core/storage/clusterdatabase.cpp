#include "storage/clusterdatabase.h"

#include <QFile>
#include <QLoggingCategory>
#include <QSqlError>
#include <QVariant>

Q_LOGGING_CATEGORY(lcDb, "idemlab.core.db")

namespace idem {

namespace {

const char *const lookupSql =
    "SELECT status, fingerprint, response_code, response_body, created_us, updated_us, origin "
    "FROM idempotency_keys WHERE key = ?";
const char *const claimSql =
    "INSERT INTO idempotency_keys (key, status, fingerprint, created_us, updated_us, origin) "
    "VALUES (?, 'CREATED', ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING";
const char *const overwriteSql =
    "INSERT INTO idempotency_keys (key, status, fingerprint, created_us, updated_us, origin) "
    "VALUES (?, 'CREATED', ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET status = 'CREATED', "
    "fingerprint = excluded.fingerprint, updated_us = excluded.updated_us, "
    "origin = excluded.origin";
const char *const chargeSql =
    "INSERT INTO ledger (id, key, origin, from_acct, to_acct, amount, at_us) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
const char *const consumeSql =
    "UPDATE idempotency_keys SET status = 'CONSUMED', response_code = ?, response_body = ?, "
    "updated_us = ? WHERE key = ? RETURNING fingerprint, created_us, origin";
// A replica of a row from the same origin brings the local copy up to date; a row claimed
// here independently (another origin) is left alone and reported as a conflict.
const char *const keyReplicaSql =
    "INSERT INTO idempotency_keys (key, status, fingerprint, response_code, response_body, "
    "created_us, updated_us, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(key) DO UPDATE SET status = excluded.status, "
    "response_code = excluded.response_code, response_body = excluded.response_body, "
    "updated_us = excluded.updated_us "
    "WHERE idempotency_keys.origin = excluded.origin "
    "AND idempotency_keys.updated_us <= excluded.updated_us";
const char *const ledgerReplicaSql =
    "INSERT OR IGNORE INTO ledger (id, key, origin, from_acct, to_acct, amount, at_us) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";

const char *const schemaV1[] = {
    "CREATE TABLE idempotency_keys ("
    " key TEXT PRIMARY KEY NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('CREATED', 'CONSUMED')),"
    " fingerprint TEXT NOT NULL,"
    " response_code INTEGER,"
    " response_body TEXT,"
    " created_us INTEGER NOT NULL,"
    " updated_us INTEGER NOT NULL,"
    " origin TEXT NOT NULL CHECK (origin IN ('A', 'B')))",
    "CREATE TABLE ledger ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " key TEXT NOT NULL,"
    " origin TEXT NOT NULL CHECK (origin IN ('A', 'B')),"
    " from_acct TEXT NOT NULL,"
    " to_acct TEXT NOT NULL,"
    " amount INTEGER NOT NULL CHECK (amount > 0),"
    " at_us INTEGER NOT NULL)",
    "CREATE INDEX ledger_key ON ledger (key)",
};

// Steps a statement to its end so SQLite resets it and ends the implicit transaction.
// (Cheaper than QSqlQuery::finish(), which makes the next exec() set the query up anew.)
void drain(QSqlQuery &query)
{
    while (query.next()) {
    }
}

int originIndex(const QString &origin)
{
    return origin == QLatin1String("B") ? 1 : 0;
}

QString originName(int cluster)
{
    return cluster == 1 ? QStringLiteral("B") : QStringLiteral("A");
}

} // namespace

QString dbStatementText(DbOp op)
{
    // Built once: every DB event of every run carries one of these (shared, not copied).
    static const QString texts[] = {
        QString::fromLatin1(lookupSql),    QString::fromLatin1(claimSql),
        QString::fromLatin1(overwriteSql), QString::fromLatin1(chargeSql),
        QString::fromLatin1(consumeSql),
    };
    return texts[size_t(op)];
}

bool dbOpWrites(DbOp op)
{
    return op != DbOp::Lookup;
}

struct ClusterDatabase::Statements
{
    explicit Statements(const QSqlDatabase &db)
        : lookup(db), claim(db), overwrite(db), charge(db), consume(db), keyReplica(db),
          ledgerReplica(db)
    {}
    QSqlQuery lookup, claim, overwrite, charge, consume, keyReplica, ledgerReplica;
};

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

    m_st = std::make_unique<Statements>(m_db);
    const std::pair<QSqlQuery *, const char *> prepared[] = {
        {&m_st->lookup, lookupSql},
        {&m_st->claim, claimSql},
        {&m_st->overwrite, overwriteSql},
        {&m_st->charge, chargeSql},
        {&m_st->consume, consumeSql},
        {&m_st->keyReplica, keyReplicaSql},
        {&m_st->ledgerReplica, ledgerReplicaSql},
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

std::optional<QString> ClusterDatabase::migrate()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return QStringLiteral("cannot read the schema version: %1").arg(query.lastError().text());
    const int version = query.value(0).toInt();
    if (version == schemaVersion)
        return {};
    if (version > schemaVersion)
        return QStringLiteral("database %1 has schema version %2; this build knows up to %3")
            .arg(m_filePath)
            .arg(version)
            .arg(schemaVersion);
    // Each migration runs in one transaction: a failure leaves the file as it was.
    if (!m_db.transaction())
        return QStringLiteral("cannot start the migration: %1").arg(m_db.lastError().text());
    for (const char *statement : schemaV1) {
        if (!query.exec(QString::fromLatin1(statement))) {
            const QString error = query.lastError().text();
            m_db.rollback();
            return QStringLiteral("cannot create the schema: %1").arg(error);
        }
    }
    query.exec(QStringLiteral("PRAGMA user_version = %1").arg(schemaVersion));
    if (!m_db.commit())
        return QStringLiteral("cannot commit the schema: %1").arg(m_db.lastError().text());
    return {};
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
    return row;
}

DbResult ClusterDatabase::execute(const DbCommand &cmd, qint64 nowUs)
{
    DbResult result;
    auto fail = [&](QSqlQuery &q) {
        result.error = q.lastError().text();
        qCWarning(lcDb) << "DB" << originName(m_cluster) << "statement failed:" << result.error;
        return result;
    };
    switch (cmd.op) {
    case DbOp::Lookup: {
        QSqlQuery &q = m_st->lookup;
        q.bindValue(0, cmd.key);
        if (!q.exec())
            return fail(q);
        if (q.next()) {
            result.found = true;
            result.row = readKeyRow(q, 0, cmd.key);
        }
        drain(q);
        return result;
    }
    case DbOp::Claim:
    case DbOp::Overwrite: {
        QSqlQuery &q = cmd.op == DbOp::Claim ? m_st->claim : m_st->overwrite;
        q.bindValue(0, cmd.key);
        q.bindValue(1, cmd.fingerprint);
        q.bindValue(2, nowUs);
        q.bindValue(3, nowUs);
        q.bindValue(4, originName(cmd.origin));
        if (!q.exec())
            return fail(q);
        result.changed = q.numRowsAffected() > 0;
        result.found = !result.changed;
        result.row.rawKey = cmd.key;
        result.row.status = QStringLiteral("CREATED");
        result.row.fingerprint = cmd.fingerprint;
        result.row.createdUs = nowUs;
        result.row.updatedUs = nowUs;
        result.row.origin = cmd.origin;
        return result;
    }
    case DbOp::Charge: {
        QSqlQuery &q = m_st->charge;
        LedgerRow &row = result.ledger;
        // Taken before the insert: a failed charge leaves a gap, never a reused id.
        row.id =
            originName(m_cluster) + QLatin1Char('-') + QString::number(m_nextLedger->fetch_add(1));
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
        if (!q.exec())
            return fail(q);
        result.changed = true;
        return result;
    }
    case DbOp::Consume: {
        QSqlQuery &q = m_st->consume;
        q.bindValue(0, cmd.responseCode);
        q.bindValue(1, cmd.responseBody);
        q.bindValue(2, nowUs);
        q.bindValue(3, cmd.key);
        if (!q.exec())
            return fail(q);
        if (q.next()) {
            result.changed = true;
            result.row.rawKey = cmd.key;
            result.row.status = QStringLiteral("CONSUMED");
            result.row.fingerprint = q.value(0).toString();
            result.row.createdUs = q.value(1).toLongLong();
            result.row.origin = originIndex(q.value(2).toString());
            result.row.responseCode = cmd.responseCode;
            result.row.responseBody = cmd.responseBody;
            result.row.updatedUs = nowUs;
        }
        drain(q);
        return result;
    }
    }
    return result;
}

ReplicaOutcome ClusterDatabase::applyKeyReplica(const KeyRow &row, KeyRow *local)
{
    QSqlQuery &q = m_st->keyReplica;
    q.bindValue(0, row.rawKey);
    q.bindValue(1, row.status);
    q.bindValue(2, row.fingerprint);
    q.bindValue(3, row.responseCode ? QVariant(row.responseCode) : QVariant());
    q.bindValue(4, row.responseCode ? QVariant(row.responseBody) : QVariant());
    q.bindValue(5, row.createdUs);
    q.bindValue(6, row.updatedUs);
    q.bindValue(7, originName(row.origin));
    if (!q.exec()) {
        qCWarning(lcDb) << "replica failed:" << q.lastError().text();
        return ReplicaOutcome::Stale;
    }
    const bool applied = q.numRowsAffected() > 0;
    if (applied)
        return ReplicaOutcome::Applied;
    // Rare path: find out why the row was not taken.
    QSqlQuery &lookup = m_st->lookup;
    lookup.bindValue(0, row.rawKey);
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
    return q.exec() && q.numRowsAffected() > 0;
}

bool ClusterDatabase::beginBatch()
{
    return m_db.transaction();
}

std::optional<QString> ClusterDatabase::commitBatch()
{
    if (m_db.commit())
        return {};
    const QString error = m_db.lastError().text();
    m_db.rollback();
    return QStringLiteral("cannot commit to %1: %2").arg(m_filePath, error);
}

QVector<KeyRow> ClusterDatabase::keyRows() const
{
    QVector<KeyRow> rows;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT key, status, fingerprint, response_code, response_body, "
                          "created_us, updated_us, origin FROM idempotency_keys ORDER BY "
                          "created_us, key"));
    while (q.next())
        rows.append(readKeyRow(q, 1, q.value(0).toString()));
    return rows;
}

QVector<LedgerRow> ClusterDatabase::ledgerRows() const
{
    QVector<LedgerRow> rows;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT id, key, origin, from_acct, to_acct, amount, at_us FROM ledger "
                          "ORDER BY at_us, id"));
    while (q.next()) {
        LedgerRow row;
        row.id = q.value(0).toString();
        row.key = q.value(1).toString(); // the stored key; callers map it to a label
        row.origin = originIndex(q.value(2).toString());
        row.fromAcct = q.value(3).toString();
        row.toAcct = q.value(4).toString();
        row.amount = q.value(5).toLongLong();
        row.atUs = q.value(6).toLongLong();
        rows.append(row);
    }
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
