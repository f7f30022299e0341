// The scene at any moment is rebuilt from the event log alone; at the end of a run it
// must equal what the SQLite databases actually hold.
#include "export/timelineexporter.h"
#include "playback/scenestate.h"
#include "report/whytext.h"
#include "scenario/scenarioloader.h"
#include "sim/simulation.h"
#include "timeline/timelinereader.h"

#include "presetrun.h"

#include <QtTest>

using namespace idem;

namespace {

QStringList keyRows(const QVector<KeyRowView> &rows)
{
    QStringList out;
    for (const auto &r : rows)
        out.append(QStringLiteral("%1:%2:%3").arg(r.key, r.status, clusterName(r.origin)));
    out.sort();
    return out;
}

QStringList keyRows(const QVector<KeyRow> &rows)
{
    QStringList out;
    for (const auto &r : rows)
        out.append(QStringLiteral("%1:%2:%3").arg(r.key, r.status, clusterName(r.origin)));
    out.sort();
    return out;
}

// Whose key each row is and its lease generation.
template <typename Rows> QStringList keyLeases(const Rows &rows)
{
    QStringList out;
    for (const auto &r : rows)
        out.append(QStringLiteral("%1:%2:gen %3").arg(r.key, r.scope).arg(r.generation));
    out.sort();
    return out;
}

template <typename Rows> QStringList ledgerIds(const Rows &rows)
{
    QStringList out;
    for (const auto &r : rows)
        out.append(r.id + QLatin1Char(':') + r.key);
    out.sort();
    return out;
}

} // namespace

class TstSceneState : public QObject
{
    Q_OBJECT

private slots:
    void endStateEqualsTheDatabases_data();
    void endStateEqualsTheDatabases();
    void claimsBeforeCharges();
    void messagesTravel();
    void clientsShowTheirRequests_data();
    void clientsShowTheirRequests();
    void liveRecordAnswersOnArrival();
    void lostMessageFalls();
    void lockHolderAndQueue();
    void cacheEntryWithTtl();
    void duplicateRowsMarked();
    void crashedServerIsDownUntilItRestarts();
    void reapedKeyLeavesTheScene();
    void rolledBackChargeNeverShows();
    void partitionCutsTheLink();
    void takeoverBumpsTheGenerationAndFences();
    void clientScopedKeysStayApart();
    void reapRemovesOnlyItsClientsRow();
    void verdictsBecomeTrueAtTheirMoment();
};

void TstSceneState::endStateEqualsTheDatabases_data()
{
    addPresetToggleRows();
}

void TstSceneState::endStateEqualsTheDatabases()
{
    QFETCH(QString, preset);
    QFETCH(bool, mutex);
    QFETCH(bool, cache);
    const RunResult r = runPreset(preset, mutex, cache);
    const SceneState s = sceneAt(r, r.endUs);
    QCOMPARE(s.lastEvent, r.events.size() - 1);
    for (int c = 0; c < 2; ++c) {
        QCOMPARE(keyRows(s.keys[c]), keyRows(r.keys[c]));
        QCOMPARE(keyLeases(s.keys[c]), keyLeases(r.keys[c]));
        QCOMPARE(ledgerIds(s.ledger[c]), ledgerIds(r.ledger[c]));
    }
    QVERIFY(s.messages.isEmpty());
    // The scene marks duplicate charges; a stuck key or a collision is not one.
    const bool duplicated =
        std::any_of(r.verdict.anomalies.cbegin(), r.verdict.anomalies.cend(),
                    [](const Anomaly &a) { return a.type == QLatin1String("DUPLICATE_EFFECT"); });
    QCOMPARE(!s.duplicateKeys.isEmpty(), duplicated);
    // Every stuck key and collision of the verdict has its moment in the scene.
    QStringList verdictTypes;
    for (const Anomaly &a : r.verdict.anomalies)
        if (a.type != QLatin1String("DUPLICATE_EFFECT"))
            verdictTypes.append(a.type);
    QStringList sceneTypes;
    for (const VerdictMoment &v : s.verdicts)
        sceneTypes.append(v.type);
    verdictTypes.removeDuplicates();
    sceneTypes.removeDuplicates();
    verdictTypes.sort();
    sceneTypes.sort();
    QCOMPARE(sceneTypes, verdictTypes);
}

