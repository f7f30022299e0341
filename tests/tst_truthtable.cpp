// Every row of DESIGN.md's truth table, with its toggles, run through the engine: the
// responses, the side effects, and the rows left in both SQLite files (read back here
// through a connection of the test's own, not through the engine).
#include "scenario/scenarioloader.h"
#include "sim/simulation.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace idem;

namespace {

struct DbRows
{
    QStringList keys;   ///< "label:STATUS:origin", ordered by key (Part 2: more, see below)
    QStringList ledger; ///< ledger ids, ordered
};

/// Part 2 reads more of each key row: "label:STATUS:origin:g<generation>:<code>[:scope]".
enum class KeyDetail
{
    Basic,
    Full,
};

DbRows readDb(const QString &path, const QHash<QString, QString> &labels,
              KeyDetail detail = KeyDetail::Basic)
{
    DbRows rows;
    const QString name = QStringLiteral("tst-truthtable-read");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("cannot open %s", qPrintable(path));
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT key, status, origin, generation, response_code, scope "
                              "FROM idempotency_keys ORDER BY key, scope"));
        while (q.next()) {
            QString row = QStringLiteral("%1:%2:%3")
                              .arg(labels.value(q.value(0).toString(), QStringLiteral("?")),
                                   q.value(1).toString(), q.value(2).toString());
            if (detail == KeyDetail::Full) {
                row += QStringLiteral(":g%1:%2").arg(q.value(3).toInt()).arg(q.value(4).toInt());
                if (!q.value(5).toString().isEmpty())
                    row += QLatin1Char(':') + q.value(5).toString();
            }
            rows.keys.append(row);
        }
        q.exec(QStringLiteral("SELECT id FROM ledger ORDER BY id"));
        while (q.next())
            rows.ledger.append(q.value(0).toString());
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

QString statuses(const RunResult &r)
{
    QStringList out;
    for (const Attempt &a : r.attempts)
        out.append(a.outcome == AttemptOutcome::TimedOut ? QStringLiteral("timeout")
                                                         : QString::number(a.status));
    std::sort(out.begin(), out.end());
    return out.join(QLatin1Char(','));
}

/// The preset with its overrides ("--mutex", "on", ...) run with its DBs as files in `dir`.
std::optional<RunResult> runRow(const QString &preset, const QStringList &overrides,
                                const QString &dir)
{
    ScenarioLoad load = ScenarioLoader::load(preset);
    if (!load.scenario)
        qFatal("%s", qPrintable(load.error));
    Scenario scenario = *load.scenario;
    for (int i = 0; i + 1 < overrides.size(); i += 2)
        if (const auto error =
                scenario.settings.setFromOverride(overrides[i].mid(2), overrides[i + 1]))
            qFatal("%s", qPrintable(*error));
    auto outcome = Simulation::run(scenario, {dir});
    if (!outcome.result)
        qWarning("%s", qPrintable(outcome.error));
    return outcome.result;
}

/// The current data row's preset and overrides, run with its DBs as files in `dir`.
std::optional<RunResult> runCurrentRow(const QTemporaryDir &dir)
{
    QFETCH(QString, preset);
    QFETCH(QStringList, overrides);
    return runRow(preset, overrides, dir.path());
}

/// Compares the rows left in both clusters' DB files in `dir` with the current data row's
/// keysA, keysB, ledgerA and ledgerB.
void compareDatabases(const RunResult &r, const QTemporaryDir &dir, KeyDetail detail)
{
    QFETCH(QStringList, keysA);
    QFETCH(QStringList, keysB);
    QFETCH(QStringList, ledgerA);
    QFETCH(QStringList, ledgerB);
    QHash<QString, QString> labels;
    for (const Attempt &a : r.attempts)
        labels.insert(a.rawKey, a.key);
    const DbRows dbA = readDb(dir.filePath(QStringLiteral("cluster-a.sqlite")), labels, detail);
    const DbRows dbB = readDb(dir.filePath(QStringLiteral("cluster-b.sqlite")), labels, detail);
    QCOMPARE(dbA.keys, keysA);
    QCOMPARE(dbB.keys, keysB);
    QCOMPARE(dbA.ledger, ledgerA);
    QCOMPARE(dbB.ledger, ledgerB);
}

} // namespace

class TstTruthTable : public QObject
{
    Q_OBJECT

private slots:
    void row_data();
    void row();
    void part2_data();
    void part2();
    void burstWithoutMutexChargesAtLeastTwice();
    void lostResponseRetryGets200();
    void replayOriginalAnswers201WithMarker();
};

