// The replication link's faults (dropReplica, duplicateReplica) through the engine: which
// message they name (the nth a cluster sends, or the first at or after a time), what the
// other cluster then answers a retry, the rows left in both DBs, and the events that show it.
#include "faults/faultplan.h"
#include "faults/faultreader.h"
#include "scenario/scenarioloader.h"
#include "sim/eventtext.h"
#include "sim/simulation.h"

#include <QtTest>

using namespace idem;

namespace {

/// Preset 7 (failover-retry: K1 at 0 to cluster A, its retry at 5 s to cluster B) with a 1 s
/// lag, so that every row of R1 reaches DB B before the retry, and `faults` (--fault specs).
RunResult failover(const QStringList &faults)
{
    ScenarioLoad load = ScenarioLoader::load(QStringLiteral("failover-retry"));
    if (!load.scenario)
        qFatal("%s", qPrintable(load.error));
    Scenario scenario = *load.scenario;
    if (const auto error =
            scenario.settings.setFromOverride(QStringLiteral("lag-ms"), QStringLiteral("1000")))
        qFatal("%s", qPrintable(*error));
    if (const auto error = FaultReader::addSpecs(faults, scenario))
        qFatal("%s", qPrintable(*error));
    auto outcome = Simulation::run(scenario);
    if (!outcome.result)
        qFatal("%s", qPrintable(outcome.error));
    return *outcome.result;
}

QString statuses(const RunResult &r)
{
    QStringList out;
    for (const Attempt &a : r.attempts)
        out.append(QString::number(a.status));
    return out.join(QLatin1Char(','));
}

int charges(const RunResult &r)
{
    int n = 0;
    for (const int count : r.verdict.sideEffects)
        n += count;
    return n;
}

QStringList keyRows(const RunResult &r, int cluster)
{
    QStringList out;
    for (const KeyRow &k : r.keys[cluster])
        out.append(QStringLiteral("%1:%2:%3").arg(k.key, k.status, clusterName(k.origin)));
    return out;
}

QStringList ledgerIds(const RunResult &r, int cluster)
{
    QStringList out;
    for (const LedgerRow &l : r.ledger[cluster])
        out.append(l.id);
    return out;
}

bool isDb(const RunResult &r, int node)
{
    return node >= 0 && r.nodes[node].kind == NodeKind::Database;
}

/// What the link did, from the events: "delivered/lost/copies" of the messages between DBs.
QString linkEvents(const RunResult &r)
{
    int delivered = 0;
    int lost = 0;
    int copies = 0;
    for (const Event &e : r.events) {
        if (!isDb(r, e.from) || !isDb(r, e.to))
            continue;
        if (e.type == EventType::Replicate || e.type == EventType::Conflict)
            (e.label.endsWith(eventtext::replicaCopySuffix()) ? copies : delivered)++;
        else if (e.type == EventType::Send && e.lost)
            ++lost;
    }
    return QStringLiteral("%1/%2/%3").arg(delivered).arg(lost).arg(copies);
}

} // namespace

class TstFaults : public QObject
{
    Q_OBJECT

private slots:
    void replicationFaults_data();
    void replicationFaults();
    void lostMessageIsDrawnAsLost();
    void secondCopyChangesNothing_data();
    void secondCopyChangesNothing();
    void fateOfAMessage_data();
    void fateOfAMessage();
    void scenarioFileRoundTrip();
};

