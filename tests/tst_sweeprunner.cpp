// The Sweep panel's engine (SweepRunner): a sweep runs on its own thread on the scenario and
// settings on screen; its points are the core sweep's numbers; a point opens one of its
// failing (or passing) trials in the scene; bad values and Cancel are said in its status.
#include "scenarioeditor.h"
#include "simulationcontroller.h"

#include <QSignalSpy>
#include <QtTest>

using namespace idem;

class TstSweepRunner : public QObject
{
    Q_OBJECT

private slots:
    void pointsAreTheSweepsNumbers();
    void pointOpensAFailingTrial();
    void twoSettingsGiveOneLineEach();
    void badValuesRefused_data();
    void badValuesRefused();
    void cancelStops();
    void everySettingHasAValidSuggestion();
};

namespace {

// Preset 7 without jitter: a lag shorter than the failover gives no anomaly, a longer one
// a double charge in every trial (tst_sweep reasons it out).
void failoverWithoutJitter(SimulationController &c)
{
    c.session()->setPreset(QStringLiteral("failover-retry"));
    QCOMPARE(c.session()->setSetting(QStringLiteral("jitterMs"), QStringLiteral("0")), QString());
}

} // namespace

void TstSweepRunner::pointsAreTheSweepsNumbers()
{
    SimulationController c;
    failoverWithoutJitter(c);
    SweepRunner &sweep = *c.sweep();
    QSignalSpy result(&sweep, &SweepRunner::resultChanged);
    QVERIFY(sweep.start(QStringLiteral("lag-ms"), QStringLiteral("500:9500:1000"), QString(),
                        QString(), 3));
    QVERIFY(sweep.running());
    QVERIFY(!sweep.start(QStringLiteral("lag-ms"), QStringLiteral("0,1"), QString(), QString(),
                         3)); // one at a time
    sweep.wait();
    QVERIFY(!sweep.running());
    QCOMPARE(result.count(), 1);
    QCOMPARE(sweep.xTitle(), QStringLiteral("Replication lag (ms)"));
    QVERIFY(sweep.xNumeric());
    QVERIFY(sweep.lines().isEmpty());

    // The same numbers as the core's sweep of the same spec.
    SweepSpec spec;
    spec.scenario = c.session()->scenario();
    QString error;
    spec.axes = {*VaryAxis::parse(QStringLiteral("lag-ms=500:9500:1000"), &error)};
    spec.trials = 3;
    const auto core = Sweep::run(spec, {}, &error);
    QVERIFY2(core, qPrintable(error));
    const QVariantList points = sweep.points();
    QCOMPARE(points.size(), core->points.size());
    int zero = 0, one = 0;
    for (int i = 0; i < points.size(); ++i) {
        const QVariantMap p = points[i].toMap();
        const TrialCounts &counts = core->points[i];
        QCOMPARE(p.value("point").toInt(), i);
        QCOMPARE(p.value("x").toDouble(), spec.axes[0].values[i].toDouble());
        QCOMPARE(p.value("trials").toInt(), counts.trials);
        QCOMPARE(p.value("failing").toInt(), counts.anomalyTrials.value(QStringLiteral("any")));
        const double rate = p.value("rate").toDouble();
        QVERIFY(p.value("low").toDouble() <= rate && rate <= p.value("high").toDouble());
        zero += rate == 0.0;
        one += rate == 1.0;
        QVERIFY(p.value("text").toString().contains(QLatin1String("Replication lag")));
    }
    QVERIFY(zero > 0 && one > 0);
    QCOMPARE(zero + one, int(points.size()));
    QVERIFY2(sweep.status().contains(QLatin1String("10 points")), qPrintable(sweep.status()));
}

void TstSweepRunner::pointOpensAFailingTrial()
{
    SimulationController c;
    failoverWithoutJitter(c);
    SweepRunner &sweep = *c.sweep();
    QVERIFY(
        sweep.start(QStringLiteral("lag-ms"), QStringLiteral("500,9500"), QString(), QString(), 4));
    sweep.wait();
    QSignalSpy opened(&sweep, &SweepRunner::opened);
    // At a lag of 500 ms no trial fails: there is none to open, and the scene stays.
    QVERIFY(!sweep.openTrial(0, true));
    QVERIFY2(sweep.status().startsWith(QLatin1String("No trial at Replication lag 500 ms")),
             qPrintable(sweep.status()));
    QCOMPARE(opened.count(), 0);
    // At 9.5 s every trial charges twice: its first one opens, with that lag and seed.
    QVERIFY(sweep.openTrial(1, true));
    QCOMPARE(opened.count(), 1);
    QVERIFY2(opened.first().first().toString().contains(QLatin1String("DUPLICATE EFFECT")),
             qPrintable(opened.first().first().toString()));
    const Scenario &shown = c.session()->scenario();
    QCOMPARE(shown.settings.lagUs, qint64(9'500'000));
    QCOMPARE(shown.settings.seed, quint64(1));
    QVERIFY(c.session()->playback().run());
    QVERIFY(!c.session()->playback().run()->verdict.ok());
    // And a passing one where every trial fails: none.
    QVERIFY(!sweep.openTrial(1, false));
    QVERIFY(sweep.status().startsWith(QLatin1String("Every trial at")));
}

