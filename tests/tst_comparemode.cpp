// The Compare mode's model (CompareController): both runs of the scenario on screen on one
// playhead; the divergence it shows is core Divergence::find's of the same runs; a side's
// new overrides run that side only; jump, a refused text, leaving with the left's settings.
#include "presetrun.h"
#include "simulationcontroller.h"
#include "timelinecanvas.h"

#include "whatif/comparison.h"

#include <QSignalSpy>
#include <QtTest>

using namespace idem;

class TstCompareMode : public QObject
{
    Q_OBJECT

private slots:
    void divergenceIsTheCores_data();
    void divergenceIsTheCores();
    void identicalSettingsNoDifference();
    void rightChangeRunsTheRightOnly();
    void commonSettingRunsBoth();
    void jumpMovesThePlayhead();
    void badOverrideKeepsThePreviousRun_data();
    void badOverrideKeepsThePreviousRun();
    void sidesShareOneAxisAndPlayhead();
    void busyLanesAreTheNodesEitherLogIsOn();
    void sceneShowsTheSidePicked();
    void leavingKeepsTheLeftSettings();
    void recordedRunRefused();
};

void TstCompareMode::divergenceIsTheCores_data()
{
    addCompareFixRows();
}

void TstCompareMode::divergenceIsTheCores()
{
    QFETCH(QString, preset);
    QFETCH(QString, left);
    QFETCH(QString, right);
    SimulationController c;
    c.session()->setPreset(preset);
    CompareController &compare = *c.compare();
    QSignalSpy active(&compare, &CompareController::activeChanged);
    QVERIFY2(compare.enter(left, right), qPrintable(compare.errorText()));
    QCOMPARE(active.count(), 1);
    QVERIFY(compare.active());

    const ComparisonOutcome core = Comparison::run(presetScenario(preset), left, right);
    QVERIFY2(core.comparison, qPrintable(core.error));
    const std::optional<Divergence> expected = core.comparison->divergence;
    QVERIFY(expected);
    QVERIFY(compare.hasDivergence());
    QCOMPARE(qint64(compare.divergenceUs()), expected->timeUs);
    QCOMPARE(compare.divergenceNode(), expected->node);
    QCOMPARE(compare.comparison().divergence->index, expected->index);
    QVERIFY2(compare.divergenceText().startsWith(QLatin1String("First difference: event #")),
             qPrintable(compare.divergenceText()));
    // Each side's words there are its event's caption.
    QVERIFY(expected->left && expected->right);
    QVERIFY(compare.left()->step().contains(expected->left->caption));
    QVERIFY(compare.right()->step().contains(expected->right->caption));

    // Both verdicts at once: the unguarded side double-charges, the guarded one does not.
    QCOMPARE(compare.left()->verdict(), core.comparison->left.verdict.summary());
    QCOMPARE(compare.right()->verdict(), core.comparison->right.verdict.summary());
    QVERIFY(!compare.left()->ok());
    QVERIFY(compare.right()->ok());
    QVERIFY(compare.left()->verdict().contains(QLatin1String("DUPLICATE")));
    QCOMPARE(compare.left()->answers(), QStringLiteral("201 ×2"));
    QCOMPARE(compare.right()->answers(), QStringLiteral("201, 409"));
}

void TstCompareMode::identicalSettingsNoDifference()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("parallel-same-cluster"));
    CompareController &compare = *c.compare();
    QVERIFY(compare.enter(QStringLiteral("--mutex on"), QStringLiteral("--mutex on")));
    QVERIFY(!compare.hasDivergence());
    QCOMPARE(compare.divergenceUs(), -1.0);
    QVERIFY2(compare.divergenceText().startsWith(QLatin1String("No difference")),
             qPrintable(compare.divergenceText()));
    QVERIFY(compare.left()->step().isEmpty());
    QVERIFY(!compare.jumpToDivergence());
}