void TstSceneState::claimsBeforeCharges()
{
    const RunResult r = runPreset(QStringLiteral("parallel-two-clusters"));
    // Both claims are in (about 25 ms), no charge yet (300 ms operation).
    const SceneState s = sceneAt(r, 100'000);
    QCOMPARE(keyRows(s.keys[0]), QStringList{"K1:CREATED:A"});
    QCOMPARE(keyRows(s.keys[1]), QStringList{"K1:CREATED:B"});
    QVERIFY(s.ledger[0].isEmpty());
    QVERIFY(s.ledger[1].isEmpty());
    // Each server is charging its copy.
    int charging = 0;
    for (const NodeActivity &v : s.servers)
        charging += v.tasks.contains(QStringLiteral("K1 · charging"));
    QCOMPARE(charging, 2);
}

void TstSceneState::clientsShowTheirRequests_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<qint64>("t");
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<bool>("busy");
    QTest::addRow("before sending") << "single-request" << qint64(-1) << QStringList{} << false;
    QTest::addRow("waiting") << "single-request" << qint64(10'000) << QStringList{"K1 · waiting"}
                             << true;
    QTest::addRow("answered") << "single-request" << qint64(10'000'000)
                              << QStringList{"K1 · got 201"} << false;
    QTest::addRow("refused") << "missing-key" << qint64(10'000'000)
                             << QStringList{"(no key) · got 400"} << false;
    // lost-response: the 201 is lost; the client gives up after 1 s and at once retries the
    // request, whose line the retry takes over, and gets the stored answer replayed.
    QTest::addRow("still waiting")
        << "lost-response" << qint64(999'000) << QStringList{"K1 · waiting"} << true;
    QTest::addRow("retrying") << "lost-response" << qint64(1'010'000)
                              << QStringList{"K1 · retry, waiting"} << true;
    QTest::addRow("retry answered")
        << "lost-response" << qint64(10'000'000) << QStringList{"K1 · got 200"} << false;
    // retry-while-processing: R2 (same key) is refused 409 while R1 is still charged; each
    // line names its request, so a 409 never sits beside a bare "waiting".
    QTest::addRow("409 while the first waits")
        << "retry-while-processing" << qint64(200'000)
        << QStringList{"R1 · K1 · waiting", "R2 · K1 · got 409"} << true;
    QTest::addRow("both answered")
        << "retry-while-processing" << qint64(10'000'000)
        << QStringList{"R1 · K1 · got 201", "R2 · K1 · got 409"} << false;
}

void TstSceneState::clientsShowTheirRequests()
{
    QFETCH(QString, preset);
    QFETCH(qint64, t);
    QFETCH(QStringList, lines);
    QFETCH(bool, busy);
    const RunResult r = runPreset(preset);
    const SceneState s = sceneAt(r, t);
    const int client = r.nodeIndex(QStringLiteral("client-1"));
    QVERIFY(client >= 0);
    QStringList shown;
    bool waiting = false;
    for (const NodeActivity &v : s.clients) {
        QCOMPARE(r.nodes[v.node].kind, NodeKind::Client);
        if (v.node == client) {
            shown = v.tasks;
            waiting = v.busy;
        }
    }
    QCOMPARE(shown, lines);
    QCOMPARE(waiting, busy);
}

// A live record has no Receive events: the reply's hop reaching the client is the answer
// (the box said "waiting" for every request answered).
void TstSceneState::liveRecordAnswersOnArrival()
{
    RunResult r = runPreset(QStringLiteral("single-request"));
    const int client = r.nodeIndex(QStringLiteral("client-1"));
    r.events.erase(std::remove_if(r.events.begin(), r.events.end(),
                                  [](const Event &e) { return e.type == EventType::Receive; }),
                   r.events.end());
    const auto reply = std::find_if(r.events.cbegin(), r.events.cend(), [&](const Event &e) {
        return e.type == EventType::Send && e.to == client;
    });
    QVERIFY(reply != r.events.cend());
    QVERIFY(reply->endUs > reply->t);
    const auto linesAt = [&](qint64 t) {
        for (const NodeActivity &v : sceneAt(r, t).clients)
            if (v.node == client)
                return std::make_pair(v.tasks, v.busy);
        return std::make_pair(QStringList{}, false);
    };
    QCOMPARE(linesAt(reply->t), std::make_pair(QStringList{"K1 · waiting"}, true));
    QCOMPARE(linesAt(reply->endUs), std::make_pair(QStringList{"K1 · got 201"}, false));
    QCOMPARE(linesAt(r.endUs), std::make_pair(QStringList{"K1 · got 201"}, false));
}

void TstSceneState::messagesTravel()
{
    const RunResult r = runPreset(QStringLiteral("single-request"));
    const SceneState s = sceneAt(r, 10'000); // half way through the 20 ms client hop
    QCOMPARE(s.messages.size(), 1);
    const MessageView &m = s.messages.first();
    QCOMPARE(r.nodes[m.from].kind, NodeKind::Client);
    QCOMPARE(r.nodes[m.to].kind, NodeKind::Router);
    QCOMPARE(m.progress, 0.5);
    QCOMPARE(m.label, QStringLiteral("POST K1"));
    QVERIFY(!m.response);
}

void TstSceneState::lostMessageFalls()
{
    const RunResult r = runPreset(QStringLiteral("lost-response"));
    const auto lost =
        std::find_if(r.events.cbegin(), r.events.cend(), [](const Event &e) { return e.lost; });
    QVERIFY(lost != r.events.cend());
    const qint64 late = lost->startUs + (lost->endUs - lost->startUs) * 3 / 4;
    const SceneState s = sceneAt(r, late);
    const auto m = std::find_if(s.messages.cbegin(), s.messages.cend(),
                                [](const MessageView &v) { return v.falling; });
    QVERIFY(m != s.messages.cend());
    QCOMPARE(m->status, 201);
}

void TstSceneState::lockHolderAndQueue()
{
    const RunResult r = runPreset(QStringLiteral("burst"), true, false);
    const auto wait = std::find_if(r.events.cbegin(), r.events.cend(),
                                   [](const Event &e) { return e.type == EventType::LockWait; });
    QVERIFY(wait != r.events.cend());
    const SceneState s = sceneAt(r, wait->t);
    QCOMPARE(s.locks.size(), 1);
    QCOMPARE(s.locks.first().key, QStringLiteral("K1"));
    QVERIFY(s.locks.first().holder >= 0);
    QVERIFY(!s.locks.first().waiters.isEmpty());
    QCOMPARE(sceneAt(r, r.endUs).locks.size(), 0);
}

void TstSceneState::cacheEntryWithTtl()
{
    const RunResult r = runPreset(QStringLiteral("parallel-two-clusters"), false, true);
    const SceneState mid = sceneAt(r, 100'000);
    QCOMPARE(mid.cache.size(), 1);
    QCOMPARE(mid.cache.first().status, QStringLiteral("CREATED"));
    const SceneState end = sceneAt(r, r.endUs);
    QCOMPARE(end.cache.first().status, QStringLiteral("CONSUMED"));
    QVERIFY(end.cache.first().expiresUs > r.endUs);
}

void TstSceneState::duplicateRowsMarked()
{
    const RunResult r = runPreset(QStringLiteral("parallel-same-cluster"));
    const SceneState s = sceneAt(r, r.endUs);
    QCOMPARE(s.duplicateKeys, QStringList{"K1"});
    QCOMPARE(s.ledger[0].size(), 2);
    QVERIFY(s.ledger[0][0].duplicate && s.ledger[0][1].duplicate);
    QCOMPARE(s.balances[0].value(QStringLiteral("A")), -20);
    QCOMPARE(s.balances[0].value(QStringLiteral("B")), 20);
}

void TstSceneState::crashedServerIsDownUntilItRestarts()
{
    const RunResult r = runPreset(QStringLiteral("crash-after-claim"));
    const int a1 = r.nodeIndex(QStringLiteral("server-a1"));
    QVERIFY(a1 >= 0);
    QVERIFY(!sceneAt(r, 0).downNodes.contains(a1));
    // Down from the crash (just after its claim, ~25 ms) for 10 s; the claim stays CREATED.
    const SceneState during = sceneAt(r, 1'000'000);
    QVERIFY(during.downNodes.contains(a1));
    // Its work died with it: the scene does not show it busy.
    for (const NodeActivity &server : during.servers)
        if (server.node == a1)
            QVERIFY2(!server.busy, qPrintable(server.tasks.join(QLatin1Char('|'))));
    QCOMPARE(keyRows(during.keys[0]), QStringList{"K1:CREATED:A"});
    // When it comes back: the time of its restart event.
    const auto restart = std::find_if(r.events.cbegin(), r.events.cend(), [&](const Event &e) {
        return e.type == EventType::Fault && e.from == a1 && e.label == QLatin1String("RESTART");
    });
    QVERIFY(restart != r.events.cend());
    QCOMPARE(during.backUs.value(a1, -2), restart->t);
    QVERIFY(!sceneAt(r, 11'000'000).downNodes.contains(a1));
    QVERIFY(!sceneAt(r, 11'000'000).backUs.contains(a1));
}

void TstSceneState::reapedKeyLeavesTheScene()
{
    const RunResult r = runPreset(QStringLiteral("key-expiry"));
    // K1 is there after its 201, gone once its 10 s are up, back with the phone's R2.
    QCOMPARE(keyRows(sceneAt(r, 5'000'000).keys[0]), QStringList{"K1:CONSUMED:A"});
    QVERIFY(sceneAt(r, 12'000'000).keys[0].isEmpty());
    // ... but the scene keeps it greyed as expired until K1 is claimed again.
    QVERIFY(sceneAt(r, 5'000'000).expired[0].isEmpty());
    const SceneState reaped = sceneAt(r, 12'000'000);
    QCOMPARE(keyRows(reaped.expired[0]), QStringList{"K1:CONSUMED:A"});
    QCOMPARE(reaped.expired[0].first().mark, KeyMark::Expired);
    QCOMPARE(keyRows(sceneAt(r, 15'500'000).keys[0]), QStringList{"K1:CONSUMED:A"});
    QVERIFY(sceneAt(r, 15'500'000).expired[0].isEmpty());
    QCOMPARE(sceneAt(r, 15'500'000).keys[0].first().mark, KeyMark::ClaimedAfterExpiry);
    // The key moment: the phone's retry looks K1 up and finds nothing. The greyed row is
    // still there, and the lookup's caption says why the payment is new to the server.
    const SceneState missed = sceneAt(r, 15'023'000);
    QCOMPARE(keyRows(missed.expired[0]), QStringList{"K1:CONSUMED:A"});
    QVERIFY(missed.keys[0].isEmpty());
    const Event &lookup = r.events[missed.lastEvent];
    QCOMPARE(lookup.type, EventType::DbRead);
    QCOMPARE(lookup.state, QStringLiteral("absent"));
    QVERIFY2(lookup.caption.endsWith(QStringLiteral(
                 "not in DB A — the reaper deleted it 5.0 s ago, when its 10.0 s time-to-live "
                 "ran out: to this server the payment is new")),
             qPrintable(lookup.caption));
    // R1's own lookup, before any reap, says nothing of the kind.
    const auto first = std::find_if(r.events.cbegin(), r.events.cend(),
                                    [](const Event &e) { return e.type == EventType::DbRead; });
    QVERIFY(first->t < 1'000'000 && !first->caption.contains(QLatin1String("reaper")));
    // The why beside it: a key lives only its time-to-live (R1's lookup, before it, says not).
    QVERIFY2(whyOf(r, lookup).contains(QLatin1String("keeps a key only 10 s")),
             qPrintable(whyOf(r, lookup)));
    QVERIFY(!whyOf(r, *first).contains(QLatin1String("time-to-live")));
    QCOMPARE(ledgerIds(sceneAt(r, 15'500'000).ledger[0]), (QStringList{"A-1:K1", "A-2:K1"}));
}

void TstSceneState::rolledBackChargeNeverShows()
{
    Scenario s = presetScenario(QStringLiteral("crash-before-consume"));
    s.settings.atomic = true;
    const RunResult r = runScenario(s);
    // The first charge was rolled back with its transaction: the scene never shows A-1.
    for (qint64 t = 0; t <= r.endUs; t += 100'000)
        QVERIFY(!ledgerIds(sceneAt(r, t).ledger[0]).contains(QStringLiteral("A-1:K1")));
    QCOMPARE(ledgerIds(sceneAt(r, r.endUs).ledger[0]), QStringList{"A-2:K1"});
    const bool rolledBack = std::any_of(r.events.cbegin(), r.events.cend(), [](const Event &e) {
        return e.label == QLatin1String("ROLLBACK K1");
    });
    QVERIFY(rolledBack);
}

void TstSceneState::partitionCutsTheLink()
{
    Scenario s = presetScenario(QStringLiteral("single-request"));
    s.settings.lagUs = 1'000'000;
    FaultSpec cut;
    cut.kind = FaultKind::Partition;
    cut.fromUs = 100'000;
    cut.untilUs = 5'000'000;
    s.faults.append(cut);
    const RunResult r = runScenario(s);
    QVERIFY(!sceneAt(r, 50'000).linkCut);
    QVERIFY(sceneAt(r, 2'000'000).linkCut);
    // The claim (written before the cut, in flight when it came) arrives at the heal; the
    // CONSUMED written during the cut leaves at the heal and arrives a lag later.
    QVERIFY(sceneAt(r, 4'000'000).keys[1].isEmpty());
    QCOMPARE(keyRows(sceneAt(r, 5'500'000).keys[1]), QStringList{"K1:CREATED:A"});
    QVERIFY(!sceneAt(r, 5'500'000).linkCut);
    QCOMPARE(keyRows(sceneAt(r, r.endUs).keys[1]), QStringList{"K1:CONSUMED:A"});
    // While cut: when it heals, and the rows waiting for it (the claim in flight, the ledger
    // row and CONSUMED written during the cut).
    const SceneState partitioned = sceneAt(r, 2'000'000);
    QCOMPARE(partitioned.linkHealUs, qint64(5'000'000));
    QCOMPARE(partitioned.queuedRows, 3);
    QCOMPARE(sceneAt(r, 50'000).queuedRows, 0);
}

void TstSceneState::takeoverBumpsTheGenerationAndFences()
{
    const RunResult r = runPreset(QStringLiteral("lease-too-short"));
    const SceneState before = sceneAt(r, 1'000'000);
    QCOMPARE(before.keys[0].size(), 1);
    QCOMPARE(before.keys[0].first().generation, 1);
    QCOMPARE(before.keys[0].first().mark, KeyMark::None);
    // A2 takes the 1.5 s old claim over (1 s lease): generation 2.
    const SceneState taken = sceneAt(r, 2'000'000);
    QCOMPARE(taken.keys[0].first().generation, 2);
    QCOMPARE(taken.keys[0].first().mark, KeyMark::TakenOver);
    // A1's CONSUMED (generation 1) is refused at about 3 s: the row stays A2's, CREATED.
    const SceneState fenced = sceneAt(r, 3'400'000);
    QCOMPARE(keyRows(fenced.keys[0]), QStringList{"K1:CREATED:A"});
    QCOMPARE(fenced.keys[0].first().generation, 2);
    QCOMPARE(fenced.keys[0].first().mark, KeyMark::Fenced);
    QCOMPARE(sceneAt(r, r.endUs).keys[0].first().generation, r.keys[0].first().generation);
}

void TstSceneState::clientScopedKeysStayApart()
{
    Scenario s = presetScenario(QStringLiteral("key-collision"));
    s.settings.keyScope = KeyScope::Client;
    const RunResult r = runScenario(s);
    // Two K1 rows, one per client, not one row merged from both.
    QCOMPARE(keyLeases(sceneAt(r, 1'500'000).keys[0]),
             (QStringList{"K1:Client 1:gen 1", "K1:Client 2:gen 1"}));
    QVERIFY(sceneAt(r, r.endUs).verdicts.isEmpty());
}

void TstSceneState::reapRemovesOnlyItsClientsRow()
{
    // keyScope client, two clients with K1 in DB A: Client 2's claimed there at 1 s, Client
    // 1's claimed at 0 on cluster B and replicated to DB A at 1.5 s, after Client 2's. Its
    // reaper runs first (2 s after its claim on B), so the first K1 row of DB A is not the
    // one it deletes: the reap names its scope, and exactly that row goes.
    Scenario s = presetScenario(QStringLiteral("key-collision"));
    s.settings.keyScope = KeyScope::Client;
    s.settings.lagUs = 1'500'000;
    s.settings.keyTtlUs = 2'000'000;
    s.requests[0].cluster = 1;
    const RunResult r = runScenario(s);
    const SceneState before = sceneAt(r, 1'900'000);
    QCOMPARE(keyLeases(before.keys[0]), (QStringList{"K1:Client 1:gen 1", "K1:Client 2:gen 1"}));
    QCOMPARE(before.keys[0].first().scope, QStringLiteral("Client 2"));
    const int dbA = r.nodeIndex(QStringLiteral("db-a"));
    const auto reap = std::find_if(r.events.cbegin(), r.events.cend(), [&](const Event &e) {
        return e.label == QLatin1String("REAP K1") && e.to == dbA;
    });
    QVERIFY(reap != r.events.cend());
    QCOMPARE(reap->scope, QStringLiteral("Client 1"));
    QCOMPARE(reap->request, -1);
    QVERIFY2(reap->caption.contains(QLatin1String("K1 (Client 1)")), qPrintable(reap->caption));
    QVERIFY(reap->t > 1'900'000 && reap->t < 2'500'000);
    // After it: only Client 1's row is gone, greyed as expired; Client 2's stays to the end
    // (its 2 s run out after the run).
    const SceneState after = sceneAt(r, 2'500'000);
    QCOMPARE(keyLeases(after.keys[0]), QStringList{"K1:Client 2:gen 1"});
    QCOMPARE(keyLeases(after.expired[0]), QStringList{"K1:Client 1:gen 1"});
    QCOMPARE(after.expired[0].first().mark, KeyMark::Expired);
    QCOMPARE(keyLeases(sceneAt(r, r.endUs).keys[0]), keyLeases(r.keys[0]));

    // A timeline keeps the reap's scope: the replayed scene is the same.
    const TimelineLoad back = TimelineReader::fromJson(TimelineExporter::render(r), "t.json");
    QVERIFY2(back.run, qPrintable(back.error));
    QCOMPARE(keyLeases(sceneAt(*back.run, 2'500'000).keys[0]), QStringList{"K1:Client 2:gen 1"});
}

void TstSceneState::verdictsBecomeTrueAtTheirMoment()
{
    // Stuck: from the first 409 after the claim its crashed holder left (2.044 s).
    const RunResult stuck = runPreset(QStringLiteral("crash-after-claim"));
    QVERIFY(sceneAt(stuck, 2'000'000).verdicts.isEmpty());
    const SceneState s = sceneAt(stuck, 2'044'000);
    QCOMPARE(s.verdicts.size(), 1);
    QCOMPARE(s.verdicts.first().type, QStringLiteral("STUCK_KEY"));
    QCOMPARE(s.verdicts.first().holder, QStringLiteral("Server A1"));
    QVERIFY(s.verdicts.first().holderCrashed);
    // With a lease the retry takes it over: nothing is stuck.
    Scenario leased = presetScenario(QStringLiteral("crash-after-claim"));
    leased.settings.leaseUs = 1'500'000;
    const RunResult freed = runScenario(leased);
    QVERIFY(sceneAt(freed, freed.endUs).verdicts.isEmpty());

    // Collision: from the 200 that replayed Client 1's result to Client 2.
    const RunResult collided = runPreset(QStringLiteral("key-collision"));
    QVERIFY(sceneAt(collided, 1'000'000).verdicts.isEmpty());
    const SceneState c = sceneAt(collided, 1'030'000);
    QCOMPARE(c.verdicts.size(), 1);
    QCOMPARE(c.verdicts.first().type, QStringLiteral("KEY_COLLISION"));
    QCOMPARE(c.verdicts.first().client, QStringLiteral("Client 2"));
    QCOMPARE(c.verdicts.first().owner, QStringLiteral("Client 1"));
}

QTEST_GUILESS_MAIN(TstSceneState)
#include "tst_scenestate.moc"
