// The cluster DB's schema ladder: a file of schema version 1 (before the lease, the key's
// client and scope) is migrated to version 2 and then 3 (the outbox of serve --cluster) in
// place, its rows kept, and then works with the protocol's statements.
#include "storage/clusterdatabase.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace idem;

class TstClusterSchema : public QObject
{
    Q_OBJECT

private slots:
    void migratesVersion1();
};

void TstClusterSchema::migratesVersion1()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("cluster-a.sqlite"));
    {
        // Version 1 as the previous release wrote it, with one consumed key and its charge.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "v1");
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const char *sql : {
                 "CREATE TABLE idempotency_keys (key TEXT PRIMARY KEY NOT NULL, status TEXT NOT "
                 "NULL CHECK (status IN ('CREATED', 'CONSUMED')), fingerprint TEXT NOT NULL, "
                 "response_code INTEGER, response_body TEXT, created_us INTEGER NOT NULL, "
                 "updated_us INTEGER NOT NULL, origin TEXT NOT NULL CHECK (origin IN ('A', "
                 "'B')))",
                 "CREATE TABLE ledger (id TEXT PRIMARY KEY NOT NULL, key TEXT NOT NULL, origin "
                 "TEXT NOT NULL CHECK (origin IN ('A', 'B')), from_acct TEXT NOT NULL, to_acct "
                 "TEXT NOT NULL, amount INTEGER NOT NULL CHECK (amount > 0), at_us INTEGER NOT "
                 "NULL)",
                 "CREATE INDEX ledger_key ON ledger (key)",
                 "INSERT INTO idempotency_keys VALUES ('k-1', 'CONSUMED', 'fp', 201, '{}', 5, 9, "
                 "'A')",
                 "INSERT INTO ledger VALUES ('A-1', 'k-1', 'A', 'A', 'B', 10, 7)",
                 "PRAGMA user_version = 1",
             })
            QVERIFY2(q.exec(QLatin1String(sql)), sql);
        db.close();
    }
    QSqlDatabase::removeDatabase("v1");

    ClusterDatabase db(0, QStringLiteral("tst-clusterschema"), path);
    const auto error = db.open();
    QVERIFY2(!error, qPrintable(error.value_or(QString())));
    const QVector<KeyRow> keys = db.keyRows();
    QCOMPARE(keys.size(), 1);
    QCOMPARE(keys[0].rawKey, QStringLiteral("k-1"));
    QCOMPARE(keys[0].status, QStringLiteral("CONSUMED"));
    QCOMPARE(keys[0].generation, 1);
    QCOMPARE(keys[0].claimedUs, 5);
    QVERIFY(keys[0].scope.isEmpty());
    QCOMPARE(db.ledgerRows().size(), 1);
    QCOMPARE(db.ledgerTotals().amount, 10);
    {
        // Version 3: the outbox is there, empty (rows written before it are not sent).
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), 3);
        QVERIFY2(q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox")) && q.next(),
                 qPrintable(q.lastError().text()));
        QCOMPARE(q.value(0).toInt(), 0);
    }

    // The new statements work on the migrated file: a scoped key is a key of its own.
    DbCommand claim;
    claim.op = DbOp::Claim;
    claim.key = QStringLiteral("k-1");
    claim.scope = QStringLiteral("Client 2");
    claim.fingerprint = QStringLiteral("fp");
    const DbResult claimed = db.execute(claim, 100);
    QVERIFY2(claimed.ok(), qPrintable(claimed.error));
    QVERIFY(claimed.changed);
    DbCommand takeOver = claim;
    takeOver.op = DbOp::TakeOver;
    takeOver.generation = 1;
    QCOMPARE(db.execute(takeOver, 200).row.generation, 2);
    DbCommand stale = claim;
    stale.op = DbOp::Consume;
    stale.generation = 1;
    stale.responseCode = 201;
    const DbResult fenced = db.execute(stale, 300);
    QVERIFY(!fenced.changed);
    QVERIFY(fenced.fenced);
    QCOMPARE(db.keyRows().size(), 2);
}

QTEST_GUILESS_MAIN(TstClusterSchema)
#include "tst_clusterschema.moc"