void TstCompareMode::rightChangeRunsTheRightOnly()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("parallel-same-cluster"));
    CompareController &compare = *c.compare();
    QVERIFY(compare.enter(QStringLiteral("--mutex off"), QStringLiteral("--mutex on")));
    QCOMPARE(compare.left()->runs(), 1);
    QCOMPARE(compare.right()->runs(), 1);
    const int leftEvents = int(compare.comparison().left.events.size());
    QSignalSpy leftChanged(compare.left(), &CompareSide::changed);
    QSignalSpy rightChanged(compare.right(), &CompareSide::changed);
    QSignalSpy comparison(&compare, &CompareController::comparisonChanged);

    QVERIFY(compare.setOverrides(1, QStringLiteral("--mutex off")));
    QCOMPARE(compare.right()->runs(), 2);
    QCOMPARE(compare.left()->runs(), 1); // not run again
    QCOMPARE(leftChanged.count(), 0);
    QCOMPARE(rightChanged.count(), 1);
    QCOMPARE(comparison.count(), 1);
    QCOMPARE(int(compare.comparison().left.events.size()), leftEvents);
    QCOMPARE(compare.right()->overrides(), QStringLiteral("--mutex off"));
    QVERIFY(!compare.right()->ok());
    QVERIFY(!compare.hasDivergence()); // both sides unguarded now

    QVERIFY(compare.setOverrides(0, QStringLiteral("--mutex on")));
    QCOMPARE(compare.left()->runs(), 2);
    QCOMPARE(compare.right()->runs(), 2);
    QVERIFY(compare.hasDivergence());
}

void TstCompareMode::commonSettingRunsBoth()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("parallel-same-cluster"));
    CompareController &compare = *c.compare();
    QVERIFY(compare.enter(QStringLiteral("--mutex off"), QStringLiteral("--mutex on")));
    // The toolbar's settings are the common ones: both sides run again with them.
    QCOMPARE(c.session()->setSetting(QStringLiteral("delayMs"), QStringLiteral("40")), QString());
    QCOMPARE(compare.left()->runs(), 2);
    QCOMPARE(compare.right()->runs(), 2);
    QCOMPARE(compare.comparison().left.scenario.settings.delayUs, 40000);
    QCOMPARE(compare.comparison().right.scenario.settings.delayUs, 40000);
    // …and each side's overrides still win over them.
    QCOMPARE(c.session()->setSetting(QStringLiteral("mutex"), QStringLiteral("on")), QString());
    QVERIFY(!compare.comparison().left.scenario.settings.mutex);
    QVERIFY(compare.comparison().right.scenario.settings.mutex);
    QCOMPARE(c.playback()->run()->scenario.settings.mutex, false); // the scene: the left side
}

void TstCompareMode::jumpMovesThePlayhead()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("parallel-same-cluster"));
    CompareController &compare = *c.compare();
    QVERIFY(compare.enter(QStringLiteral("--mutex off"), QStringLiteral("--mutex on")));
    c.playback()->seek(c.playback()->endUs());
    QVERIFY(c.playback()->timeUs() != compare.divergenceUs());
    QVERIFY(compare.jumpToDivergence());
    QCOMPARE(c.playback()->timeUs(), compare.divergenceUs());
    QCOMPARE(compare.left()->playback()->timeUs(), compare.divergenceUs());
    QCOMPARE(compare.right()->playback()->timeUs(), compare.divergenceUs());
}

void TstCompareMode::badOverrideKeepsThePreviousRun_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("named");
    QTest::addRow("bad value") << "--mutex maybe"
                               << "maybe";
    QTest::addRow("unknown flag") << "--mutexx on"
                                  << "mutexx";
    QTest::addRow("not a flag") << "mutex on"
                                << "mutex";
    QTest::addRow("seed") << "--seed 7"
                          << "--seed";
}