void TstTruthTable::row_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QStringList>("overrides");
    QTest::addColumn<QString>("expectedStatuses"); // sorted
    QTest::addColumn<int>("sideEffects");          // of K1 (-1: no key sent)
    QTest::addColumn<QStringList>("keysA");
    QTest::addColumn<QStringList>("keysB");
    QTest::addColumn<QStringList>("ledgerA");
    QTest::addColumn<QStringList>("ledgerB");

    const QStringList consumedA{"K1:CONSUMED:A"};
    const QStringList a1{"A-1"};
    QTest::addRow("1 single-request")
        << "single-request" << QStringList{} << "201" << 1 << consumedA << consumedA << a1 << a1;
    QTest::addRow("2 missing-key") << "missing-key" << QStringList{} << "400" << -1 << QStringList{}
                                   << QStringList{} << QStringList{} << QStringList{};
    QTest::addRow("3 retry-after-success") << "retry-after-success" << QStringList{} << "200,201"
                                           << 1 << consumedA << consumedA << a1 << a1;
    QTest::addRow("4 retry-while-processing")
        << "retry-while-processing" << QStringList{} << "201,409" << 1 << consumedA << consumedA
        << a1 << a1;
    QTest::addRow("5 parallel-same-cluster, mutex off")
        << "parallel-same-cluster" << QStringList{"--mutex", "off"} << "201,201" << 2 << consumedA
        << consumedA << QStringList{"A-1", "A-2"} << QStringList{"A-1", "A-2"};
    QTest::addRow("5 parallel-same-cluster, mutex on")
        << "parallel-same-cluster" << QStringList{"--mutex", "on"} << "201,409" << 1 << consumedA
        << consumedA << a1 << a1;
    // Two independent claims: each DB keeps its own row (the replica is a conflict).
    const QStringList both{"A-1", "B-1"};
    for (const QString mutex : {"off", "on"}) {
        QTest::addRow("6 parallel-two-clusters, cache off, mutex %s", qPrintable(mutex))
            << "parallel-two-clusters" << QStringList{"--cache", "off", "--mutex", mutex}
            << "201,201" << 2 << consumedA << QStringList{"K1:CONSUMED:B"} << both << both;
    }
    for (const QString mutex : {"off", "on"}) {
        const auto name = QStringLiteral("6 parallel-two-clusters, cache on, mutex %1").arg(mutex);
        QTest::newRow(qPrintable(name))
            << "parallel-two-clusters" << QStringList{"--cache", "on", "--mutex", mutex}
            << "201,409" << 1 << consumedA << consumedA << a1 << a1;
    }
    QTest::addRow("7 failover-retry, cache off")
        << "failover-retry" << QStringList{"--cache", "off"} << "201,201" << 2 << consumedA
        << QStringList{"K1:CONSUMED:B"} << both << both;
    QTest::addRow("7 failover-retry, cache on")
        << "failover-retry" << QStringList{"--cache", "on"} << "200,201" << 1 << consumedA
        << consumedA << a1 << a1;
    QTest::addRow("8 lost-response") << "lost-response" << QStringList{} << "200,timeout" << 1
                                     << consumedA << consumedA << a1 << a1;
    QTest::addRow("9 burst, mutex on")
        << "burst" << QStringList{"--mutex", "on"} << "201,409,409,409,409" << 1 << consumedA
        << consumedA << a1 << a1;
    QTest::addRow("10 payload-mismatch") << "payload-mismatch" << QStringList{} << "201,422" << 1
                                         << consumedA << consumedA << a1 << a1;
}

void TstTruthTable::row()
{
    QFETCH(QString, expectedStatuses);
    QFETCH(int, sideEffects);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto outcome = runCurrentRow(dir);
    QVERIFY(outcome);
    const RunResult &r = *outcome;

    QCOMPARE(statuses(r), expectedStatuses);
    if (sideEffects < 0) {
        QVERIFY(r.verdict.sideEffects.isEmpty());
    } else {
        QCOMPARE(r.verdict.sideEffects.value(QStringLiteral("K1")), sideEffects);
    }
    QCOMPARE(r.verdict.anomalies.isEmpty(), sideEffects <= 1);
    if (sideEffects > 1) {
        QCOMPARE(r.verdict.anomalies.first().type, QStringLiteral("DUPLICATE_EFFECT"));
        QCOMPARE(r.verdict.anomalies.first().count, sideEffects);
        // The log flags the duplicate when it happens, not only in the verdict.
        const bool logged = std::any_of(r.events.cbegin(), r.events.cend(), [](const Event &e) {
            return e.type == EventType::Anomaly && e.key == QLatin1String("K1");
        });
        QVERIFY(logged);
    }
    QVERIFY(r.verdict.stuckKeys.isEmpty());
    compareDatabases(r, dir, KeyDetail::Basic);
}

