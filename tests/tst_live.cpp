// Live mode over real HTTP: both clusters served by a LiveSession on ephemeral ports and hit
// with QNetworkAccessManager. Every truth-table row, the 50-request races, malformed input
// (with no side effect, and the key still free afterwards), and `idemlab-cli serve` itself.
//
// Timing-dependent rows are made deterministic in outcome by the settings: a long operation
// (--op-ms) keeps the first request running while the second arrives; a long DB round trip
// (--db-ms) holds the no-guard window between lookup and insert open while requests that
// were sent together arrive. Nothing here asserts how long anything took.
#include "export/exporter.h"
#include "export/timelineexporter.h"
#include "live/livesession.h"
#include "livehttp.h"
#include "timeline/timelinereader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <QtTest>

#include <memory>
#include <optional>

using namespace idem;
using namespace idem::livetest;

namespace {

struct Cli
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Cli serveAndFail(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(IDEMLAB_CLI), QStringList{QStringLiteral("serve")} + args);
    if (!p.waitForFinished(waitMs))
        qFatal("idemlab-cli serve did not exit");
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace

class TstLive : public QObject
{
    Q_OBJECT

private slots:
    // The truth table of DESIGN.md, row by row, over HTTP.
    void singleRequest();
    void missingKey();
    void retryAfterSuccess();
    void replayOriginal();
    void retryWhileProcessing();
    void parallelSameCluster_data();
    void parallelSameCluster();
    void parallelTwoClusters_data();
    void parallelTwoClusters();
    void failoverRetry_data();
    void failoverRetry();
    void replicationCarriesTheKey();
    void lostResponse();
    void burst_data();
    void burst();
    void payloadMismatch();

    // Fifty at once.
    void fiftyWithMutexOneCluster_data();
    void fiftyWithMutexOneCluster();
    void fiftyWithCacheBothClusters();
    void fiftyWithoutGuardsDuplicate();

    // Nothing slept, no mutex, no Redis: writes are queued, answered from the DB writer.
    void queuedWritesManyNewKeys();
    void queuedWritesStopAnswersWhatIsQueued();

    // Malformed input: the status, no side effect, the key still free.
    void malformedBody_data();
    void malformedBody();
    void invalidKey_data();
    void invalidKey();
    void quotedKeyIsTheSameKey();
    void wrongMethod_data();
    void wrongMethod();
    void unknownPath();
    void ledgerAndHealth();
    void allowedOrigins();
    void preflightAndHead();
    void pipelinedAnswersInOrder();
    void twoKeyHeaders();

    // The session as the GUI will use it.
    void eventsNameTheLiveNodes();
    void snapshotFeedsTheExporters();

