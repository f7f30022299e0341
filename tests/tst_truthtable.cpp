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
    QStringList keys;   ///< "label:STATUS:origin", ordered by key
    QStringList ledger; ///< ledger ids, ordered
};

DbRows readDb(const QString &path, const QHash<QString, QString> &labels)
{
    DbRows rows;
    const QString name = QStringLiteral("tst-truthtable-read");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("cannot open %s", qPrintable(path));
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT key, status, origin FROM idempotency_keys ORDER BY key"));
        while (q.next())
            rows.keys.append(QStringLiteral("%1:%2:%3")
                                 .arg(labels.value(q.value(0).toString(), QStringLiteral("?")),
                                      q.value(1).toString(), q.value(2).toString()));
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

} // namespace

class TstTruthTable : public QObject
{
    Q_OBJECT

private slots:
    void row_data();
    void row();
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
    QFETCH(QString, preset);
    QFETCH(QStringList, overrides);
    QFETCH(QString, expectedStatuses);
    QFETCH(int, sideEffects);
    QFETCH(QStringList, keysA);
    QFETCH(QStringList, keysB);
    QFETCH(QStringList, ledgerA);
    QFETCH(QStringList, ledgerB);

    ScenarioLoad load = ScenarioLoader::load(preset);
    QVERIFY2(load.scenario, qPrintable(load.error));
    Scenario scenario = *load.scenario;
    for (int i = 0; i + 1 < overrides.size(); i += 2) {
        const auto error = scenario.settings.setFromOverride(overrides[i].mid(2), overrides[i + 1]);
        QVERIFY2(!error, qPrintable(error.value_or(QString())));
    }

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto outcome = Simulation::run(scenario, {dir.path()});
    QVERIFY2(outcome.result, qPrintable(outcome.error));
    const RunResult &r = *outcome.result;

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

    QHash<QString, QString> labels;
    for (const Attempt &a : r.attempts)
        labels.insert(a.rawKey, a.key);
    const DbRows dbA = readDb(dir.filePath(QStringLiteral("cluster-a.sqlite")), labels);
    const DbRows dbB = readDb(dir.filePath(QStringLiteral("cluster-b.sqlite")), labels);
    QCOMPARE(dbA.keys, keysA);
    QCOMPARE(dbB.keys, keysB);
    QCOMPARE(dbA.ledger, ledgerA);
    QCOMPARE(dbB.ledger, ledgerB);
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