void TstCompareMode::badOverrideKeepsThePreviousRun()
{
    QFETCH(QString, text);
    QFETCH(QString, named);
    SimulationController c;
    c.session()->setPreset(QStringLiteral("parallel-same-cluster"));
    CompareController &compare = *c.compare();
    QVERIFY(compare.enter(QStringLiteral("--mutex off"), QStringLiteral("--mutex on")));
    const qint64 divergence = qint64(compare.divergenceUs());
    QSignalSpy error(compare.right(), &CompareSide::errorTextChanged);
    QVERIFY(!compare.setOverrides(1, text));
    QCOMPARE(error.count(), 1);
    const QString line = compare.right()->errorText();
    QVERIFY2(line.startsWith(QLatin1String("Right")), qPrintable(line));
    QVERIFY2(line.contains(named), qPrintable(line));
    QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(line));
    QVERIFY(compare.left()->errorText().isEmpty());
    // Nothing changed: the previous run, its overrides, the divergence.
    QCOMPARE(compare.right()->runs(), 1);
    QCOMPARE(compare.right()->overrides(), QStringLiteral("--mutex on"));
    QVERIFY(compare.comparison().right.scenario.settings.mutex);
    QCOMPARE(qint64(compare.divergenceUs()), divergence);
    // A good text clears the error.
    QVERIFY(compare.setOverrides(1, QStringLiteral("--mutex on --lag-ms 500")));
    QVERIFY(compare.right()->errorText().isEmpty());
}

void TstCompareMode::busyLanesAreTheNodesEitherLogIsOn()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("parallel-same-cluster"));
    CompareController &compare = *c.compare();
    QVERIFY(compare.enter(QStringLiteral("--mutex off"), QStringLiteral("--mutex on")));
    const RunResult *runs[2] = {&compare.comparison().left, &compare.comparison().right};
    QSet<QString> onTheLog;
    for (const RunResult *run : runs)
        for (const Event &e : run->events)
            for (const int node : {e.from, e.to})
                if (node >= 0)
                    onTheLog.insert(run->nodes[node].id);
    // Both clients, the router, cluster A and DB B (the replicated rows) are on the log;
    // cluster B's servers and the cache (off) never are in this preset.
    for (const char *id :
         {"client-1", "client-2", "router", "server-a1", "server-a2", "db-a", "db-b"})
        QVERIFY2(onTheLog.contains(QLatin1String(id)), id);
    for (const char *id : {"server-b1", "server-b2", "cache"})
        QVERIFY2(!onTheLog.contains(QLatin1String(id)), id);
    for (int index = 0; index < 2; ++index) {
        CompareSide &side = index == 0 ? *compare.left() : *compare.right();
        const RunResult &run = *runs[index];
        QCOMPARE(side.nodeCount(), int(run.nodes.size()));
        QList<int> expected;
        for (int i = 0; i < run.nodes.size(); ++i)
            if (onTheLog.contains(run.nodes[i].id))
                expected.append(i);
        QCOMPARE(side.busyLanes(), expected);
        QCOMPARE(side.busyLanes().size(), 7);

        // The side's timeline draws those lanes only, top to bottom in the run's order.
        TimelineCanvas canvas;
        canvas.setPlayback(side.playback());
        canvas.setSize(QSizeF(900, 300));
        QCOMPARE(canvas.laneCount(), int(run.nodes.size()));
        canvas.setLanes(side.busyLanes());
        QCOMPARE(canvas.laneCount(), int(expected.size()));
        double previous = -1;
        for (const int node : expected) {
            QVERIFY(canvas.laneY(node) > previous);
            previous = canvas.laneY(node);
        }
        canvas.setLanes({});
        QCOMPARE(canvas.laneCount(), int(run.nodes.size()));
    }
}

