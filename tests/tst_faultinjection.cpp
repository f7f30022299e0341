// Fault injection from the app's fault menu (right-click a server, the cache or the
// replication link): the fault lands in the scenario the window saves, the playhead stays,
// and what the window then shows is a fresh run of the changed scenario; the engine agrees
// with the CLI's --fault; undo gives the run before back exactly.
#include "faultinjection.h"
#include "playback/scenestate.h"
#include "report/whytext.h"
#include "scenario/scenarioloader.h"
#include "scenario/scenarioreader.h"
#include "scenesnapshot.h"
#include "simulationcontroller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace idem;

namespace {

constexpr qint64 ms = 1000; // µs

/// Every event of a run, one line each.
QStringList eventLines(const RunResult &run)
{
    QStringList lines;
    for (const Event &e : run.events)
        lines.append(QStringLiteral("%1 %2 %3 %4>%5 r%6 %7 %8 %9 %10 [%11] %12")
                         .arg(e.t)
                         .arg(e.seq)
                         .arg(eventTypeName(e.type))
                         .arg(e.from)
                         .arg(e.to)
                         .arg(e.request)
                         .arg(e.key)
                         .arg(e.status)
                         .arg(e.label, e.state, e.detail, e.caption));
    return lines;
}

/// What the scene shows at `t` beyond its models: which nodes are down, whether the link is cut.
QString faultState(const RunResult &run, qint64 t)
{
    const SceneState s = sceneAt(run, t);
    QStringList down;
    for (int n : s.downNodes)
        down.append(run.nodes[n].id);
    return QStringLiteral("down=%1 cut=%2").arg(down.join(QLatin1Char(','))).arg(s.linkCut);
}

/// The scenario as the window saves it (Save, export), read back as a file would be.
Scenario savedAndRead(const Scenario &scenario)
{
    const QByteArray json = QJsonDocument(ScenarioLoader::toJson(scenario)).toJson();
    const ScenarioLoad load = ScenarioReader::fromJson(json, QStringLiteral("saved"));
    if (!load.scenario)
        qFatal("the saved scenario does not read back: %s", qPrintable(load.error));
    return *load.scenario;
}

QJsonArray savedList(const Scenario &scenario, const QString &list)
{
    return ScenarioLoader::toJson(scenario).value(list).toArray();
}

/// The choice `id` of `target`'s menu, or an empty map.
QVariantMap menuLine(const Session &session, const QString &target, const QString &id)
{
    for (const QVariant &v : session.faultChoices(target))
        if (v.toMap().value(QStringLiteral("id")).toString() == id)
            return v.toMap();
    return {};
}

void applySettings(Session &session, const QString &settings)
{
    for (const QString &pair : settings.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QStringList nv = pair.split(QLatin1Char('='));
        QCOMPARE(session.setSetting(nv.value(0), nv.value(1)), QString());
    }
}

} // namespace

class TstFaultInjection : public QObject
{
    Q_OBJECT

private slots:
    void landsInTheScenarioAndMatchesAFreshRun_data();
    void landsInTheScenarioAndMatchesAFreshRun();
    void agreesWithTheCliFault_data();
    void agreesWithTheCliFault();
    void crashAfterNextStepIsWhatTheEngineDoes();
    void noNextStepIsRefusedWithAReason();
    void replicationLinesNameTheNextMessage();
    void restartAndHealEndTheDowntimeAtThePlayhead_data();
    void restartAndHealEndTheDowntimeAtThePlayhead();
    void refusedWithoutAScenarioToChange();
    void undoTakesBackOneAtATime();
};