    // idemlab-cli serve.
    void serveRejectsBadOptions_data();
    void serveRejectsBadOptions();
    void servePortInUse();
    void serveStopsCleanlyOnSigterm_data();
    void serveStopsCleanlyOnSigterm();
};

void TstLive::singleRequest()
{
    Live live(settingsWith({}));
    const Answer a = live.send(0, post("single-1"));
    QCOMPARE(a.status, 201);
    QCOMPARE(a.contentType, QByteArray("application/json"));
    QCOMPARE(a.json.value("paymentId").toString(), QStringLiteral("A-1"));
    QCOMPARE(a.header("Location"), QByteArray("/payments/A-1"));
    QCOMPARE(live.ledger(0), 1);
    QCOMPARE(live.ledger(0, "single-1"), 1);
    QCOMPARE(live.ledger(1), 0);
}

void TstLive::missingKey()
{
    Live live(settingsWith({}));
    Call call = post({});
    call.key.reset();
    const Answer a = live.send(0, call);
    QCOMPARE(a.status, 400);
    QCOMPARE(a.contentType, QByteArray("application/problem+json"));
    QCOMPARE(a.json.value("status").toInt(), 400);
    QVERIFY(!a.json.value("title").toString().isEmpty());
    QVERIFY(a.json.value("detail").toString().contains("no Idempotency-Key"));
    QCOMPARE(live.ledger(0), 0);
}

void TstLive::retryAfterSuccess()
{
    Live live(settingsWith({}));
    const Answer first = live.send(0, post("retry-1"));
    const Answer second = live.send(0, post("retry-1"));
    QCOMPARE(first.status, 201);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.body, first.body); // the stored response, same paymentId
    QCOMPARE(first.header("Idempotent-Replayed"), QByteArray());
    QCOMPARE(second.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(live.ledger(0), 1);
}

void TstLive::replayOriginal()
{
    Live live(settingsWith({{"replay", "original"}}));
    const Answer first = live.send(0, post("orig-1"));
    const Answer second = live.send(0, post("orig-1"));
    QCOMPARE(first.status, 201);
    QCOMPARE(second.status, 201);
    QCOMPARE(second.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(second.json.value("paymentId"), first.json.value("paymentId"));
    QCOMPARE(live.ledger(0), 1);
}

void TstLive::retryWhileProcessing()
{
    Live live(settingsWith({{"op-ms", "1500"}}));
    QNetworkReply *first = live.start(0, post("busy-1"));
    QVERIFY(live.waitFor(EventType::OpStart, 0)); // claimed, now charging for 1.5 s
    const Answer second = live.send(0, post("busy-1"));
    QCOMPARE(second.status, 409);
    QCOMPARE(second.header("Retry-After"), QByteArray("1"));
    QCOMPARE(second.contentType, QByteArray("application/problem+json"));
    QCOMPARE(Live::finish(first).status, 201);
    QCOMPARE(live.ledger(0), 1);
}

void TstLive::parallelSameCluster_data()
{
    QTest::addColumn<QString>("mutex");
    QTest::addColumn<QString>("dbMs");
    QTest::addColumn<QString>("statuses");
    QTest::addColumn<int>("rows");
    // Without the mutex, 300 ms between a lookup and its insert: both lookups fall in that
    // window. With it, lookups queue on the lock: keep them short beside the operation.
    QTest::addRow("mutex off: both charged") << "off"
                                             << "300"
                                             << "201,201" << 2;
    QTest::addRow("mutex on: one 409") << "on"
                                       << "20"
                                       << "201,409" << 1;
}

void TstLive::parallelSameCluster()
{
    QFETCH(QString, mutex);
    QFETCH(QString, dbMs);
    QFETCH(QString, statuses);
    QFETCH(int, rows);
    Live live(settingsWith(
        {{"mutex", qPrintable(mutex)}, {"db-ms", qPrintable(dbMs)}, {"op-ms", "800"}}));
    const auto answers = live.sendTogether({{0, post("par-1")}, {0, post("par-1")}});
    QCOMPARE(sorted({answers[0].status, answers[1].status}), statuses);
    QCOMPARE(live.ledger(0), rows);
    QCOMPARE(live.ledger(0, "par-1"), rows);
}

void TstLive::parallelTwoClusters_data()
{
    QTest::addColumn<QString>("mutex");
    QTest::addColumn<QString>("cache");
    QTest::addColumn<QString>("statuses");
    QTest::addColumn<int>("rows");
    QTest::addRow("cache off, mutex off") << "off"
                                          << "off"
                                          << "201,201" << 2;
    QTest::addRow("cache off, mutex on") << "on"
                                         << "off"
                                         << "201,201" << 2;
    QTest::addRow("cache on") << "off"
                              << "on"
                              << "201,409" << 1;
}

void TstLive::parallelTwoClusters()
{
    QFETCH(QString, mutex);
    QFETCH(QString, cache);
    QFETCH(QString, statuses);
    QFETCH(int, rows);
    Live live(settingsWith({{"mutex", qPrintable(mutex)},
                            {"cache", qPrintable(cache)},
                            {"op-ms", "800"},
                            {"cache-ms", "2"}}));
    const auto answers = live.sendTogether({{0, post("two-1")}, {1, post("two-1")}});
    QCOMPARE(sorted({answers[0].status, answers[1].status}), statuses);
    QCOMPARE(live.ledger(0) + live.ledger(1), rows); // the lag (60 s) keeps replicas out
}

void TstLive::failoverRetry_data()
{
    QTest::addColumn<QString>("cache");
    QTest::addColumn<QString>("statuses");
    QTest::addColumn<int>("rows");
    QTest::addRow("cache off: charged twice") << "off"
                                              << "201,201" << 2;
    QTest::addRow("cache on: replayed") << "on"
                                        << "200,201" << 1;
}

void TstLive::failoverRetry()
{
    QFETCH(QString, cache);
    QFETCH(QString, statuses);
    QFETCH(int, rows);
    Live live(settingsWith({{"cache", qPrintable(cache)}, {"lag-ms", "60000"}}));
    const Answer atA = live.send(0, post("fail-1"));
    const Answer atB = live.send(1, post("fail-1")); // before replication
    QCOMPARE(sorted({atA.status, atB.status}), statuses);
    QCOMPARE(live.ledger(0) + live.ledger(1), rows);
    if (atB.status == 200)
        QCOMPARE(atB.body, atA.body);
}

void TstLive::replicationCarriesTheKey()
{
    Live live(settingsWith({{"lag-ms", "300"}}));
    QCOMPARE(live.send(0, post("repl-1")).status, 201);
    // The consumed key row is the last of the three rows to travel.
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(live.events().cbegin(), live.events().cend(),
                                         [](const Event &e) {
                                             return e.type == EventType::Replicate &&
                                                    e.state == QLatin1String("CONSUMED");
                                         }),
                             waitMs);
    const Answer atB = live.send(1, post("repl-1"));
    QCOMPARE(atB.status, 200);
    QCOMPARE(live.ledger(1), 1); // the replica of A-1, not a new charge
    QCOMPARE(live.ledger(0), 1);
}

void TstLive::lostResponse()
{
    Live live(settingsWith({{"op-ms", "1000"}}));
    QNetworkAccessManager impatient;
    QNetworkReply *first = live.start(0, post("lost-1"), &impatient);
    QVERIFY(live.waitFor(EventType::OpStart, 0));
    first->abort(); // the client gives up: its 201 will have nowhere to go
    QCOMPARE(Live::finish(first).error, QNetworkReply::OperationCanceledError);
    QVERIFY(live.waitFor(EventType::Respond, 0));
    const Answer retry = live.send(0, post("lost-1"));
    QCOMPARE(retry.status, 200);
    QCOMPARE(retry.json.value("paymentId").toString(), QStringLiteral("A-1"));
    QCOMPARE(live.ledger(0), 1);
    QCOMPARE(live.send(0, get("/health")).status, 200); // and the server is fine
}

void TstLive::burst_data()
{
    QTest::addColumn<QString>("mutex");
    QTest::addColumn<QString>("dbMs");
    QTest::addRow("mutex off") << "off"
                               << "300";
    QTest::addRow("mutex on") << "on"
                              << "20"; // five lookups in turn, well inside the op
}

void TstLive::burst()
{
    QFETCH(QString, mutex);
    QFETCH(QString, dbMs);
    Live live(settingsWith(
        {{"mutex", qPrintable(mutex)}, {"db-ms", qPrintable(dbMs)}, {"op-ms", "800"}}));
    QVector<std::pair<int, Call>> copies(5, {0, post("burst-1")});
    const auto answers = live.sendTogether(copies);
    QList<int> statuses;
    for (const Answer &a : answers)
        statuses << a.status;
    const auto created = statuses.count(201);
    if (mutex == QLatin1String("on")) {
        QCOMPARE(sorted(statuses), QStringLiteral("201,409,409,409,409"));
        QCOMPARE(live.ledger(0), 1);
    } else {
        QVERIFY2(created >= 2, qPrintable(sorted(statuses)));
        QCOMPARE(live.ledger(0), qint64(created));
    }
}

void TstLive::payloadMismatch()
{
    Live live(settingsWith({}));
    QCOMPARE(live.send(0, post("mismatch-1")).status, 201);
    const Answer other = live.send(0, post("mismatch-1", R"({"from":"A","to":"B","amount":20})"));
    QCOMPARE(other.status, 422);
    QCOMPARE(other.contentType, QByteArray("application/problem+json"));
    QCOMPARE(live.ledger(0), 1);
}

void TstLive::fiftyWithMutexOneCluster_data()
{
    QTest::addColumn<QString>("dbMs");
    QTest::addColumn<QString>("opMs");
    // Slept on workers, each waiter's thread blocks on the lock; with nothing slept the waits
    // are queued, each waiter's lookup run once the holder's claim has committed.
    QTest::addRow("blocking (db 20 ms, op 1 s)") << "20"
                                                 << "1000";
    QTest::addRow("queued (nothing slept)") << "0"
                                            << "0";
}

void TstLive::fiftyWithMutexOneCluster()
{
    QFETCH(QString, dbMs);
    QFETCH(QString, opMs);
    Live live(settingsWith({{"mutex", "on"},
                            {"db-ms", qPrintable(dbMs)},
                            {"op-ms", qPrintable(opMs)},
                            {"cache-ms", "0"}}));
    const auto answers = live.sendTogether(QVector<std::pair<int, Call>>(50, {0, post("fifty-m")}));
    QList<int> statuses;
    for (const Answer &a : answers)
        statuses << a.status;
    QCOMPARE(statuses.count(201), 1);
    QCOMPARE(statuses.count(409) + statuses.count(200), 49); // 200: came after the charge
    QCOMPARE(live.ledger(0), 1);
    const RunResult r = live.session().snapshot();
    QVERIFY(r.verdict.anomalies.isEmpty());
    QVERIFY(std::any_of(r.events.cbegin(), r.events.cend(),
                        [](const Event &e) { return e.type == EventType::LockWait; }));
}

void TstLive::fiftyWithCacheBothClusters()
{
    Live live(settingsWith({{"cache", "on"}, {"cache-ms", "5"}, {"op-ms", "1000"}}));
    QVector<std::pair<int, Call>> calls;
    for (int i = 0; i < 50; ++i)
        calls.append({i % 2, post("fifty-c")});
    const auto answers = live.sendTogether(calls);
    QList<int> statuses;
    for (const Answer &a : answers)
        statuses << a.status;
    QCOMPARE(statuses.count(201), 1);
    QCOMPARE(live.ledger(0) + live.ledger(1), 1);
}

void TstLive::fiftyWithoutGuardsDuplicate()
{
    Live live(settingsWith({{"db-ms", "400"}, {"op-ms", "200"}}));
    const auto answers = live.sendTogether(QVector<std::pair<int, Call>>(50, {0, post("fifty-0")}));
    QList<int> statuses;
    for (const Answer &a : answers)
        statuses << a.status;
    const qint64 rows = live.ledger(0);
    QVERIFY2(rows > 1, qPrintable(sorted(statuses)));
    QCOMPARE(rows, qint64(statuses.count(201))); // every 201 is a charge /ledger shows
    QCOMPARE(live.session().snapshot().verdict.anomalies.size(), 1);
}

namespace {
// Nothing slept and no lock: the I/O threads queue each write with its continuation.
Settings queuedSettings()
{
    return settingsWith({{"op-ms", "0"}, {"db-ms", "0"}, {"cache-ms", "0"}});
}
} // namespace

void TstLive::queuedWritesManyNewKeys()
{
    Live live(queuedSettings());
    QSet<QString> respondThreads;
    QMutex mutex;
    QObject::connect(
        &live.session(), &LiveSession::eventRecorded, &live.session(),
        [&](const Event &e) {
            if (e.type != EventType::Respond)
                return;
            QMutexLocker locker(&mutex);
            respondThreads.insert(QThread::currentThread()->objectName());
        },
        Qt::DirectConnection);
    QVector<std::pair<int, Call>> calls;
    for (int i = 0; i < 64; ++i)
        calls.append({0, post("queued-" + QByteArray::number(i))});
    const auto first = live.sendTogether(calls);
    QSet<QString> ids;
    for (const Answer &a : first) {
        QCOMPARE(a.status, 201);
        ids.insert(a.json.value("paymentId").toString());
    }
    QCOMPARE(ids.size(), 64); // one charge each, none shared
    QCOMPARE(live.ledger(0), 64);
    // The same keys again: each replays its own stored answer, nothing is charged.
    const auto again = live.sendTogether(calls);
    for (int i = 0; i < 64; ++i) {
        QCOMPARE(again[i].status, 200);
        QCOMPARE(again[i].body, first[i].body);
    }
    QCOMPARE(live.ledger(0), 64);
    QCOMPARE(live.ledger(1), 0);
    // The answers to new keys came from the DB writer's thread (the path under test).
    QMutexLocker locker(&mutex);
    QVERIFY2(std::any_of(respondThreads.cbegin(), respondThreads.cend(),
                         [](const QString &name) { return name.startsWith("DbWriter"); }),
             qPrintable(QStringList(respondThreads.values()).join(", ")));
}

void TstLive::queuedWritesStopAnswersWhatIsQueued()
{
    Live live(queuedSettings());
    std::vector<std::unique_ptr<QNetworkAccessManager>> clients;
    QVector<QNetworkReply *> replies;
    for (int i = 0; i < 64; ++i) {
        clients.push_back(std::make_unique<QNetworkAccessManager>());
        replies.append(live.start(0, post("stop-" + QByteArray::number(i)), clients.back().get()));
    }
    // Stop as soon as the first payment is charged: the others are in flight, some of them
    // queued at the writer.
    QVERIFY(QTest::qWaitFor(
        [&] {
            return std::any_of(live.events().cbegin(), live.events().cend(),
                               [](const Event &e) { return e.type == EventType::Respond; });
        },
        waitMs));
    live.session().stop();
    QSet<QByteArray> answered;
    for (int i = 0; i < replies.size(); ++i) {
        const Answer a = Live::finish(replies[i]);
        if (a.status == 201)
            answered.insert("stop-" + QByteArray::number(i));
        else if (a.status != 0) // refused while stopping, or a connection closed: no 5xx but 503
            QVERIFY2(a.status == 503, qPrintable(QString::number(a.status)));
    }
    QVERIFY(!answered.isEmpty());
    // Every 201 is a committed charge and a CONSUMED key in the file, nothing charged twice.
    ClusterDatabase db(0, QStringLiteral("tst-live-stop-check"),
                       live.dbDir() + QStringLiteral("/cluster-a.sqlite"));
    QVERIFY(!db.open());
    for (const QByteArray &key : answered) {
        QCOMPARE(db.ledgerTotals(QString::fromLatin1(key)).count, 1);
        QCOMPARE(db.keyRow({}, QString::fromLatin1(key))->status, QStringLiteral("CONSUMED"));
    }
    // Nothing was left half done: a request whose claim was written went on to its charge and
    // CONSUMED before the writer stopped.
    const QVector<KeyRow> keys = db.keyRows();
    QVERIFY(keys.size() >= answered.size());
    for (const KeyRow &row : keys) {
        QCOMPARE(row.status, QStringLiteral("CONSUMED"));
        QCOMPARE(db.ledgerTotals(row.rawKey).count, 1);
    }
    QCOMPARE(db.ledgerTotals().count, qint64(keys.size()));
}

void TstLive::malformedBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail");
    QTest::addRow("not JSON") << QByteArray("{\"from\":") << 400 << "malformed JSON";
    QTest::addRow("empty") << QByteArray() << 400 << "empty";
    QTest::addRow("array") << QByteArray("[1,2]") << 400 << "must be a JSON object";
    QTest::addRow("no amount") << QByteArray(R"({"from":"A","to":"B"})") << 400
                               << "body.amount: missing";
    QTest::addRow("no from") << QByteArray(R"({"to":"B","amount":10})") << 400
                             << "body.from: missing";
    QTest::addRow("amount string")
        << QByteArray(R"({"from":"A","to":"B","amount":"10"})") << 400 << "body.amount";
    QTest::addRow("amount zero") << QByteArray(R"({"from":"A","to":"B","amount":0})") << 400
                                 << "body.amount";
    QTest::addRow("amount fraction")
        << QByteArray(R"({"from":"A","to":"B","amount":1.5})") << 400 << "body.amount";
    QTest::addRow("unknown field")
        << QByteArray(R"({"from":"A","to":"B","amount":10,"currency":"EUR"})") << 400 << "currency";
    QTest::addRow("duplicate field")
        << QByteArray(R"({"from":"A","to":"B","amount":10,"amount":20})") << 400 << "duplicate";
    QTest::addRow("over 64 KiB") << QByteArray(R"({"from":"A","to":"B","amount":10,"x":")") +
                                        QByteArray(64 * 1024, 'x') + "\"}"
                                 << 413 << "at most 65536";
}