void TstFaults::replicationFaults_data()
{
    QTest::addColumn<QStringList>("faults");
    QTest::addColumn<QString>("statuses"); // R1, then its retry on cluster B
    QTest::addColumn<int>("charges");
    QTest::addColumn<QStringList>("keysB");
    QTest::addColumn<QStringList>("ledgerB");
    QTest::addColumn<QString>("link"); // delivered/lost/copies, as the events show them
    QTest::addColumn<QString>("verdict");

    // R1 sends three messages to DB B: K1 CREATED, ledger A-1, K1 CONSUMED.
    QTest::addRow("no fault") << QStringList() << "201,200" << 1 << QStringList{"K1:CONSUMED:A"}
                              << QStringList{"A-1"} << "3/0/0"
                              << "";
    // The claim is lost, but the CONSUMED row carries the key: the retry is still answered.
    QTest::addRow("claim lost") << QStringList{"drop-replica:from=A:nth=1"} << "201,200" << 1
                                << QStringList{"K1:CONSUMED:A"} << QStringList{"A-1"} << "2/1/0"
                                << "";
    QTest::addRow("first message at or after 0 ms lost")
        << QStringList{"drop-replica:from=A:at-ms=0"} << "201,200" << 1
        << QStringList{"K1:CONSUMED:A"} << QStringList{"A-1"} << "2/1/0"
        << "";
    // The ledger row is lost: the retry is answered, DB B's ledger never shows the charge.
    QTest::addRow("ledger row lost") << QStringList{"drop-replica:from=A:nth=2"} << "201,200" << 1
                                     << QStringList{"K1:CONSUMED:A"} << QStringList() << "2/1/0"
                                     << "";
    // CONSUMED is lost: DB B holds K1 CREATED for good, so the retry there gets 409 and the
    // verdict finds the key stuck there.
    QTest::addRow("CONSUMED lost") << QStringList{"drop-replica:from=A:nth=3"} << "201,409" << 1
                                   << QStringList{"K1:CREATED:A"} << QStringList{"A-1"} << "2/1/0"
                                   << "STUCK_KEY";
    // The first message after the claim went out (it leaves at 25 ms): the ledger row.
    QTest::addRow("first message at or after 100 ms lost")
        << QStringList{"drop-replica:from=A:at-ms=100"} << "201,200" << 1
        << QStringList{"K1:CONSUMED:A"} << QStringList() << "2/1/0"
        << "";
    // Every row lost: DB B never hears of K1, and its server charges the retry as new. Its
    // own rows then reach DB A, where K1 is A's: two conflicts, and the ledger row B-1.
    QTest::addRow("every row lost")
        << QStringList{"drop-replica:from=A:nth=1", "drop-replica:from=A:nth=2",
                       "drop-replica:from=A:nth=3"}
        << "201,201" << 2 << QStringList{"K1:CONSUMED:B"} << QStringList{"B-1"} << "3/3/0"
        << "DUPLICATE_EFFECT";
    // Cluster B sends nothing in this run (its server only replays): nothing to lose.
    QTest::addRow("B's first message, which it never sends")
        << QStringList{"drop-replica:from=B:nth=1"} << "201,200" << 1
        << QStringList{"K1:CONSUMED:A"} << QStringList{"A-1"} << "3/0/0"
        << "";
    QTest::addRow("a fourth message A never sends")
        << QStringList{"drop-replica:from=A:nth=4"} << "201,200" << 1
        << QStringList{"K1:CONSUMED:A"} << QStringList{"A-1"} << "3/0/0"
        << "";
    // A second copy changes nothing: the same rows, one charge, one more event.
    QTest::addRow("claim doubled")
        << QStringList{"duplicate-replica:from=A:nth=1"} << "201,200" << 1
        << QStringList{"K1:CONSUMED:A"} << QStringList{"A-1"} << "3/0/1"
        << "";
    QTest::addRow("ledger row doubled")
        << QStringList{"duplicate-replica:from=A:nth=2"} << "201,200" << 1
        << QStringList{"K1:CONSUMED:A"} << QStringList{"A-1"} << "3/0/1"
        << "";
    QTest::addRow("CONSUMED doubled")
        << QStringList{"duplicate-replica:from=A:nth=3"} << "201,200" << 1
        << QStringList{"K1:CONSUMED:A"} << QStringList{"A-1"} << "3/0/1"
        << "";
    // Named lost and doubled: it is lost.
    QTest::addRow("lost and doubled")
        << QStringList{"duplicate-replica:from=A:nth=3", "drop-replica:from=A:nth=3"} << "201,409"
        << 1 << QStringList{"K1:CREATED:A"} << QStringList{"A-1"} << "2/1/0"
        << "STUCK_KEY";
}