void TstFaultInjection::landsInTheScenarioAndMatchesAFreshRun_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("settings"); // name=value ... set before
    QTest::addColumn<double>("atMs");      // the playhead
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("choice");
    QTest::addColumn<QString>("list");  // where the saved scenario holds it
    QTest::addColumn<QString>("saved"); // the entry it holds, as the file writes it

    QTest::addRow("crash now, single request")
        << "single-request"
        << "" << 7.0 << "server-a1"
        << "crash-now"
        << "faults"
        << R"({"kind": "crash", "server": "server-a1", "atMs": 7, "downMs": 5000})";
    QTest::addRow("crash now mid-millisecond, two clusters")
        << "parallel-two-clusters"
        << "" << 9.4 << "server-b1"
        << "crash-now"
        << "faults"
        << R"({"kind": "crash", "server": "server-b1", "atMs": 9, "downMs": 5000})";
    QTest::addRow("crash after next step, single request")
        << "single-request"
        << "" << 0.0 << "server-a1"
        << "crash-next"
        << "faults"
        << R"({"kind": "crash", "server": "server-a1", "after": "claim", "request": "R1",
              "attempt": 1, "downMs": 5000})";
    QTest::addRow("crash after next step, retry while processing")
        << "retry-while-processing"
        << "" << 100.0 << "server-a1"
        << "crash-next"
        << "faults"
        << R"({"kind": "crash", "server": "server-a1", "after": "charge", "request": "R1",
              "attempt": 1, "downMs": 5000})";
    QTest::addRow("drop the next request, two clusters")
        << "parallel-two-clusters"
        << "" << 0.0 << "server-b1"
        << "drop-next"
        << "drops"
        << R"({"request": "R2", "attempt": 1, "message": "request"})";
    QTest::addRow("duplicate the next request, single request")
        << "single-request"
        << "" << 0.0 << "server-a1"
        << "duplicate-next"
        << "faults"
        << R"({"kind": "duplicate", "request": "R1", "attempt": 1, "message": "request"})";
    QTest::addRow("cache down 5 s, two clusters with the cache")
        << "parallel-two-clusters"
        << "cache=on" << 0.0 << "cache"
        << "cache-down-5000"
        << "faults"
        << R"({"kind": "cacheDown", "fromMs": 0, "untilMs": 5000})";
    QTest::addRow("cache down 1 s, failover retry with the cache")
        << "failover-retry"
        << "cache=on" << 2.0 << "cache"
        << "cache-down-1000"
        << "faults"
        << R"({"kind": "cacheDown", "fromMs": 2, "untilMs": 1002})";
    QTest::addRow("partition 30 s, two clusters")
        << "parallel-two-clusters"
        << "" << 12.0 << "replication-link"
        << "partition-30000"
        << "faults"
        << R"({"kind": "partition", "fromMs": 12, "untilMs": 30012})";
    QTest::addRow("partition 2 min, retry after success")
        << "retry-after-success"
        << "" << 1.0 << "replication-link"
        << "partition-120000"
        << "faults"
        << R"({"kind": "partition", "fromMs": 1, "untilMs": 120001})";
    // The next replication message from the playhead: K1's claim on its way to DB B; with a
    // 1 s lag DB B then has K1 only from its CONSUMED row.
    QTest::addRow("lose the next replication message, failover retry")
        << "failover-retry"
        << "lagMs=1000" << 0.0 << "replication-link"
        << "drop-replica-next"
        << "faults"
        << R"({"kind": "dropReplica", "from": "A", "atMs": 0})";
    // From 100 ms the next one is R1's ledger row (the claim left at 25 ms).
    QTest::addRow("duplicate the next replication message, failover retry")
        << "failover-retry"
        << "" << 100.0 << "replication-link"
        << "duplicate-replica-next"
        << "faults"
        << R"({"kind": "duplicateReplica", "from": "A", "atMs": 100})";
    // CONSUMED is lost: the retry on cluster B gets 409 instead of the replay.
    QTest::addRow("lose CONSUMED on its way, failover retry")
        << "failover-retry"
        << "lagMs=1000" << 327.0 << "replication-link"
        << "drop-replica-next"
        << "faults"
        << R"({"kind": "dropReplica", "from": "A", "atMs": 327})";
}