void TstSweepRunner::twoSettingsGiveOneLineEach()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("burst"));
    SweepRunner &sweep = *c.sweep();
    QVERIFY(sweep.start(QStringLiteral("jitter-ms"), QStringLiteral("0,20"),
                        QStringLiteral("mutex"), QStringLiteral("off,on"), 4));
    sweep.wait();
    QCOMPARE(sweep.lines(), (QStringList{"off", "on"}));
    QCOMPARE(sweep.lineTitle(), QStringLiteral("Mutex"));
    const QVariantList points = sweep.points();
    QCOMPARE(points.size(), 4);
    for (const QVariant &v : points) {
        const QVariantMap p = v.toMap();
        QCOMPARE(p.value("lineText").toString(), p.value("line").toInt() ? "on" : "off");
        // Preset 9 with the mutex on never charges twice; with it off and no jitter all five
        // copies arrive at once, in every trial.
        if (p.value("line").toInt() == 1)
            QCOMPARE(p.value("rate").toDouble(), 0.0);
        else if (p.value("xText").toString() == QLatin1String("0"))
            QCOMPARE(p.value("rate").toDouble(), 1.0);
    }
}

void TstSweepRunner::badValuesRefused_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("values");
    QTest::addColumn<QString>("flag2");
    QTest::addColumn<QString>("status");
    QTest::addRow("backwards") << "lag-ms"
                               << "10:0:1"
                               << ""
                               << "The values of lag-ms: FROM 10 is above TO 0";
    QTest::addRow("not a word") << "mutex"
                                << "off,maybe"
                                << ""
                                << "The values of mutex: --mutex takes on or off";
    QTest::addRow("nothing") << ""
                             << ""
                             << ""
                             << "Pick a setting to vary.";
    QTest::addRow("twice") << "lag-ms"
                           << "0,1"
                           << "lag-ms"
                           << "Vary two different settings, or only one.";
}

void TstSweepRunner::badValuesRefused()
{
    QFETCH(QString, flag);
    QFETCH(QString, values);
    QFETCH(QString, flag2);
    QFETCH(QString, status);
    SimulationController c;
    c.session()->setPreset(QStringLiteral("burst"));
    SweepRunner &sweep = *c.sweep();
    QVERIFY(!sweep.start(flag, values, flag2, flag2.isEmpty() ? QString() : values, 2));
    QVERIFY(!sweep.running());
    QVERIFY2(sweep.status().startsWith(status), qPrintable(sweep.status()));
    QVERIFY(sweep.points().isEmpty());
}

void TstSweepRunner::cancelStops()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("burst"));
    SweepRunner &sweep = *c.sweep();
    QVERIFY(sweep.start(QStringLiteral("jitter-ms"), QStringLiteral("0:990:10"), QString(),
                        QString(), 1000)); // 100,000 trials: far more than the wait below
    sweep.cancel();
    sweep.wait();
    QVERIFY(!sweep.running());
    QVERIFY2(sweep.status().startsWith(QLatin1String("Cancelled: cancelled after")),
             qPrintable(sweep.status()));
    QVERIFY(sweep.points().isEmpty());
}

void TstSweepRunner::everySettingHasAValidSuggestion()
{
    // The panel fills the values field with the choice's suggestion: each must be a sweep the
    // runner accepts, of a few values.
    SimulationController c;
    c.session()->setPreset(QStringLiteral("burst"));
    const QVariantList choices = c.sweep()->choices();
    QVERIFY(choices.size() > 10);
    for (const QVariant &v : choices) {
        const QVariantMap choice = v.toMap();
        QString error;
        const auto axis = VaryAxis::of(choice.value("flag").toString(),
                                       choice.value("values").toString(), &error);
        QVERIFY2(axis, qPrintable(choice.value("flag").toString() + ": " + error));
        QVERIFY2(axis->values.size() >= 2 && axis->values.size() <= 21,
                 qPrintable(choice.value("flag").toString() + ": " +
                            axis->values.join(QLatin1Char(','))));
        QCOMPARE(choice.value("numeric").toBool(), axis->numeric());
    }
}

QTEST_MAIN(TstSweepRunner)
#include "tst_sweeprunner.moc"