void TstLive::malformedBody()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, detail);
    Live live(settingsWith({}));
    const Answer bad = live.send(0, post("bad-body-1", body));
    QCOMPARE(bad.status, status);
    QCOMPARE(bad.contentType, QByteArray("application/problem+json"));
    QCOMPARE(bad.json.value("status").toInt(), status);
    QVERIFY2(bad.json.value("detail").toString().contains(detail), bad.body.constData());
    QCOMPARE(live.ledger(0), 0);
    // The key was not used up: the same key with a good body is a new payment.
    QCOMPARE(live.send(0, post("bad-body-1")).status, 201);
    QCOMPARE(live.ledger(0), 1);
}

void TstLive::invalidKey_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("detail");
    QTest::addRow("empty") << QByteArray("") << "empty";
    QTest::addRow("blank") << QByteArray("   ") << "empty";
    QTest::addRow("256 characters") << QByteArray(256, 'k') << "256 characters";
    QTest::addRow("tab inside") << QByteArray("k\t1") << "not printable ASCII";
    QTest::addRow("not ASCII") << QByteArray("cl\xc3\xa9") << "not printable ASCII";
    QTest::addRow("quoted, empty") << QByteArray("\"\"") << "empty";
    QTest::addRow("quoted, unclosed") << QByteArray("\"abc") << "no closing quote";
    QTest::addRow("quoted, trailing") << QByteArray("\"abc\"x") << "after its closing quote";
    QTest::addRow("quoted, bad escape") << QByteArray("\"a\\bc\"") << "backslash";
}