void TstFaultInjection::landsInTheScenarioAndMatchesAFreshRun()
{
    QFETCH(QString, preset);
    QFETCH(QString, settings);
    QFETCH(double, atMs);
    QFETCH(QString, target);
    QFETCH(QString, choice);
    QFETCH(QString, list);
    QFETCH(QString, saved);

    SimulationController c;
    c.session()->setPreset(preset);
    applySettings(*c.session(), settings);
    c.playback()->seek(atMs * ms);
    const double before = c.playback()->timeUs();
    QCOMPARE(before, atMs * ms);
    const RunResult old = *c.playback()->run();
    const Scenario original = c.session()->scenario();
    const QStringList sceneBefore = snapshot(c);

    QVERIFY2(menuLine(*c.session(), target, choice).value("enabled").toBool(),
             qPrintable(menuLine(*c.session(), target, choice).value("text").toString()));
    QSignalSpy runs(c.playback(), &Playback::runChanged);
    QSignalSpy faults(c.session()->editor(), &ScenarioEditor::stackChanged);
    QSignalSpy notices(c.session(), &Session::faultNotice);
    QVERIFY(c.session()->injectFault(target, choice));
    QCOMPARE(runs.count(), 1);
    QCOMPARE(faults.count(), 1);
    QCOMPARE(notices.count(), 1);
    QVERIFY(notices.first().at(1).toBool());
    QVERIFY(!notices.first().at(0).toString().isEmpty());
    QVERIFY(c.session()->editor()->canUndo());
    // The playhead stays.
    QCOMPARE(c.playback()->timeUs(), std::min(before, c.playback()->endUs()));

    // The fault is in the scenario the window saves, as the file format writes it.
    const QJsonObject expected = QJsonDocument::fromJson(saved.toUtf8()).object();
    QVERIFY(!expected.isEmpty());
    const QJsonArray after = savedList(c.session()->scenario(), list);
    QCOMPARE(after.size(), savedList(original, list).size() + 1);
    QVERIFY2(after.contains(expected), QJsonDocument(after).toJson().constData());

    // Nothing before the fault's moment changed.
    const RunResult &run = *c.playback()->run();
    const qint64 faultUs = qint64(atMs) * ms;
    for (int i = 0; i < old.events.size() && old.events[i].t < faultUs; ++i)
        QCOMPARE(eventLines(run).value(i), eventLines(old).value(i));

    // What the window shows is a fresh run of the saved scenario, from scratch.
    SimulationController fresh;
    QVERIFY(fresh.session()->setScenario(savedAndRead(c.session()->scenario()), preset));
    fresh.playback()->seek(c.playback()->timeUs());
    QCOMPARE(eventLines(run), eventLines(*fresh.playback()->run()));
    QCOMPARE(snapshot(c), snapshot(fresh));
    QCOMPARE(faultState(run, qint64(c.playback()->timeUs())),
             faultState(*fresh.playback()->run(), qint64(c.playback()->timeUs())));
    // The comparison has teeth: the fault changed the run.
    QVERIFY(eventLines(run) != eventLines(old));

    // Undo: the run before, exactly.
    QVERIFY(c.session()->editor()->canUndo());
    c.session()->editor()->undo();
    QCOMPARE(eventLines(*c.playback()->run()), eventLines(old));
    QCOMPARE(ScenarioLoader::toJson(c.session()->scenario()), ScenarioLoader::toJson(original));
    QCOMPARE(c.playback()->timeUs(), before);
    QCOMPARE(snapshot(c), sceneBefore);
    QVERIFY(!c.session()->editor()->canUndo());
    c.session()->editor()->undo(); // nothing to undo: nothing happens
}

