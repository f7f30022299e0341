// One cluster per process (`serve --cluster A|B --peer URL`), replication between the two
// processes over HTTP (POST /replication, from each cluster's outbox), with and without a
// real Redis as the shared cache: one key split over both processes, a kill -9 in the middle
// of a load, a peer that is down for a while, Redis going away under load, and bad batches.
#include "clusterprocess.h"
#include "redisserver.h"

#include <QDeadlineTimer>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <memory>

using namespace clustertest;

namespace {

const QByteArray payment = R"({"from":"A","to":"B","amount":10})";

/// Two cluster processes that replicate to each other, in one temporary folder.
struct Pair
{
    explicit Pair(const QStringList &extra)
        : portA(freePort()), portB(freePort()),
          a(QStringLiteral("A"), portA, portB, dir.path(), extra),
          b(QStringLiteral("B"), portB, portA, dir.path(), extra)
    {}
    bool start(QString *error)
    {
        if (!a.start()) {
            *error = a.error();
            return false;
        }
        if (!b.start()) {
            *error = b.error();
            return false;
        }
        return true;
    }
    QTemporaryDir dir;
    quint16 portA, portB;
    ClusterProcess a, b;
};

/// A statement's single value over a DB file, read by a connection of this test's own.
QVariant scalar(const QString &file, const QString &sql)
{
    static int counter = 0;
    const QString name = QStringLiteral("tst-peer-%1").arg(++counter);
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

/// Every value of a one-column statement.
QStringList column(const QString &file, const QString &sql)
{
    static int counter = 0;
    const QString name = QStringLiteral("tst-peer-col-%1").arg(++counter);
    QStringList out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql))
                while (q.next())
                    out << q.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

qint64 ledgerCount(ClusterProcess &p, const QByteArray &key = {})
{
    const Answer a = get(
        p.url(key.isEmpty() ? QStringLiteral("/ledger") : QStringLiteral("/ledger?key=") + key));
    return a.status == 200 ? a.json.value(QLatin1String("count")).toInteger() : -1;
}

/// Waits until `p`'s outbox is empty and its peer not known to be away (null: `p` had
/// nothing to send yet); false after `ms`.
bool drained(ClusterProcess &p, int ms = 30'000)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        const QJsonObject r = p.replication();
        const QJsonValue reachable = r.value(QLatin1String("peerReachable"));
        if (r.value(QLatin1String("backlog")).toInteger(-1) == 0 &&
            (reachable.isNull() || reachable.toBool()))
            return true;
        QThread::msleep(50);
    }
    return false;
}

Request pay(ClusterProcess &p, const QByteArray &key, const QByteArray &body = payment)
{
    return Request{p.url(QStringLiteral("/payments")), "POST", body, key};
}

} // namespace

class TstPeer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void oneKeySplitOverTwoProcesses_data();
    void oneKeySplitOverTwoProcesses();
    void killNineInTheMiddleOfALoad_data();
    void killNineInTheMiddleOfALoad();
    void peerDownThenBack();
    void crashAfterAStep();
    void redisStoppedAndRestartedUnderLoad();
    void badBatches_data();
    void badBatches();

private:
    RedisServer m_redis;
    bool m_haveRedis = false;
};

void TstPeer::initTestCase()
{
    m_haveRedis = m_redis.start();
    if (!m_haveRedis)
        qWarning("%s", qPrintable(m_redis.error()));
}

void TstPeer::oneKeySplitOverTwoProcesses_data()
{
    QTest::addColumn<bool>("redis");
    QTest::addRow("Redis cache: exactly one charge") << true;
    QTest::addRow("no cache, mutex off: duplicates") << false;
}