void TstFaults::replicationFaults()
{
    QFETCH(QStringList, faults);
    QFETCH(QString, statuses);
    QFETCH(int, charges);
    QFETCH(QStringList, keysB);
    QFETCH(QStringList, ledgerB);
    QFETCH(QString, link);
    QFETCH(QString, verdict);

    const RunResult r = failover(faults);
    QCOMPARE(::statuses(r), statuses);
    QCOMPARE(::charges(r), charges);
    QStringList anomalies;
    for (const Anomaly &a : r.verdict.anomalies)
        anomalies.append(a.type);
    QCOMPARE(anomalies.join(QLatin1Char(',')), verdict);
    QCOMPARE(keyRows(r, 1), keysB);
    QCOMPARE(ledgerIds(r, 1), ledgerB);
    QCOMPARE(linkEvents(r), link);
    // DB A keeps its own rows whatever the link does.
    QCOMPARE(ledgerIds(r, 0).first(), QStringLiteral("A-1"));
}

void TstFaults::lostMessageIsDrawnAsLost()
{
    // As a lost request: a `send` marked lost, then half way a `fault` between the same two
    // nodes, whose caption says what DB B will not learn and whose why says why it matters.
    const RunResult r = failover({QStringLiteral("drop-replica:from=A:nth=1")});
    const int dbA = r.nodeIndex(QStringLiteral("db-a"));
    const int dbB = r.nodeIndex(QStringLiteral("db-b"));
    const Event *sent = nullptr;
    const Event *fault = nullptr;
    for (const Event &e : r.events) {
        if (e.from != dbA || e.to != dbB || !e.lost)
            continue;
        (e.type == EventType::Send ? sent : fault) = &e;
    }
    QVERIFY(sent && fault);
    QCOMPARE(fault->type, EventType::Fault);
    QCOMPARE(sent->label, QStringLiteral("K1 CREATED"));
    QCOMPARE(fault->label, sent->label);
    QCOMPARE(sent->t, sent->startUs);
    QCOMPARE(sent->endUs - sent->startUs, qint64(1'000'000)); // the lag it would have taken
    QCOMPARE(fault->t, sent->startUs + (sent->endUs - sent->startUs) / 2);
    QCOMPARE(fault->startUs, sent->startUs);
    QVERIFY2(fault->caption.contains(QLatin1String("loses K1 CREATED")) &&
                 fault->caption.contains(QLatin1String("DB B never learns of this write")),
             qPrintable(fault->caption));
    // No replicate event of it: DB B's K1 comes from the CONSUMED row alone.
    for (const Event &e : r.events)
        QVERIFY(!(e.type == EventType::Replicate && e.label == QLatin1String("K1 CREATED")));
}

void TstFaults::secondCopyChangesNothing_data()
{
    QTest::addColumn<int>("nth");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("state");   // what the copy changed
    QTest::addColumn<QString>("caption"); // part of the copy's caption
    QTest::addRow("key row") << 1 << "K1 CREATED (copy)"
                             << "CREATED"
                             << "the upsert writes the same row: DB B still holds one K1";
    QTest::addRow("ledger row") << 2 << "ledger A-1 (copy)"
                                << ""
                                << "INSERT OR IGNORE keeps the one row: K1 is charged once";
}