void TstFaultInjection::agreesWithTheCliFault_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<double>("atMs");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("choice");
    QTest::addColumn<QString>("spec"); // the same fault on the CLI

    // Preset 1: a crash right after the claim leaves K1 CREATED with nobody to finish it.
    QTest::addRow("1, crash after the claim")
        << "single-request" << 0.0 << "server-a1"
        << "crash-next"
        << "crash:server-a1:after=claim:request=R1:attempt=1:down-ms=5000";
    // Preset 1: a crash in the middle of the charge: no answer, nothing charged.
    QTest::addRow("1, crash now while charging") << "single-request" << 100.0 << "server-a1"
                                                 << "crash-now"
                                                 << "crash:server-a1:at-ms=100:down-ms=5000";
    // Preset 6: cluster B's server dies right after its claim: only cluster A charges.
    QTest::addRow("6, crash B1 after its claim")
        << "parallel-two-clusters" << 0.0 << "server-b1"
        << "crash-next"
        << "crash:server-b1:after=claim:request=R2:attempt=1:down-ms=5000";
    // Preset 4: the first attempt dies after its ledger row, before CONSUMED.
    QTest::addRow("4, crash A1 after its charge")
        << "retry-while-processing" << 100.0 << "server-a1"
        << "crash-next"
        << "crash:server-a1:after=charge:request=R1:attempt=1:down-ms=5000";
    // Preset 7: the claim's replication message is lost; DB B never holds A's K1 CREATED.
    QTest::addRow("7, lose the next replication message")
        << "failover-retry" << 0.0 << "replication-link"
        << "drop-replica-next"
        << "drop-replica:from=A:at-ms=0";
    // Preset 7: the ledger row arrives twice; INSERT OR IGNORE keeps one.
    QTest::addRow("7, duplicate the next replication message")
        << "failover-retry" << 100.0 << "replication-link"
        << "duplicate-replica-next"
        << "duplicate-replica:from=A:at-ms=100";
}