void TstLive::invalidKey()
{
    QFETCH(QByteArray, key);
    QFETCH(QString, detail);
    Live live(settingsWith({}));
    const Answer a = live.send(0, post(key));
    QCOMPARE(a.status, 400);
    QCOMPARE(a.contentType, QByteArray("application/problem+json"));
    QVERIFY2(a.json.value("detail").toString().contains(detail), a.body.constData());
    QCOMPARE(live.ledger(0), 0);
    QCOMPARE(live.send(0, get("/health")).status, 200);
}

void TstLive::quotedKeyIsTheSameKey()
{
    Live live(settingsWith({}));
    const Answer quoted = live.send(0, post("\"same-1\""));
    QCOMPARE(quoted.status, 201);
    const Answer plain = live.send(0, post("same-1"));
    QCOMPARE(plain.status, 200);
    QCOMPARE(plain.body, quoted.body);
    // Escapes of the structured-field string: "a\"b" is the key a"b.
    QCOMPARE(live.send(0, post(R"("a\"b")")).status, 201);
    QCOMPARE(live.send(0, post(R"(a"b)")).status, 200);
    QCOMPARE(live.ledger(0), 2);
    QCOMPARE(live.ledger(0, "%22same-1%22"), 1); // ?key= takes the quoted form too
}

void TstLive::wrongMethod_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("allow");
    QTest::addRow("GET /payments")
        << QByteArray("GET") << "/payments" << QByteArray("POST, OPTIONS");
    QTest::addRow("PUT /payments")
        << QByteArray("PUT") << "/payments" << QByteArray("POST, OPTIONS");
    QTest::addRow("DELETE /ledger")
        << QByteArray("DELETE") << "/ledger" << QByteArray("GET, HEAD, OPTIONS");
    QTest::addRow("POST /health") << QByteArray("POST") << "/health"
                                  << QByteArray("GET, HEAD, OPTIONS");
}

void TstLive::wrongMethod()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, allow);
    Live live(settingsWith({}));
    const Answer a = live.send(0, Call{method, path, QByteArray("wrong-1"), payment});
    QCOMPARE(a.status, 405);
    QCOMPARE(a.header("Allow"), allow);
    QCOMPARE(a.contentType, QByteArray("application/problem+json"));
    QCOMPARE(live.ledger(0), 0);
    QCOMPARE(live.send(0, post("wrong-1")).status, 201); // the key is still free
}

void TstLive::unknownPath()
{
    Live live(settingsWith({}));
    for (const QString &path : {QStringLiteral("/"), QStringLiteral("/payment"),
                                QStringLiteral("/payments/A-1"), QStringLiteral("/ledger/x"),
                                // only a cluster whose peer is another process takes batches
                                QStringLiteral("/replication")}) {
        const Answer a = live.send(0, Call{"POST", path, QByteArray("k-404"), payment});
        QCOMPARE(a.status, 404);
        QCOMPARE(a.contentType, QByteArray("application/problem+json"));
        QCOMPARE(a.json.value("title").toString(), QStringLiteral("Not found"));
    }
    QCOMPARE(live.ledger(0), 0);
}

void TstLive::ledgerAndHealth()
{
    Live live(settingsWith({}));
    QCOMPARE(live.send(0, post("sum-1")).status, 201);
    QCOMPARE(live.send(0, post("sum-2", R"({"from":"A","to":"B","amount":32})")).status, 201);
    const Answer all = live.send(0, get("/ledger"));
    QCOMPARE(all.json.value("count").toInt(), 2);
    QCOMPARE(all.json.value("amount").toInt(), 42);
    QCOMPARE(all.json.value("cluster").toString(), QStringLiteral("A"));
    const Answer one = live.send(0, get("/ledger?key=sum-2"));
    QCOMPARE(one.json.value("count").toInt(), 1);
    QCOMPARE(one.json.value("amount").toInt(), 32);
    QCOMPARE(live.send(0, get("/ledger?key=")).status, 400);
    QCOMPARE(live.ledger(0, "nobody"), 0);
    const Answer health = live.send(1, get("/health"));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json.value("status").toString(), QStringLiteral("ok"));
    QCOMPARE(health.json.value("cluster").toString(), QStringLiteral("B"));
    QCOMPARE(health.json.value("settings").toObject().value("opMs").toInt(), 1);
}