void TstPeer::oneKeySplitOverTwoProcesses()
{
    QFETCH(bool, redis);
    if (redis && !m_haveRedis)
        QSKIP("redis-server is not available");
    QStringList extra{"--op-ms", "200", "--lag-ms", "300", "--mutex", "off"};
    extra << "--cache" << (redis ? m_redis.url() : QStringLiteral("off"));
    Pair pair(extra);
    QString error;
    QVERIFY2(pair.start(&error), qPrintable(error));
    const QByteArray key = "split-" + QByteArray::number(redis);
    QList<Request> requests;
    for (int i = 0; i < 50; ++i)
        requests << pay(i % 2 ? pair.b : pair.a, key);
    const QList<Answer> answers = sendAll(requests);
    int created = 0;
    for (const Answer &a : answers) {
        QVERIFY2(a.status == 201 || a.status == 200 || a.status == 409,
                 qPrintable(QString::number(a.status) + a.error + a.body));
        created += a.status == 201;
    }
    QVERIFY(drained(pair.a));
    QVERIFY(drained(pair.b));
    // Over both DBs, counting a replicated copy once: the ledger ids of both files.
    QSet<QString> ids;
    for (ClusterProcess *p : {&pair.a, &pair.b})
        for (const QString &id : column(p->dbFile(), QStringLiteral("SELECT id FROM ledger")))
            ids.insert(id);
    if (redis) {
        QCOMPARE(created, 1);
        QCOMPARE(ids.size(), 1);
        // Replication caught up: each DB holds that one row.
        QCOMPARE(ledgerCount(pair.a, key), 1);
        QCOMPARE(ledgerCount(pair.b, key), 1);
    } else {
        QVERIFY2(ids.size() > 1, qPrintable(QStringLiteral("%1 ledger rows").arg(ids.size())));
        QCOMPARE(created, ids.size());
        // Each process ends up with every row, its own and its peer's.
        QCOMPARE(ledgerCount(pair.a, key), ids.size());
        QCOMPARE(ledgerCount(pair.b, key), ids.size());
    }
}

void TstPeer::killNineInTheMiddleOfALoad_data()
{
    // On a pool of workers each request's thread waits for its writes; with nothing slept
    // and no Redis the writes (and the mutex's waits) are queued and answered from the DB
    // writer's thread.
    QTest::addColumn<QString>("workers");
    QTest::addRow("blocking writes (--workers 8)") << "8";
    QTest::addRow("queued writes") << "0";
}