// DESIGN.md Part 2: what real systems get wrong. Both columns of each row, from the engine.
void TstTruthTable::part2_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QStringList>("overrides");
    QTest::addColumn<QString>("expectedStatuses"); // sorted
    QTest::addColumn<QStringList>("sideEffects");  // "key=n", sorted
    QTest::addColumn<QStringList>("anomalies");    // types, in the verdict's order
    QTest::addColumn<QStringList>("keysA");
    QTest::addColumn<QStringList>("keysB");
    QTest::addColumn<QStringList>("ledgerA");
    QTest::addColumn<QStringList>("ledgerB");

    const QStringList none;
    const QStringList a1{"A-1"};
    const QStringList done201{"K1:CONSUMED:A:g1:201"};
    // 11: the claim outlives its holder; every retry is refused, nothing is ever charged.
    QTest::addRow("11 crash-after-claim, lease off")
        << "crash-after-claim" << none << "409,409,409,timeout" << QStringList{"K1=0"}
        << QStringList{"STUCK_KEY"} << QStringList{"K1:CREATED:A:g1:0"}
        << QStringList{"K1:CREATED:A:g1:0"} << none << none;
    QTest::addRow("11 crash-after-claim, lease 1.5 s")
        << "crash-after-claim" << QStringList{"--lease-ms", "1500"} << "201,timeout"
        << QStringList{"K1=1"} << none << QStringList{"K1:CONSUMED:A:g2:201"}
        << QStringList{"K1:CONSUMED:A:g2:201"} << a1 << a1;
    // 12: two statements: the takeover charges again. One transaction: the crash rolled the
    // first charge back (its id A-1 is a gap), so the takeover's A-2 is the only one.
    QTest::addRow("12 crash-before-consume, atomic off")
        << "crash-before-consume" << none << "201,timeout" << QStringList{"K1=2"}
        << QStringList{"DUPLICATE_EFFECT"} << QStringList{"K1:CONSUMED:A:g2:201"}
        << QStringList{"K1:CONSUMED:A:g2:201"} << QStringList{"A-1", "A-2"}
        << QStringList{"A-1", "A-2"};
    QTest::addRow("12 crash-before-consume, atomic on")
        << "crash-before-consume" << QStringList{"--atomic", "on"} << "201,timeout"
        << QStringList{"K1=1"} << none << QStringList{"K1:CONSUMED:A:g2:201"}
        << QStringList{"K1:CONSUMED:A:g2:201"} << QStringList{"A-2"} << QStringList{"A-2"};
    // 13: the retry takes over a claim still being worked on; the first holder's CONSUMED is
    // fenced (its 409 reaches a client that gave up), the second's 201 comes after the
    // client's timeout.
    QTest::addRow("13 lease-too-short, lease 1 s")
        << "lease-too-short" << none << "timeout,timeout" << QStringList{"K1=2"}
        << QStringList{"DUPLICATE_EFFECT"} << QStringList{"K1:CONSUMED:A:g2:201"}
        << QStringList{"K1:CONSUMED:A:g2:201"} << QStringList{"A-1", "A-2"}
        << QStringList{"A-1", "A-2"};
    QTest::addRow("13 lease-too-short, lease 10 s")
        << "lease-too-short" << QStringList{"--lease-ms", "10000"} << "409,timeout"
        << QStringList{"K1=1"} << none << done201 << done201 << a1 << a1;
    // 14: the reaper deleted K1 before the phone came back; both DBs end without it.
    QTest::addRow("14 key-expiry, keys kept 10 s")
        << "key-expiry" << none << "201,201" << QStringList{"K1=2"}
        << QStringList{"DUPLICATE_EFFECT"} << none << none << QStringList{"A-1", "A-2"}
        << QStringList{"A-1", "A-2"};
    QTest::addRow("14 key-expiry, keys kept 24 h")
        << "key-expiry" << QStringList{"--key-ttl-ms", "86400000"} << "200,201"
        << QStringList{"K1=1"} << none << done201 << done201 << a1 << a1;
    // 15: closed: 503 while the cache is down, then one claim wins. Open: both clusters'
    // DBs claim on their own (the replica meets a conflict).
    QTest::addRow("15 cache-outage, fail closed")
        << "cache-outage" << none << "200,201,409,503,503,503,503" << QStringList{"K1=1"} << none
        << done201 << done201 << a1 << a1;
    QTest::addRow("15 cache-outage, fail open")
        << "cache-outage" << QStringList{"--cache-failure", "open"} << "201,201"
        << QStringList{"K1=2"} << QStringList{"DUPLICATE_EFFECT"} << done201
        << QStringList{"K1:CONSUMED:B:g1:201"} << QStringList{"A-1", "B-1"}
        << QStringList{"A-1", "B-1"};
    // 16: the stored error is replayed; releasing the key lets the retry pay.
    QTest::addRow("16 failed-charge, store the error")
        << "failed-charge" << none << "502,502" << QStringList{"K1=0"} << none
        << QStringList{"K1:CONSUMED:A:g1:502"} << QStringList{"K1:CONSUMED:A:g1:502"} << none
        << none;
    QTest::addRow("16 failed-charge, release the key")
        << "failed-charge" << QStringList{"--error-policy", "release"} << "201,502"
        << QStringList{"K1=1"} << none << done201 << done201 << a1 << a1;
    // 17: one key space: Client 2 gets Client 1's payment. Scoped per client: two keys.
    QTest::addRow("17 key-collision, global keys")
        << "key-collision" << none << "200,201" << QStringList{"K1=1"}
        << QStringList{"KEY_COLLISION"} << done201 << done201 << a1 << a1;
    const QStringList twoKeys{"K1:CONSUMED:A:g1:201:Client 1", "K1:CONSUMED:A:g1:201:Client 2"};
    QTest::addRow("17 key-collision, keys per client")
        << "key-collision" << QStringList{"--key-scope", "client"} << "201,201"
        << QStringList{"K1 (Client 1)=1", "K1 (Client 2)=1"} << none << twoKeys << twoKeys
        << QStringList{"A-1", "A-2"} << QStringList{"A-1", "A-2"};
}