void TstLive::allowedOrigins()
{
    Live live(settingsWith({}), 0, [](LiveSession::Options &o) {
        o.allowedOrigins = {QByteArrayLiteral("http://class.example:8000")};
    });
    auto from = [&](const QByteArray &origin) {
        Call call = get(QStringLiteral("/health"));
        QNetworkReply *reply = nullptr;
        QUrl url = live.session().baseUrl(0);
        url.setPath(call.path);
        QNetworkRequest request(url);
        if (!origin.isEmpty())
            request.setRawHeader("Origin", origin);
        QNetworkAccessManager nam;
        reply = nam.get(request);
        return Live::finish(reply);
    };
    const Answer allowed = from("http://class.example:8000");
    QCOMPARE(allowed.status, 200);
    QCOMPARE(allowed.header("Access-Control-Allow-Origin"),
             QByteArray("http://class.example:8000"));
    QVERIFY(allowed.header("Access-Control-Expose-Headers").contains("Idempotent-Replayed"));
    QCOMPARE(allowed.header("Vary"), QByteArray("Origin"));
    for (const QByteArray &other : {QByteArray("http://evil.example"), QByteArray("null"),
                                    QByteArray("http://class.example:8001"), QByteArray()}) {
        const Answer a = from(other);
        QCOMPARE(a.status, 200);
        QVERIFY2(!a.headers.contains("access-control-allow-origin"), other.constData());
    }
}