void TstPeer::killNineInTheMiddleOfALoad()
{
    QFETCH(QString, workers);
    Pair pair({"--op-ms", "0", "--db-ms", "0", "--cache-ms", "0", "--atomic", "on", "--lag-ms",
               "100", "--mutex", "on", "--cache", "off", "--workers", workers});
    QString error;
    QVERIFY2(pair.start(&error), qPrintable(error));
    QList<Request> requests;
    for (int i = 0; i < 400; ++i)
        requests << pay(pair.a, "load-" + QByteArray::number(i));
    // A steady load of 8 in flight: all 400 at once, A could answer every one before the
    // 150th answer reached the test. Killed at the 150th, up to 7 are cut short in A and
    // the rest find no server.
    int answered = 0;
    const QList<Answer> answers = sendAll(
        requests,
        [&](int, const Answer &a) {
            if (a.status != 0 && ++answered == 150)
                pair.a.kill(); // in the middle: the rest get no answer
        },
        8);
    QVERIFY(!pair.a.running());
    QSet<QString> got201;
    int lost = 0;
    for (int i = 0; i < answers.size(); ++i) {
        if (answers[i].status == 201)
            got201.insert(QStringLiteral("load-%1").arg(i));
        lost += answers[i].status == 0;
    }
    QVERIFY2(got201.size() >= 150, qPrintable(QString::number(got201.size())));
    QVERIFY2(lost > 0, "the kill came after the load: nothing was cut short");

    const QString fileA = pair.a.dbFile();
    QCOMPARE(scalar(fileA, QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
    // Atomic on: a ledger row and its CONSUMED commit together, or neither does.
    QCOMPARE(scalar(fileA, QStringLiteral("SELECT COUNT(*) FROM ledger l LEFT JOIN "
                                          "idempotency_keys k ON k.key = l.key AND k.scope = "
                                          "l.scope WHERE k.status IS NOT 'CONSUMED'"))
                 .toInt(),
             0);
    const QStringList charged = column(fileA, QStringLiteral("SELECT key FROM ledger"));
    const QSet<QString> chargedKeys(charged.begin(), charged.end());
    QCOMPARE(charged.size(), chargedKeys.size());
    for (const QString &key : got201)
        QVERIFY2(chargedKeys.contains(key), qPrintable(key + " answered 201 without its row"));

    // Restarted on the same file, A sends what its outbox kept: B gets every row exactly once.
    QVERIFY2(pair.a.start(), qPrintable(pair.a.error()));
    QVERIFY(drained(pair.a));
    const QStringList atA =
        column(fileA, QStringLiteral("SELECT id FROM ledger WHERE origin = 'A' ORDER BY id"));
    const QStringList atB = column(pair.b.dbFile(), QStringLiteral("SELECT id FROM ledger WHERE "
                                                                   "origin = 'A' ORDER BY id"));
    QCOMPARE(atB, atA);
    QCOMPARE(atA.size(), chargedKeys.size());
    QCOMPARE(scalar(pair.b.dbFile(), QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
}

void TstPeer::peerDownThenBack()
{
    Pair pair({"--op-ms", "0", "--db-ms", "0", "--lag-ms", "50", "--cache", "off"});
    QString error;
    QVERIFY2(pair.start(&error), qPrintable(error));
    pair.b.kill();
    QList<Request> requests;
    for (int i = 0; i < 20; ++i)
        requests << pay(pair.a, "down-" + QByteArray::number(i));
    for (const Answer &a : sendAll(requests))
        QCOMPARE(a.status, 201);
    // A keeps the rows while B is away, and says so once.
    QDeadlineTimer deadline(20'000);
    while (pair.a.replication().value(QLatin1String("peerReachable")) != QJsonValue(false) &&
           !deadline.hasExpired())
        QThread::msleep(20);
    QThread::msleep(300); // a few retries
    const QJsonObject away = pair.a.replication();
    QCOMPARE(away.value(QLatin1String("peerReachable")), QJsonValue(false));
    QVERIFY(away.value(QLatin1String("backlog")).toInteger() > 0);
    QCOMPARE(pair.a.output().count("is unreachable"), 1);

    QVERIFY2(pair.b.start(), qPrintable(pair.b.error()));
    QVERIFY(drained(pair.a));
    QCOMPARE(pair.a.output().count("is back"), 1);
    QCOMPARE(ledgerCount(pair.b), 20);
    QCOMPARE(ledgerCount(pair.a), 20);
}

void TstPeer::crashAfterAStep()
{
    // Preset 12's crash on a real process: atomic on, the process ends between the ledger
    // row and CONSUMED of the third payment; neither is in the file.
    Pair pair({"--op-ms", "0", "--db-ms", "0", "--lag-ms", "50", "--cache", "off", "--atomic", "on",
               "--crash-after", "charge:3"});
    QString error;
    QVERIFY2(pair.start(&error), qPrintable(error));
    QVERIFY(pair.a.output().contains("crash       after the 3rd charge"));
    QList<int> statuses;
    for (int i = 1; i <= 4; ++i)
        statuses << send(pay(pair.a, "crash-" + QByteArray::number(i))).status;
    QCOMPARE(statuses, (QList<int>{201, 201, 0, 0}));
    QVERIFY(pair.a.waitForEnd(10'000));
    QCOMPARE(pair.a.exitStatus(), QProcess::CrashExit);
    QVERIFY2(pair.a.output().contains("crashing now (--crash-after charge:3): Server A1 passed "
                                      "the step with key crash-3"),
             pair.a.output().constData());
    const QString fileA = pair.a.dbFile();
    QCOMPARE(scalar(fileA, QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
    QCOMPARE(column(fileA, QStringLiteral("SELECT key FROM ledger ORDER BY key")),
             (QStringList{"crash-1", "crash-2"}));
    QCOMPARE(scalar(fileA, QStringLiteral("SELECT status FROM idempotency_keys WHERE key = "
                                          "'crash-3'"))
                 .toString(),
             QStringLiteral("CREATED")); // claimed, then the crash: stuck without a lease

    // Restarted on the same file, without a lease the stuck claim answers 409 (preset 11);
    // with one, the retry takes the claim over (the claim's time and the restarted
    // process's clock are both wall-clock time) and charges it once; B gets every row.
    const QStringList restart{"--op-ms", "0",       "--db-ms", "0",        "--lag-ms",
                              "50",      "--cache", "off",     "--atomic", "on"};
    pair.a.setExtra(restart);
    QVERIFY2(pair.a.start(), qPrintable(pair.a.error()));
    QCOMPARE(send(pay(pair.a, "crash-3")).status, 409);
    pair.a.stop();
    pair.a.setExtra(restart + QStringList{"--lease-ms", "1"});
    QVERIFY2(pair.a.start(), qPrintable(pair.a.error()));
    QCOMPARE(send(pay(pair.a, "crash-3")).status, 201);
    QCOMPARE(ledgerCount(pair.a, "crash-3"), 1);
    QVERIFY(drained(pair.a));
    QCOMPARE(column(pair.b.dbFile(), QStringLiteral("SELECT key FROM ledger ORDER BY key")),
             (QStringList{"crash-1", "crash-2", "crash-3"}));
}

void TstPeer::redisStoppedAndRestartedUnderLoad()
{
    if (!m_haveRedis)
        QSKIP("redis-server is not available");
    RedisServer redis; // of this test's own: it is stopped and started again
    QVERIFY2(redis.start(), qPrintable(redis.error()));
    Pair pair({"--op-ms", "0", "--db-ms", "0", "--lag-ms", "50", "--cache", redis.url(),
               "--cache-failure", "closed"});
    QString error;
    QVERIFY2(pair.start(&error), qPrintable(error));
    auto burst = [&](const QByteArray &prefix) {
        QList<Request> requests;
        for (int i = 0; i < 20; ++i) {
            const QByteArray key = prefix + QByteArray::number(i / 2);
            requests << pay(i % 2 ? pair.b : pair.a, key); // each key at both clusters
        }
        QList<int> statuses;
        for (const Answer &a : sendAll(requests))
            statuses << a.status;
        return statuses;
    };
    const QList<int> before = burst("up-");
    QVERIFY(!before.contains(503));
    redis.stop();
    const QList<int> down = burst("down-");
    QCOMPARE(down.count(503), down.size());
    QVERIFY2(redis.start(), qPrintable(redis.error()));
    // Back without restarting the clusters: the next requests are served.
    QList<int> after;
    QDeadlineTimer deadline(20'000);
    do {
        after = burst("after-");
    } while (after.contains(503) && !deadline.hasExpired());
    QVERIFY2(!after.contains(503), qPrintable(QString::number(after.count(503))));
    QVERIFY(pair.a.running() && pair.b.running());
    QVERIFY(drained(pair.a));
    QVERIFY(drained(pair.b));
    // No key charged twice, over both DBs.
    for (ClusterProcess *p : {&pair.a, &pair.b}) {
        const QStringList keys = column(p->dbFile(), QStringLiteral("SELECT key FROM ledger"));
        QCOMPARE(QSet<QString>(keys.begin(), keys.end()).size(), keys.size());
        QCOMPARE(keys.size(), 20); // 10 keys before, 10 after; none while Redis was down
    }
}

void TstPeer::badBatches_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail");
    const QByteArray row =
        R"({"kind":"ledger","writtenUs":1,"id":"B-1","key":"k","scope":"","origin":"B",)"
        R"("from":"A","to":"B","amount":10,"atUs":5})";
    QTest::addRow("malformed JSON")
        << QByteArray("{\"schema\": ") << 400 << QStringLiteral("malformed JSON");
    QTest::addRow("wrong schema")
        << QByteArray(R"({"schema":"idemlab.replication/9","from":"B","rows":[)" + row + "]}")
        << 400 << QStringLiteral("replication.schema: must be \"idemlab.replication/1\"");
    QTest::addRow("from itself")
        << QByteArray(R"({"schema":"idemlab.replication/1","from":"A","rows":[)" +
                      QByteArray(row).replace("\"B", "\"A") + "]}")
        << 400 << QStringLiteral("the batch is from cluster A, this cluster itself");
    QTest::addRow("bad row") << QByteArray(R"({"schema":"idemlab.replication/1","from":"B",)"
                                           R"("rows":[{"kind":"ledger"}]})")
                             << 400 << QStringLiteral("replication.rows[0]");
    QTest::addRow("too big") << QByteArray(5 * 1024 * 1024, ' ') << 413
                             << QStringLiteral("POST /replication takes at most");
}

void TstPeer::badBatches()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, detail);
    // One process, with replication off (no peer needed): it still takes batches.
    QTemporaryDir dir;
    ClusterProcess a(QStringLiteral("A"), freePort(), freePort(), dir.path());
    QVERIFY2(a.start(), qPrintable(a.error()));
    const Answer answer = send(Request{a.url(QStringLiteral("/replication")), "POST", body, {}});
    QCOMPARE(answer.status, status);
    const QString got = answer.json.value(QLatin1String("detail")).toString();
    QVERIFY2(got.contains(detail), qPrintable(got));
    QVERIFY2(!got.contains(QLatin1Char('\n')), qPrintable(got));
    QCOMPARE(ledgerCount(a), 0); // nothing applied
}

QTEST_GUILESS_MAIN(TstPeer)
#include "tst_peer.moc"