void TstFaultInjection::agreesWithTheCliFault()
{
    QFETCH(QString, preset);
    QFETCH(double, atMs);
    QFETCH(QString, target);
    QFETCH(QString, choice);
    QFETCH(QString, spec);

    SimulationController c;
    c.session()->setPreset(preset);
    c.playback()->seek(atMs * ms);
    const QJsonObject before = c.playback()->run()->summaryJson();
    QVERIFY(c.session()->injectFault(target, choice));
    QJsonObject gui = c.playback()->run()->summaryJson();
    // run --json also lists the key events with their why: the same words from this run.
    gui.insert(QStringLiteral("keyEvents"), keyEventsJson(*c.playback()->run()));

    QProcess cli;
    cli.start(
        QStringLiteral(IDEMLAB_CLI),
        {QStringLiteral("run"), preset, QStringLiteral("--fault"), spec, QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 0);
    const QJsonObject engine = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    QVERIFY(!engine.isEmpty());
    QCOMPARE(gui, engine);
    // The fault changed the outcome: answers, charges or the verdict.
    QVERIFY(gui != before);
}

void TstFaultInjection::crashAfterNextStepIsWhatTheEngineDoes()
{
    // The menu reads "the next step" off the run's events; the engine must crash the server
    // exactly there (the session checks the new run and refuses otherwise), in every preset,
    // for every server, from several moments.
    int injected = 0;
    for (const QString &settings :
         {QString(), QStringLiteral("atomic=on"), QStringLiteral("mutex=on cache=on"),
          QStringLiteral("leaseMs=1500 errorPolicy=release")})
        for (const QString &preset : ScenarioLoader::presetNames()) {
            SimulationController c;
            c.session()->setPreset(preset);
            applySettings(*c.session(), settings);
            const RunResult &first = *c.playback()->run();
            QStringList servers;
            for (const Node &n : first.nodes)
                if (n.kind == NodeKind::Server)
                    servers.append(n.id);
            const qint64 end = first.endUs;
            for (const qint64 t : {qint64(0), end / 8, end / 3, end / 2}) {
                for (const QString &server : servers) {
                    c.playback()->seek(double(t));
                    if (!menuLine(*c.session(), server, QStringLiteral("crash-next"))
                             .value("enabled")
                             .toBool())
                        continue;
                    const QStringList before = eventLines(*c.playback()->run());
                    QVERIFY2(c.session()->injectFault(server, QStringLiteral("crash-next")),
                             qPrintable(QStringLiteral("%1 (%2) %3 at %4")
                                            .arg(preset, settings, server)
                                            .arg(t)));
                    ++injected;
                    QVERIFY(c.session()->editor()->canUndo());
                    c.session()->editor()->undo();
                    QCOMPARE(eventLines(*c.playback()->run()), before);
                }
            }
        }
    QVERIFY(injected > 100);
}

void TstFaultInjection::noNextStepIsRefusedWithAReason()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("single-request"));
    c.playback()->seek(c.playback()->endUs());
    const QVariantMap line =
        menuLine(*c.session(), QStringLiteral("server-a1"), QStringLiteral("crash-next"));
    QVERIFY(!line.isEmpty());
    QVERIFY(!line.value("enabled").toBool());
    QVERIFY2(line.value("text").toString().contains(QStringLiteral("nothing more")),
             qPrintable(line.value("text").toString()));
    // Server A2 never gets a request at all: nothing to drop either.
    const QVariantMap drop =
        menuLine(*c.session(), QStringLiteral("server-a2"), QStringLiteral("drop-next"));
    QVERIFY(!drop.value("enabled").toBool());
    QVERIFY(drop.value("text").toString().contains(QStringLiteral("no request")));

    const QStringList before = eventLines(*c.playback()->run());
    QSignalSpy runs(c.playback(), &Playback::runChanged);
    QSignalSpy notices(c.session(), &Session::faultNotice);
    QVERIFY(!c.session()->injectFault(QStringLiteral("server-a1"), QStringLiteral("crash-next")));
    QCOMPARE(runs.count(), 0);
    QCOMPARE(notices.count(), 1);
    QVERIFY(!notices.first().at(1).toBool());
    QVERIFY(notices.first().at(0).toString().contains(QStringLiteral("nothing more")));
    QVERIFY(c.session()->scenario().faults.isEmpty());
    QCOMPARE(eventLines(*c.playback()->run()), before);
    QVERIFY(!c.session()->editor()->canUndo());
    // An unknown target or choice is refused too, in words.
    QVERIFY(c.session()->faultChoices(QStringLiteral("router")).isEmpty());
    QVERIFY(!c.session()->injectFault(QStringLiteral("server-a1"), QStringLiteral("explode")));
    QCOMPARE(notices.count(), 2);
    QVERIFY(notices.last().at(0).toString().contains(QStringLiteral("explode")));
}

