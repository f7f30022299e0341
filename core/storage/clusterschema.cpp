#include "storage/clusterdatabase.h"

#include <QSqlError>
#include <QSqlQuery>

// The schema of a cluster DB and its ladder of migrations (PRAGMA user_version).

namespace idem {

namespace {

#define IDEM_KEYS_TABLE_V2(NAME)                                                                   \
    "CREATE TABLE " NAME " ("                                                                      \
    " key TEXT NOT NULL,"                                                                          \
    " scope TEXT NOT NULL DEFAULT '',"                                                             \
    " status TEXT NOT NULL CHECK (status IN ('CREATED', 'CONSUMED')),"                             \
    " fingerprint TEXT NOT NULL,"                                                                  \
    " response_code INTEGER,"                                                                      \
    " response_body TEXT,"                                                                         \
    " created_us INTEGER NOT NULL,"                                                                \
    " updated_us INTEGER NOT NULL,"                                                                \
    " origin TEXT NOT NULL CHECK (origin IN ('A', 'B')),"                                          \
    " generation INTEGER NOT NULL DEFAULT 1 CHECK (generation >= 1),"                              \
    " claimed_us INTEGER NOT NULL DEFAULT 0,"                                                      \
    " holder TEXT NOT NULL DEFAULT '',"                                                            \
    " client TEXT NOT NULL DEFAULT '',"                                                            \
    " PRIMARY KEY (scope, key))"

const char *const ledgerTable = "CREATE TABLE ledger ("
                                " id TEXT PRIMARY KEY NOT NULL,"
                                " key TEXT NOT NULL,"
                                " origin TEXT NOT NULL CHECK (origin IN ('A', 'B')),"
                                " from_acct TEXT NOT NULL,"
                                " to_acct TEXT NOT NULL,"
                                " amount INTEGER NOT NULL CHECK (amount > 0),"
                                " at_us INTEGER NOT NULL,"
                                " scope TEXT NOT NULL DEFAULT '')";

// Rows written here that the peer cluster process has not acknowledged yet (serve
// --cluster): filled by the handler connections' triggers (storage/outbox.h) in the same
// transaction as the write, emptied by the PeerLink on the peer's 2xx.
const char *const outboxTable = "CREATE TABLE outbox ("
                                " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                                " kind TEXT NOT NULL CHECK (kind IN ('key', 'ledger')),"
                                " scope TEXT NOT NULL,"
                                " key TEXT NOT NULL,"
                                " ledger_id TEXT,"
                                " written_us INTEGER NOT NULL)";
// Finds the later entries of a key: only the latest one ships the key's row.
const char *const outboxIndex = "CREATE INDEX outbox_key ON outbox (key, scope)";

// A new database gets the latest schema at once.
const char *const schemaLatest[] = {
    IDEM_KEYS_TABLE_V2("idempotency_keys"),
    ledgerTable,
    "CREATE INDEX ledger_key ON ledger (key)",
    outboxTable,
    outboxIndex,
};

// Version 1 → 2: the lease (generation, claimed_us, holder), the key's client and scope
// (the primary key becomes (scope, key)). SQLite cannot change a primary key in place.
const char *const migrationTo2[] = {
    IDEM_KEYS_TABLE_V2("idempotency_keys_v2"),
    "INSERT INTO idempotency_keys_v2 (key, scope, status, fingerprint, response_code, "
    "response_body, created_us, updated_us, origin, generation, claimed_us, holder, client) "
    "SELECT key, '', status, fingerprint, response_code, response_body, created_us, updated_us, "
    "origin, 1, created_us, '', '' FROM idempotency_keys",
    "DROP TABLE idempotency_keys",
    "ALTER TABLE idempotency_keys_v2 RENAME TO idempotency_keys",
    "ALTER TABLE ledger ADD COLUMN scope TEXT NOT NULL DEFAULT ''",
};

// Version 2 → 3: the outbox of replication between cluster processes.
const char *const migrationTo3[] = {
    outboxTable,
    outboxIndex,
};

} // namespace

std::optional<QString> ClusterDatabase::migrate()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return QStringLiteral("cannot read the schema version: %1").arg(query.lastError().text());
    const int version = query.value(0).toInt();
    query.finish(); // an open statement would lock the tables a migration drops
    if (version == schemaVersion)
        return {};
    if (version > schemaVersion)
        return QStringLiteral("database %1 has schema version %2; this build knows up to %3")
            .arg(m_filePath)
            .arg(version)
            .arg(schemaVersion);
    // A new file gets the latest schema; an older one climbs the ladder. Each step runs in
    // one transaction: a failure leaves the file as it was.
    if (version == 0)
        return migrateStep(schemaLatest, schemaVersion, QStringLiteral("create the schema"));
    if (version < 2)
        if (auto error =
                migrateStep(migrationTo2, 2, QStringLiteral("migrate the schema to version 2")))
            return error;
    if (version < 3)
        if (auto error =
                migrateStep(migrationTo3, 3, QStringLiteral("migrate the schema to version 3")))
            return error;
    return {};
}

template <size_t N>
std::optional<QString> ClusterDatabase::migrateStep(const char *const (&statements)[N], int version,
                                                    const QString &what)
{
    QSqlQuery query(m_db);
    if (!m_db.transaction())
        return QStringLiteral("cannot %1: %2").arg(what, m_db.lastError().text());
    for (const char *statement : statements) {
        if (!query.exec(QString::fromLatin1(statement))) {
            const QString error = query.lastError().text();
            m_db.rollback();
            return QStringLiteral("cannot %1: %2").arg(what, error);
        }
    }
    query.exec(QStringLiteral("PRAGMA user_version = %1").arg(version));
    if (!m_db.commit())
        return QStringLiteral("cannot commit the schema: %1").arg(m_db.lastError().text());
    return {};
}

} // namespace idem