void TstCompareMode::sidesShareOneAxisAndPlayhead()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("parallel-same-cluster"));
    CompareController &compare = *c.compare();
    c.playback()->seek(30'000);
    QVERIFY(compare.enter(QStringLiteral("--mutex off"), QStringLiteral("--mutex on")));
    Playback &main = *c.playback();
    // Entering keeps the moment on screen, on all three playbacks.
    QCOMPARE(main.timeUs(), 30'000.0);
    QCOMPARE(compare.left()->playback()->timeUs(), 30'000.0);
    QCOMPARE(compare.right()->playback()->timeUs(), 30'000.0);
    Playback &left = *compare.left()->playback();
    Playback &right = *compare.right()->playback();
    const qint64 end = std::max(compare.comparison().left.endUs, compare.comparison().right.endUs);
    for (const Playback *p : {&main, &left, &right})
        QCOMPARE(qint64(p->endUs()), end);
    for (const double t : {compare.divergenceUs(), 0.5 * double(end), double(end)}) {
        QCOMPARE(left.axisPosition(t), main.axisPosition(t));
        QCOMPARE(right.axisPosition(t), main.axisPosition(t));
    }
    // A click on a side's timeline moves the one playhead.
    right.seek(0.5 * double(end));
    QCOMPARE(main.timeUs(), right.timeUs());
    QCOMPARE(left.timeUs(), right.timeUs());
    main.seek(0.25 * double(end));
    QCOMPARE(right.timeUs(), main.timeUs());
}

void TstCompareMode::sceneShowsTheSidePicked()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("parallel-same-cluster"));
    CompareController &compare = *c.compare();
    QVERIFY(compare.enter(QStringLiteral("--mutex off"), QStringLiteral("--mutex on")));
    c.playback()->seek(compare.divergenceUs());
    QCOMPARE(c.playback()->run()->scenario.settings.mutex, false);
    QSignalSpy shown(&compare, &CompareController::shownSideChanged);
    compare.setShownSide(1);
    QCOMPARE(shown.count(), 1);
    QCOMPARE(c.playback()->run()->scenario.settings.mutex, true);
    QCOMPARE(c.playback()->timeUs(), compare.divergenceUs()); // the same moment
    QCOMPARE(compare.left()->runs(), 1);                      // showing a side runs nothing
    QCOMPARE(compare.right()->runs(), 1);
}

void TstCompareMode::leavingKeepsTheLeftSettings()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("parallel-same-cluster"));
    CompareController &compare = *c.compare();
    QVERIFY(compare.enter(QStringLiteral("--lag-ms 300"), QStringLiteral("--mutex on")));
    compare.setShownSide(1);
    compare.leave();
    QVERIFY(!compare.active());
    QVERIFY(!compare.hasDivergence());
    QCOMPARE(c.session()->settings().value(QStringLiteral("lagMs")).toInt(), 300);
    QCOMPARE(c.session()->settings().value(QStringLiteral("mutex")).toBool(), false);
    QCOMPARE(c.playback()->run()->scenario.settings.lagUs, 300000);
    // One run again: a setting no longer runs the sides.
    QCOMPARE(c.session()->setSetting(QStringLiteral("mutex"), QStringLiteral("on")), QString());
    QCOMPARE(compare.right()->runs(), 0);
    QVERIFY(c.playback()->run()->scenario.settings.mutex);
}

void TstCompareMode::recordedRunRefused()
{
    SimulationController c;
    QVERIFY2(c.session()->loadTimeline(QFINDTESTDATA("data/golden/parallel-same-cluster.json")),
             qPrintable(c.session()->errorText()));
    QVERIFY(c.session()->recorded());
    QSignalSpy error(c.compare(), &CompareController::errorTextChanged);
    QVERIFY(!c.compare()->enter(QString(), QStringLiteral("--mutex on")));
    QCOMPARE(error.count(), 1);
    QVERIFY(c.compare()->errorText().contains(QLatin1String("recorded")));
    QVERIFY(!c.compare()->active());
}

QTEST_MAIN(TstCompareMode)
#include "tst_comparemode.moc"
