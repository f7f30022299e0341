// A key's life at a glance: the state of one key over the run in DB A, DB B and the
// shared cache, the requests that carried it and the ledger rows it caused, read off the
// scene state itself so it says exactly what the scene shows at every moment.

#include "presetrun.h"

#include "playback/keylife.h"
#include "playback/scenestate.h"

#include <QtTest>

using namespace idem;

namespace {

/// A lane's states in order: "-" no row, "CREATED", "CONSUMED", "expired"; "*" marks a
/// replica, "gN" a generation above 1, "!taken" / "!fenced" / "!again" a mark.
QString describe(const KeyLane &lane)
{
    QStringList parts;
    for (const KeySpan &s : lane.spans) {
        QString part = s.status.isEmpty() ? QStringLiteral("-") : s.status;
        if (s.replica)
            part += QLatin1Char('*');
        if (s.generation > 1)
            part += QStringLiteral("g%1").arg(s.generation);
        if (s.mark == KeyMark::TakenOver)
            part += QStringLiteral("!taken");
        else if (s.mark == KeyMark::Fenced)
            part += QStringLiteral("!fenced");
        else if (s.mark == KeyMark::ClaimedAfterExpiry)
            part += QStringLiteral("!again");
        parts << part;
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TstKeyLife : public QObject
{
    Q_OBJECT

private slots:
    void lanes_data();
    void lanes();
    void requestsAndCharges();
    void unknownKeyIsAbsentEverywhere();
    void scopedKeysKeepApart();
    void agreesWithTheSceneAtEveryMoment_data();
    void agreesWithTheSceneAtEveryMoment();
};

void TstKeyLife::lanes_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QStringList>("settings");
    QTest::addColumn<QString>("dbA");
    QTest::addColumn<QString>("dbB");
    QTest::addColumn<QString>("cache");
    // One request: claimed, consumed, and a minute later both writes reach DB B, in order.
    QTest::addRow("single request") << "single-request" << QStringList() << "- CREATED CONSUMED"
                                    << "- CREATED* CONSUMED*"
                                    << "-";
    // Two clusters claim the same key before replication: each DB has its own row; the
    // other's CREATED and CONSUMED arrive on a row already CONSUMED and change nothing.
    QTest::addRow("two clusters, no cache")
        << "parallel-two-clusters" << QStringList() << "- CREATED CONSUMED"
        << "- CREATED CONSUMED"
        << "-";
    // With the shared cache the second claim loses at the cache: one row, the cache holds
    // the key, DB B only ever holds the replica.
    QTest::addRow("two clusters, cache")
        << "parallel-two-clusters" << QStringList{"cache=on"} << "- CREATED CONSUMED"
        << "- CREATED* CONSUMED*"
        << "- CREATED CONSUMED";
    // The lease runs out: a second server takes the claim over (generation 2); the first
    // holder's late write is refused (fenced), and the new holder's CONSUMED goes in.
    QTest::addRow("lease too short")
        << "lease-too-short" << QStringList()
        << "- CREATED CREATEDg2!taken CREATEDg2!fenced CONSUMEDg2!fenced"
        << "- CREATED* CREATED*g2 CONSUMED*g2"
        << "-";
}

void TstKeyLife::lanes()
{
    QFETCH(QString, preset);
    QFETCH(QStringList, settings);
    QFETCH(QString, dbA);
    QFETCH(QString, dbB);
    QFETCH(QString, cache);
    const RunResult run = runPresetWith(preset, settings);
    const KeyLife life = keyLifeOf(run, QStringLiteral("K1"));
    QCOMPARE(life.lanes.size(), 3);
    QCOMPARE(life.lanes[0].place, QStringLiteral("DB A"));
    QCOMPARE(life.lanes[2].place, QStringLiteral("Shared cache"));
    QCOMPARE(describe(life.lanes[0]), dbA);
    QCOMPARE(describe(life.lanes[1]), dbB);
    QCOMPARE(describe(life.lanes[2]), cache);
}

void TstKeyLife::requestsAndCharges()
{
    // Two parallel requests on two clusters, no cache: both charge (the duplicate), and
    // each row is copied to the other DB.
    const RunResult run = runPreset(QStringLiteral("parallel-two-clusters"));
    const KeyLife life = keyLifeOf(run, QStringLiteral("K1"));
    QCOMPARE(life.requests.size(), 2);
    for (const KeyRequest &r : life.requests) {
        QCOMPARE(r.status, 201);
        QVERIFY(r.receivedUs > r.sentUs);
        QVERIFY(!r.server.isEmpty());
    }
    QVERIFY(life.requests[0].server != life.requests[1].server);
    QCOMPARE(life.charges.size(), 4); // two charges, each also replicated
    int own = 0;
    for (const KeyCharge &c : life.charges) {
        QVERIFY2(c.duplicate, qPrintable(c.id));
        QCOMPARE(c.amount, qint64(10));
        own += !c.replica;
    }
    QCOMPARE(own, 2);
    // With the cache on, one charge and its replica, neither a duplicate.
    const KeyLife guarded =
        keyLifeOf(runPreset(QStringLiteral("parallel-two-clusters"), false, true), "K1");
    QCOMPARE(guarded.charges.size(), 2);
    QVERIFY(!guarded.charges[0].duplicate && !guarded.charges[1].duplicate);
    QVERIFY(!guarded.charges[0].replica && guarded.charges[1].replica);
    QVERIFY(guarded.charges[1].atUs > guarded.charges[0].atUs);
}

void TstKeyLife::unknownKeyIsAbsentEverywhere()
{
    const RunResult run = runPreset(QStringLiteral("single-request"));
    const KeyLife life = keyLifeOf(run, QStringLiteral("K9"));
    for (const KeyLane &lane : life.lanes) {
        QCOMPARE(lane.spans.size(), 1);
        QCOMPARE(lane.spans[0].fromUs, qint64(0));
        QCOMPARE(lane.spans[0].toUs, life.endUs);
        QVERIFY(lane.spans[0].status.isEmpty());
    }
    QVERIFY(life.requests.isEmpty());
    QVERIFY(life.charges.isEmpty());
}

void TstKeyLife::scopedKeysKeepApart()
{
    // Two clients use K1: under keyScope client they are two keys, each with its own row
    // and charge; under a global key scope the second client is answered with the first's.
    const RunResult scoped = runPresetWith(QStringLiteral("key-collision"), {"keyScope=client"});
    const KeyLife one = keyLifeOf(scoped, QStringLiteral("K1"), QStringLiteral("Client 1"));
    const KeyLife two = keyLifeOf(scoped, QStringLiteral("K1"), QStringLiteral("Client 2"));
    QCOMPARE(one.requests.size(), 1);
    QCOMPARE(two.requests.size(), 1);
    QCOMPARE(one.requests[0].client, QStringLiteral("Client 1"));
    QCOMPARE(two.requests[0].client, QStringLiteral("Client 2"));
    QVERIFY(one.charges.constFirst().id != two.charges.constFirst().id);
    QCOMPARE(describe(one.lanes[0]).split(' ').constLast(), QStringLiteral("CONSUMED"));
    QCOMPARE(describe(two.lanes[0]).split(' ').constLast(), QStringLiteral("CONSUMED"));

    const RunResult global = runPreset(QStringLiteral("key-collision"));
    const KeyLife shared = keyLifeOf(global, QStringLiteral("K1"));
    QCOMPARE(shared.requests.size(), 2);
    int charged = 0;
    for (const KeyCharge &c : shared.charges)
        charged += !c.replica;
    QCOMPARE(charged, 1);
}

void TstKeyLife::agreesWithTheSceneAtEveryMoment_data()
{
    addPresetToggleRows();
}

void TstKeyLife::agreesWithTheSceneAtEveryMoment()
{
    // At every event's moment, and half-way to the next, each lane's span says what the
    // scene state of that moment holds; the spans of a lane follow on without a gap.
    QFETCH(QString, preset);
    QFETCH(bool, mutex);
    QFETCH(bool, cache);
    const RunResult run = runPreset(preset, mutex, cache);
    QSet<QString> keys;
    for (const Attempt &a : run.attempts)
        if (!a.key.isEmpty())
            keys.insert(a.key);
    QVERIFY(!keys.isEmpty() || preset == QLatin1String("missing-key"));
    QVector<qint64> moments;
    for (int i = 0; i < run.events.size(); ++i) {
        moments << run.events[i].t;
        if (i + 1 < run.events.size())
            moments << (run.events[i].t + run.events[i + 1].t) / 2;
    }
    for (const QString &key : keys) {
        const KeyLife life = keyLifeOf(run, key);
        for (const KeyLane &lane : life.lanes) {
            QVERIFY(!lane.spans.isEmpty());
            QCOMPARE(lane.spans.constFirst().fromUs, qint64(0));
            QCOMPARE(lane.spans.constLast().toUs, life.endUs);
            for (int i = 1; i < lane.spans.size(); ++i)
                QCOMPARE(lane.spans[i].fromUs, lane.spans[i - 1].toUs);
        }
        for (const qint64 t : moments) {
            const SceneState s = sceneAt(run, t);
            for (int p = 0; p < 3; ++p) {
                const KeyLane &lane = life.lanes[p];
                const auto span =
                    std::find_if(lane.spans.cbegin(), lane.spans.cend(),
                                 [t](const KeySpan &sp) { return sp.fromUs <= t && t < sp.toUs; });
                const QString inLane =
                    span == lane.spans.cend() ? lane.spans.constLast().status : span->status;
                QString inScene;
                if (p == 2) {
                    for (const CacheEntryView &e : s.cache)
                        if (e.key == key)
                            inScene = e.status;
                } else {
                    for (const KeyRowView &r : s.expired[p])
                        if (r.key == key)
                            inScene = QStringLiteral("expired");
                    for (const KeyRowView &r : s.keys[p])
                        if (r.key == key)
                            inScene = r.status;
                }
                QVERIFY2(inLane == inScene,
                         qPrintable(QStringLiteral("%1 in %2 at %3 µs: lane says \"%4\", scene "
                                                   "\"%5\"")
                                        .arg(key, lane.place)
                                        .arg(t)
                                        .arg(inLane, inScene)));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TstKeyLife)
#include "tst_keylife.moc"