void TstLive::preflightAndHead()
{
    Live live(settingsWith({}));
    const Answer options = live.send(0, Call{"OPTIONS", "/payments", std::nullopt, {}});
    QCOMPARE(options.status, 204);
    // No origin was allowed: a page of any origin gets no CORS header (never "*").
    QVERIFY(!options.headers.contains("access-control-allow-origin"));
    QVERIFY(options.header("Access-Control-Allow-Headers").contains("Idempotency-Key"));
    const Answer head = live.send(0, Call{"HEAD", "/health", std::nullopt, {}});
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QVERIFY(head.header("Content-Length").toInt() > 0);
    QCOMPARE(live.send(0, get("/health")).status, 200); // the connection still parses
}

void TstLive::pipelinedAnswersInOrder()
{
    // Three requests in one write on one connection; the first sleeps, the others do not:
    // HTTP/1.1 wants the answers in request order all the same.
    Live live(settingsWith({{"op-ms", "600"}}));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, live.session().port(0));
    QVERIFY(socket.waitForConnected(waitMs));
    const QByteArray post = "POST /payments HTTP/1.1\r\nHost: x\r\nIdempotency-Key: pipe-1\r\n"
                            "Content-Length: " +
                            QByteArray::number(payment.size()) + "\r\n\r\n" + payment;
    socket.write(post + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n" +
                 "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += socket.readAll()).count("HTTP/1.1 ") == 3, waitMs);
    const qsizetype created = received.indexOf("HTTP/1.1 201");
    const qsizetype ok = received.indexOf("HTTP/1.1 200");
    const qsizetype missing = received.indexOf("HTTP/1.1 404");
    QVERIFY2(created >= 0 && created < ok && ok < missing, received.constData());
}