void TstFaults::secondCopyChangesNothing()
{
    QFETCH(int, nth);
    QFETCH(QString, label);
    QFETCH(QString, state);
    QFETCH(QString, caption);
    const RunResult plain = failover({});
    const RunResult doubled =
        failover({QStringLiteral("duplicate-replica:from=A:nth=%1").arg(nth)});
    // Both arrivals are in the log, the copy 100 ms after the first, from the same write.
    const Event *first = nullptr;
    const Event *copy = nullptr;
    for (const Event &e : doubled.events) {
        if (e.type != EventType::Replicate)
            continue;
        if (e.label == label)
            copy = &e;
        else if (label.startsWith(e.label + QLatin1Char(' ')))
            first = &e;
    }
    QVERIFY(first && copy);
    QCOMPARE(copy->startUs, first->startUs);
    QCOMPARE(copy->t - first->t, qint64(100'000));
    QCOMPARE(copy->state, state);
    QVERIFY2(copy->caption.contains(caption), qPrintable(copy->caption));
    // And the DBs end as without it.
    for (int c = 0; c < 2; ++c) {
        QCOMPARE(keyRows(doubled, c), keyRows(plain, c));
        QCOMPARE(ledgerIds(doubled, c), ledgerIds(plain, c));
    }
    QCOMPARE(doubled.events.size(), plain.events.size() + 1);
}

void TstFaults::fateOfAMessage_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("cluster");
    QTest::addColumn<int>("nth");
    QTest::addColumn<qint64>("sentUs");
    QTest::addColumn<qint64>("previousUs");
    QTest::addColumn<int>("fate"); // ReplicaFate

    const int delivered = int(ReplicaFate::Delivered);
    const int lost = int(ReplicaFate::Lost);
    const int doubled = int(ReplicaFate::Doubled);
    QTest::addRow("nth: that one")
        << "drop-replica:from=A:nth=2" << 0 << 2 << qint64(5) << qint64(1) << lost;
    QTest::addRow("nth: not another")
        << "drop-replica:from=A:nth=2" << 0 << 3 << qint64(5) << qint64(1) << delivered;
    QTest::addRow("nth: not the other cluster's")
        << "drop-replica:from=A:nth=2" << 1 << 2 << qint64(5) << qint64(1) << delivered;
    QTest::addRow("at: the first at the time")
        << "duplicate-replica:from=B:at-ms=2" << 1 << 4 << qint64(2000) << qint64(1999) << doubled;
    QTest::addRow("at: the first after it")
        << "duplicate-replica:from=B:at-ms=2" << 1 << 4 << qint64(9000) << qint64(1000) << doubled;
    QTest::addRow("at: the very first")
        << "duplicate-replica:from=B:at-ms=2" << 1 << 1 << qint64(9000) << qint64(-1) << doubled;
    QTest::addRow("at: not before") << "duplicate-replica:from=B:at-ms=2" << 1 << 3 << qint64(1999)
                                    << qint64(1000) << delivered;
    QTest::addRow("at: not the second after") << "duplicate-replica:from=B:at-ms=2" << 1 << 5
                                              << qint64(2000) << qint64(2000) << delivered;
}

void TstFaults::fateOfAMessage()
{
    QFETCH(QString, spec);
    QFETCH(int, cluster);
    QFETCH(int, nth);
    QFETCH(qint64, sentUs);
    QFETCH(qint64, previousUs);
    QFETCH(int, fate);
    Scenario s;
    s.clients.append({QStringLiteral("Client 1"), 0});
    QCOMPARE(FaultReader::addSpecs({spec}, s), std::optional<QString>());
    const FaultPlan plan(s.faults);
    QCOMPARE(int(plan.replicaFate(cluster, nth, sentUs, previousUs)), fate);
}

void TstFaults::scenarioFileRoundTrip()
{
    // Written as the file holds it, read back the same; nth by default.
    Scenario s = *ScenarioLoader::load(QStringLiteral("failover-retry")).scenario;
    QCOMPARE(FaultReader::addSpecs({QStringLiteral("drop-replica:from=B"),
                                    QStringLiteral("duplicate-replica:from=A:at-ms=1500")},
                                   s),
             std::optional<QString>());
    const QJsonObject json = ScenarioLoader::toJson(s);
    const QJsonArray faults = json.value(QStringLiteral("faults")).toArray();
    QCOMPARE(faults.at(0).toObject(),
             QJsonObject({{"kind", "dropReplica"}, {"from", "B"}, {"nth", 1}}));
    QCOMPARE(faults.at(1).toObject(),
             QJsonObject({{"kind", "duplicateReplica"}, {"from", "A"}, {"atMs", 1500}}));
    const ScenarioLoad back =
        ScenarioLoader::fromJson(QJsonDocument(json).toJson(), QStringLiteral("saved"));
    QVERIFY2(back.scenario, qPrintable(back.error));
    QCOMPARE(ScenarioLoader::toJson(*back.scenario), json);
}

QTEST_GUILESS_MAIN(TstFaults)
#include "tst_faults.moc"