void TstFaultInjection::replicationLinesNameTheNextMessage()
{
    const QString link = QStringLiteral("replication-link");
    const QString drop = QStringLiteral("drop-replica-next");
    const QString dup = QStringLiteral("duplicate-replica-next");
    SimulationController c;
    c.session()->setPreset(QStringLiteral("failover-retry"));
    // The lines name the message, its two DBs and when it leaves.
    const QString text = menuLine(*c.session(), link, drop).value("text").toString();
    QVERIFY2(text.contains(QStringLiteral("K1 CREATED from DB A to DB B, sent at")),
             qPrintable(text));
    QVERIFY(menuLine(*c.session(), link, dup).value("enabled").toBool());

    // Once lost, it cannot be lost or doubled again; the scene shows it falling half way.
    QVERIFY(c.session()->injectFault(link, drop));
    for (const QString &id : {drop, dup}) {
        const QVariantMap line = menuLine(*c.session(), link, id);
        QVERIFY(!line.value("enabled").toBool());
        QVERIFY2(line.value("text").toString().contains(QStringLiteral("loses it already")),
                 qPrintable(line.value("text").toString()));
    }
    const RunResult &run = *c.playback()->run();
    const auto sent = std::find_if(run.events.cbegin(), run.events.cend(), [](const Event &e) {
        return e.type == EventType::Send && e.lost && e.label == QLatin1String("K1 CREATED");
    });
    QVERIFY(sent != run.events.cend());
    const qint64 late = sent->startUs + (sent->endUs - sent->startUs) * 3 / 4;
    const SceneState s = sceneAt(run, late);
    const bool falling = std::any_of(s.messages.cbegin(), s.messages.cend(), [&](const auto &m) {
        return m.event == int(sent - run.events.cbegin()) && m.falling;
    });
    QVERIFY(falling);
    QVERIFY(!whyOf(run, *std::find_if(
                            run.events.cbegin(), run.events.cend(),
                            [](const Event &e) { return e.type == EventType::Fault && e.lost; }))
                 .isEmpty());

    // Doubled, it cannot be doubled again (it can still be lost).
    QVERIFY(c.session()->editor()->canUndo());
    c.session()->editor()->undo();
    QVERIFY(c.session()->injectFault(link, dup));
    QVERIFY(!menuLine(*c.session(), link, dup).value("enabled").toBool());
    QVERIFY(menuLine(*c.session(), link, drop).value("enabled").toBool());

    // After the last row crossed, there is nothing left to lose.
    c.playback()->seek(c.playback()->endUs());
    QVERIFY(menuLine(*c.session(), link, drop)
                .value("text")
                .toString()
                .contains(QStringLiteral("no row crosses the link")));
    // Replication off: no line for its messages, the partition line says why.
    QCOMPARE(c.session()->setSetting(QStringLiteral("replication"), QStringLiteral("off")),
             QString());
    c.playback()->seek(0);
    QVERIFY(menuLine(*c.session(), link, drop).isEmpty());
}

void TstFaultInjection::restartAndHealEndTheDowntimeAtThePlayhead_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("down");       // the choice that takes it down at 0, if any
    QTest::addColumn<QString>("up");         // the choice that ends it
    QTest::addColumn<QString>("notOffered"); // while it is down
    QTest::addColumn<double>("upAtMs");      // the playhead then

    QTest::addRow("crash-after-claim: restart A1 after 3 s") << "crash-after-claim"
                                                             << "server-a1"
                                                             << ""
                                                             << "restart"
                                                             << "crash-now" << 3000.0;
    QTest::addRow("crash now, restart 700 ms later") << "parallel-same-cluster"
                                                     << "server-a1"
                                                     << "crash-now"
                                                     << "restart"
                                                     << "crash-now" << 700.0;
    QTest::addRow("cache-outage: the cache is back at 1 s") << "cache-outage"
                                                            << "cache"
                                                            << ""
                                                            << "cache-up"
                                                            << "cache-down-1000" << 1000.0;
    QTest::addRow("partition from 0, healed at 2 s") << "parallel-two-clusters"
                                                     << "replication-link"
                                                     << "partition-120000"
                                                     << "heal"
                                                     << "partition-5000" << 2000.0;
}

void TstFaultInjection::restartAndHealEndTheDowntimeAtThePlayhead()
{
    QFETCH(QString, preset);
    QFETCH(QString, target);
    QFETCH(QString, down);
    QFETCH(QString, up);
    QFETCH(QString, notOffered);
    QFETCH(double, upAtMs);

    SimulationController c;
    c.session()->setPreset(preset);
    if (!down.isEmpty())
        QVERIFY(c.session()->injectFault(target, down));
    c.playback()->seek(upAtMs * ms);
    const qint64 now = qint64(upAtMs) * ms;
    const QString targetState = faultState(*c.playback()->run(), now);
    QVERIFY2(targetState.contains(target) || targetState.endsWith(QLatin1String("cut=1")),
             qPrintable(targetState)); // down (or cut) at the playhead
    // While it is down, the menu offers to end it, not to take it down again.
    QVERIFY(menuLine(*c.session(), target, up).value("enabled").toBool());
    QVERIFY(menuLine(*c.session(), target, notOffered).isEmpty());

    QVERIFY(c.session()->injectFault(target, up));
    QCOMPARE(c.playback()->timeUs(), upAtMs * ms);
    const RunResult &run = *c.playback()->run();
    QCOMPARE(faultState(run, now), QStringLiteral("down= cut=0"));
    QVERIFY(faultState(run, now - 1) != faultState(run, now)); // it came back right then
    SimulationController fresh;
    QVERIFY(fresh.session()->setScenario(savedAndRead(c.session()->scenario()), preset));
    fresh.playback()->seek(upAtMs * ms);
    QCOMPARE(eventLines(run), eventLines(*fresh.playback()->run()));
    QCOMPARE(snapshot(c), snapshot(fresh));
}