void TstLive::twoKeyHeaders()
{
    Live live(settingsWith({}));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, live.session().port(0));
    QVERIFY(socket.waitForConnected(waitMs));
    socket.write("POST /payments HTTP/1.1\r\nHost: x\r\nIdempotency-Key: two-1\r\n"
                 "Idempotency-Key: two-2\r\nContent-Length: " +
                 QByteArray::number(payment.size()) + "\r\n\r\n" + payment);
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += socket.readAll()).contains("\r\n\r\n{"), waitMs);
    QVERIFY2(received.startsWith("HTTP/1.1 400"), received.constData());
    QVERIFY(received.contains("2 Idempotency-Key headers"));
    QCOMPARE(live.ledger(0), 0);
}

void TstLive::eventsNameTheLiveNodes()
{
    Live live(settingsWith({{"mutex", "on"}, {"cache", "on"}}));
    QCOMPARE(live.send(1, post("nodes-1")).status, 201);
    const QVector<Node> nodes = LiveSession::nodes();
    QCOMPARE(nodes[LiveSession::externalClientNode].name, QStringLiteral("External client"));
    // The response's `send` is logged before the response leaves: wait for it to arrive.
    QTRY_VERIFY_WITH_TIMEOUT(live.events().constLast().type == EventType::Send &&
                                 live.events().constLast().status == 201,
                             waitMs);
    const Event &arrival = live.events().constFirst();
    QCOMPARE(arrival.type, EventType::Send);
    QCOMPARE(arrival.from, LiveSession::externalClientNode);
    QCOMPARE(nodes[arrival.to].id, QStringLiteral("server-b1"));
    QStringList types;
    for (const Event &e : live.events()) {
        types << eventTypeName(e.type);
        QVERIFY(e.from >= 0 && e.from < nodes.size());
        QVERIFY(e.to < nodes.size());
        QVERIFY(!e.caption.isEmpty());
    }
    QCOMPARE(types.join(' '), QStringLiteral("send validate cache-op lock-acquire db-read "
                                             "db-write lock-release op-start db-write op-end "
                                             "db-write cache-op respond send"));
    QCOMPARE(live.events()[5].caption,
             QStringLiteral("Server B1: nodes-1 inserted into DB B as CREATED (claimed)"));
}

void TstLive::snapshotFeedsTheExporters()
{
    Live live(settingsWith({}));
    QCOMPARE(live.send(0, post("snap-1")).status, 201);
    QCOMPARE(live.send(0, post("snap-1")).status, 200);
    QCOMPARE(live.send(1, post("snap-1")).status, 201); // a second charge, at B
    QCOMPARE(live.send(0, post("a-key-longer-than-twelve")).status, 201);
    const RunResult r = live.session().snapshot();
    QCOMPARE(r.attempts.size(), 4);
    QCOMPARE(r.attempts[2].cluster, 1);
    QCOMPARE(r.attempts[3].key, QStringLiteral("a-key-long…"));
    QCOMPARE(r.verdict.statusCounts.value(201), 3);
    QCOMPARE(r.verdict.sideEffects.value("snap-1"), 2);
    QCOMPARE(r.verdict.anomalies.size(), 1);
    QCOMPARE(r.keys[0].size(), 2);
    QVERIFY(std::any_of(r.events.cbegin(), r.events.cend(),
                        [](const Event &e) { return e.type == EventType::Anomaly; }));
    QTemporaryDir out;
    for (const QString &format : {QStringLiteral("json"), QStringLiteral("csv")}) {
        const QString path = out.filePath(QStringLiteral("live.") + format);
        const auto error = Exporter::write(r, path, {});
        QVERIFY2(!error, error ? qPrintable(*error) : "");
        QVERIFY(QFileInfo(path).size() > 0);
    }
    // The scenario is the requests that came in, so the JSON reads back as it was written.
    QCOMPARE(r.scenario.requests.size(), 4);
    QCOMPARE(r.attempts[1].request, QStringLiteral("H2"));
    const TimelineLoad back = TimelineReader::fromFile(out.filePath(QStringLiteral("live.json")));
    QVERIFY2(back.run, qPrintable(back.error));
    QCOMPARE(TimelineExporter::render(*back.run), TimelineExporter::render(r));
}