void TstTruthTable::part2()
{
    QFETCH(QString, expectedStatuses);
    QFETCH(QStringList, sideEffects);
    QFETCH(QStringList, anomalies);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto outcome = runCurrentRow(dir);
    QVERIFY(outcome);
    const RunResult &r = *outcome;

    QCOMPARE(statuses(r), expectedStatuses);
    QStringList effects;
    for (auto it = r.verdict.sideEffects.cbegin(); it != r.verdict.sideEffects.cend(); ++it)
        effects << QStringLiteral("%1=%2").arg(it.key()).arg(it.value());
    QCOMPARE(effects, sideEffects);
    QStringList types;
    for (const Anomaly &a : r.verdict.anomalies)
        types << a.type;
    QCOMPARE(types, anomalies);
    compareDatabases(r, dir, KeyDetail::Full);
}

void TstTruthTable::burstWithoutMutexChargesAtLeastTwice()
{
    ScenarioLoad load = ScenarioLoader::load(QStringLiteral("burst"));
    QVERIFY(load.scenario);
    Scenario s = *load.scenario;
    s.settings.mutex = false;
    const auto outcome = Simulation::run(s);
    QVERIFY(outcome.result);
    const Verdict &v = outcome.result->verdict;
    QCOMPARE(outcome.result->attempts.size(), 5);
    QVERIFY2(v.statusCounts.value(201) >= 2,
             qPrintable(QString::number(v.statusCounts.value(201))));
    QCOMPARE(v.sideEffects.value(QStringLiteral("K1")), v.statusCounts.value(201));
    QCOMPARE(v.anomalies.size(), 1);
}

void TstTruthTable::lostResponseRetryGets200()
{
    ScenarioLoad load = ScenarioLoader::load(QStringLiteral("lost-response"));
    QVERIFY(load.scenario);
    const auto outcome = Simulation::run(*load.scenario);
    QVERIFY(outcome.result);
    const RunResult &r = *outcome.result;
    QCOMPARE(r.attempts.size(), 2);
    QCOMPARE(r.attempts[0].outcome, AttemptOutcome::TimedOut);
    QCOMPARE(r.attempts[1].attempt, 2);
    QCOMPARE(r.attempts[1].status, 200);
    QCOMPARE(r.attempts[1].key, r.attempts[0].key);
    // The dropped 201 is in the log as a lost message.
    const bool lost201 = std::any_of(r.events.cbegin(), r.events.cend(), [](const Event &e) {
        return e.type == EventType::Send && e.lost && e.status == 201;
    });
    QVERIFY(lost201);
}

void TstTruthTable::replayOriginalAnswers201WithMarker()
{
    ScenarioLoad load = ScenarioLoader::load(QStringLiteral("retry-after-success"));
    QVERIFY(load.scenario);
    Scenario s = *load.scenario;
    s.settings.replay = ReplayMode::Original;
    const auto outcome = Simulation::run(s);
    QVERIFY(outcome.result);
    QCOMPARE(statuses(*outcome.result), QStringLiteral("201,201"));
    QCOMPARE(outcome.result->verdict.sideEffects.value(QStringLiteral("K1")), 1);
}

QTEST_GUILESS_MAIN(TstTruthTable)
#include "tst_truthtable.moc"