void TstFaultInjection::refusedWithoutAScenarioToChange()
{
    // A recorded timeline plays as it was; a live record has no simulation: one line says so.
    SimulationController c;
    QVERIFY(c.session()->loadTimeline(QStringLiteral(IDEMLAB_TEST_DATA "/timelines/minimal.json")));
    QVERIFY(c.session()->recorded());
    QVariantList lines = c.session()->faultChoices(QStringLiteral("server-a1"));
    QCOMPARE(lines.size(), 1);
    QVERIFY(!lines.first().toMap().value("enabled").toBool());
    QVERIFY(lines.first().toMap().value("text").toString().contains(QStringLiteral("recorded")));
    QSignalSpy notices(c.session(), &Session::faultNotice);
    QVERIFY(!c.session()->injectFault(QStringLiteral("server-a1"), QStringLiteral("crash-now")));
    QCOMPARE(notices.count(), 1);
    QVERIFY(!notices.first().at(1).toBool());

    SimulationController live;
    RunResult record = *live.playback()->run();
    record.scenario.name = liveSessionScenarioName;
    live.session()->showLive(record, 0);
    lines = live.session()->faultChoices(QStringLiteral("cache"));
    QCOMPARE(lines.size(), 1);
    QVERIFY(!lines.first().toMap().value("enabled").toBool());
    QVERIFY(lines.first().toMap().value("text").toString().contains(QStringLiteral("Live")));
    QVERIFY(
        !live.session()->injectFault(QStringLiteral("cache"), QStringLiteral("cache-down-1000")));
}

void TstFaultInjection::undoTakesBackOneAtATime()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("parallel-two-clusters"));
    c.playback()->seek(2 * ms);
    const QStringList original = eventLines(*c.playback()->run());
    QVERIFY(c.session()->injectFault(QStringLiteral("server-a1"), QStringLiteral("crash-now")));
    const QStringList oneFault = eventLines(*c.playback()->run());
    QVERIFY(c.session()->injectFault(QStringLiteral("replication-link"),
                                     QStringLiteral("partition-5000")));
    QCOMPARE(c.session()->scenario().faults.size(), 2);
    // The menu of the target injected last offers to take it back; another target's does not.
    QVERIFY(menuLine(*c.session(), QStringLiteral("replication-link"), QStringLiteral("undo"))
                .value("text")
                .toString()
                .contains(QStringLiteral("partition")));
    QVERIFY(menuLine(*c.session(), QStringLiteral("server-a1"), QStringLiteral("undo")).isEmpty());
    QVERIFY(c.session()->injectFault(QStringLiteral("replication-link"), QStringLiteral("undo")));
    QCOMPARE(eventLines(*c.playback()->run()), oneFault);
    QVERIFY(c.session()->editor()->canUndo());
    c.session()->editor()->undo();
    QCOMPARE(eventLines(*c.playback()->run()), original);
    QVERIFY(!c.session()->editor()->canUndo());
    // A new scenario starts with nothing to undo.
    QVERIFY(c.session()->injectFault(QStringLiteral("server-a1"), QStringLiteral("crash-now")));
    QSignalSpy faults(c.session()->editor(), &ScenarioEditor::stackChanged);
    c.session()->setPreset(QStringLiteral("single-request"));
    QCOMPARE(faults.count(), 1);
    QVERIFY(!c.session()->editor()->canUndo());
}

QTEST_MAIN(TstFaultInjection)
#include "tst_faultinjection.moc"