void TstLive::serveRejectsBadOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::addRow("bad port") << QStringList{"--port-a", "70000"} << "--port-a takes a port";
    QTest::addRow("port not a number") << QStringList{"--port-b", "x"} << "--port-b takes a port";
    QTest::addRow("same ports") << QStringList{"--port-a", "9000", "--port-b", "9000"}
                                << "both 9000";
    QTest::addRow("bad bind") << QStringList{"--bind", "not-an-address"} << "--bind takes";
    QTest::addRow("foreign bind") << QStringList{"--bind", "192.0.2.1", "--port-a",
                                                 "0",      "--port-b",  "0"}
                                  << "no such address";
    QTest::addRow("bad log") << QStringList{"--log", "loud"} << "--log takes";
    QTest::addRow("bad override") << QStringList{"--mutex", "maybe"} << "--mutex takes on or off";
    QTest::addRow("positional") << QStringList{"extra"} << "no positional arguments";
}

void TstLive::serveRejectsBadOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Cli r = serveAndFail(args);
    QVERIFY(r.exitCode != 0);
    QCOMPARE(r.err.count('\n'), 1 + r.err.count("warning:")); // one line
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
}

void TstLive::servePortInUse()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost));
    const QString port = QString::number(squatter.serverPort());
    QTemporaryDir dir;
    const Cli r = serveAndFail({"--port-a", port, "--port-b", "0", "--db-dir", dir.path()});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("port " + port.toLatin1() + " is in use"), r.err.constData());

    QFile file(dir.filePath("a-file"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const Cli notDir =
        serveAndFail({"--db-dir", file.fileName(), "--port-a", "0", "--port-b", "0"});
    QCOMPARE(notDir.exitCode, 1);
    QVERIFY2(notDir.err.contains("is a file, not a folder"), notDir.err.constData());
}

void TstLive::serveStopsCleanlyOnSigterm_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addRow("blocking writes (--db-ms 2)") << QStringList();
    QTest::addRow("queued writes (nothing slept)")
        << QStringList{"--db-ms", "0", "--cache-ms", "0"};
}

void TstLive::serveStopsCleanlyOnSigterm()
{
    QFETCH(QStringList, extra);
    QTemporaryDir dir;
    QProcess serve;
    serve.start(QStringLiteral(IDEMLAB_CLI),
                QStringList{"serve", "--port-a", "0", "--port-b", "0", "--bind", "0.0.0.0",
                            "--db-dir", dir.path(), "--op-ms", "0", "--log", "requests"} +
                    extra);
    QVERIFY(serve.waitForStarted(waitMs));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += serve.readAllStandardOutput()).contains("cluster B"), waitMs);
    const QByteArray err = serve.readAllStandardError();
    QVERIFY2(err.contains("warning: --bind 0.0.0.0"), err.constData());
    const qsizetype at = out.indexOf("cluster A   ");
    QVERIFY(at >= 0);
    const QUrl base(QString::fromLatin1(out.mid(at + 12).split(' ').first()));
    QVERIFY2(base.port() > 0, out.constData());

    QNetworkAccessManager nam;
    QNetworkRequest request(base.resolved(QUrl("/payments")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Idempotency-Key", "term-1");
    QNetworkReply *reply = nam.post(request, payment);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), waitMs);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
    delete reply;
    QTRY_VERIFY_WITH_TIMEOUT((out += serve.readAllStandardOutput()).contains("→ 201"), waitMs);

    serve.terminate(); // SIGTERM
    QVERIFY(serve.waitForFinished(waitMs));
    QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
    QCOMPARE(serve.exitCode(), 0);
    out += serve.readAllStandardOutput();
    QVERIFY2(out.contains("checkpointed and closed"), out.constData());

    // The files are whole: the WAL was copied in, and the row is there.
    QVERIFY(!QFile::exists(dir.filePath("cluster-a.sqlite-wal")) ||
            QFileInfo(dir.filePath("cluster-a.sqlite-wal")).size() == 0);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "tst-live-read");
        db.setDatabaseName(dir.filePath("cluster-a.sqlite"));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec("PRAGMA integrity_check") && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
        QVERIFY(q.exec("SELECT status FROM idempotency_keys WHERE key = 'term-1'") && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("CONSUMED"));
    }
    QSqlDatabase::removeDatabase("tst-live-read");
}

QTEST_GUILESS_MAIN(TstLive)
#include "tst_live.moc"
