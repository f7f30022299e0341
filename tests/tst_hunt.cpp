// The hunt (issue 13): search for a run that breaks an invariant, then shrink it. Every claim
// the hunt makes is checked by running the engine again here: the failing candidate fails,
// every step still fails, the minimal scenario reads back as a file and fails the same way.
#include "presetrun.h"

#include "scenario/scenarioloader.h"
#include "whatif/hunt.h"

#include <QJsonDocument>
#include <QtTest>

using namespace idem;

namespace {

HuntSpec presetHunt(const QString &preset, const QStringList &settings, Invariant invariant,
                    int budget)
{
    HuntSpec spec;
    spec.scenario = presetScenario(preset);
    for (const QString &s : settings) {
        const qsizetype eq = s.indexOf(QLatin1Char('='));
        const auto error =
            spec.scenario.settings.setFromText(s.left(eq), s.mid(eq + 1), s.left(eq));
        if (error)
            qFatal("%s", qPrintable(*error));
    }
    spec.invariant = invariant;
    spec.budget = budget;
    return spec;
}

HuntResult hunted(const HuntSpec &spec)
{
    QString error;
    const auto r = Hunt::run(spec, {}, &error);
    if (!r)
        qFatal("hunt failed: %s", qPrintable(error));
    return *r;
}

QByteArray fileOf(const Scenario &s)
{
    return QJsonDocument(ScenarioLoader::toJson(s)).toJson(QJsonDocument::Compact);
}

} // namespace

class TstHunt : public QObject
{
    Q_OBJECT

private slots:
    void burstWithoutMutexShrinksToTwoRequests();
    void everyStepStillFails_data();
    void everyStepStillFails();
    void mutexOnFindsNoDuplicate();
    void mutationsFindWhatSeedsAloneCannot();
    void gridPointsAreSearched();
    void sameSpecSameHunt();
    void invariantWords();
};

void TstHunt::burstWithoutMutexShrinksToTwoRequests()
{
    const HuntResult r =
        hunted(presetHunt(QStringLiteral("burst"), {"mutex=off"}, Invariant::Duplicate, 100));
    QVERIFY(r.found);
    QCOMPARE(r.searchRuns, 1); // the preset as it is already charges K1 five times
    QCOMPARE(r.failing.requests.size(), 5);
    QCOMPARE(r.minimal.requests.size(), 2);
    QCOMPARE(r.minimal.clients.size(), 1);
    QVERIFY(r.minimal.faults.isEmpty());
    QCOMPARE(r.broken.size(), 1);
    QCOMPARE(r.broken.first().type, QStringLiteral("DUPLICATE_EFFECT"));
    QCOMPARE(r.broken.first().count, 2);
    QVERIFY(r.minimal.lesson.isEmpty());
    QCOMPARE(r.minimal.name, QStringLiteral("burst-hunted"));

    // Saved and opened again, it is the same scenario and the same run.
    const ScenarioLoad load = ScenarioLoader::fromJson(fileOf(r.minimal), QStringLiteral("t"));
    QVERIFY2(load.scenario, qPrintable(load.error));
    QCOMPARE(fileOf(*load.scenario), fileOf(r.minimal));
    const RunResult again = runScenario(*load.scenario);
    QCOMPARE(again.verdict.summary(), r.minimalRun.verdict.summary());
    QCOMPARE(Hunt::breaking(again, Invariant::Duplicate).size(), 1);
}

void TstHunt::everyStepStillFails_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QStringList>("settings");
    QTest::addColumn<int>("invariant");
    QTest::addRow("burst, mutex off")
        << "burst" << QStringList{"mutex=off"} << int(Invariant::Duplicate);
    QTest::addRow("two clusters, no cache")
        << "parallel-two-clusters" << QStringList{"cache=off"} << int(Invariant::Duplicate);
    QTest::addRow("burst, mutex on, any")
        << "burst" << QStringList{"mutex=on"} << int(Invariant::Any);
    QTest::addRow("single request, duplicate")
        << "single-request" << QStringList{} << int(Invariant::Duplicate);
}

void TstHunt::everyStepStillFails()
{
    QFETCH(QString, preset);
    QFETCH(QStringList, settings);
    QFETCH(int, invariant);
    const auto inv = Invariant(invariant);
    const HuntResult r = hunted(presetHunt(preset, settings, inv, 3000));
    QVERIFY(r.found);
    QVERIFY(!Hunt::breaking(runScenario(r.failing), inv).isEmpty());
    qsizetype last = r.failing.requests.size() + r.failing.faults.size() + r.failing.clients.size();
    for (const HuntStep &step : r.steps) {
        QVERIFY2(!Hunt::breaking(runScenario(step.scenario), inv).isEmpty(), qPrintable(step.what));
        const qsizetype size = step.scenario.requests.size() + step.scenario.faults.size() +
                               step.scenario.clients.size();
        QVERIFY2(size <= last, qPrintable(step.what)); // a step never adds anything
        last = size;
        QVERIFY(ScenarioLoader::fromJson(fileOf(step.scenario), QStringLiteral("t")).scenario);
    }
    QVERIFY(!r.broken.isEmpty());
    // Shrunk as far as one more reduction goes: no single request can be dropped.
    if (r.minimal.requests.size() > 1)
        for (int i = 0; i < r.minimal.requests.size(); ++i) {
            Scenario s = r.minimal;
            const QString id = s.requests[i].id;
            s.requests.removeAt(i);
            bool referenced = false;
            for (const FaultSpec &f : s.faults)
                referenced |= f.request == id;
            for (const DropSpec &d : s.drops)
                referenced |= d.request == id;
            if (!referenced)
                QVERIFY2(Hunt::breaking(runScenario(s), inv).isEmpty(), qPrintable(id));
        }
}

void TstHunt::mutexOnFindsNoDuplicate()
{
    // One cluster with the per-key lock: every copy after the first finds the claim, whatever
    // the seed, the jitter, the loss or the fault.
    const HuntResult r =
        hunted(presetHunt(QStringLiteral("burst"), {"mutex=on"}, Invariant::Duplicate, 400));
    QVERIFY(!r.found);
    QCOMPARE(r.searchRuns, 400);
    QCOMPARE(r.shrinkRuns, 0);
    QVERIFY(r.steps.isEmpty());
    const QString searched = r.searched.join(QLatin1Char(' '));
    QVERIFY2(searched.contains(QLatin1String("400 runs")), qPrintable(searched));
    QVERIFY2(searched.contains(QLatin1String("random changes")), qPrintable(searched));
}

void TstHunt::mutationsFindWhatSeedsAloneCannot()
{
    // Preset 1 is one request: no seed alone charges it twice. A duplicated request message
    // (a mutation) does, with the mutex off.
    const HuntSpec spec =
        presetHunt(QStringLiteral("single-request"), {}, Invariant::Duplicate, 3000);
    for (quint64 seed = 1; seed <= 4; ++seed) {
        Scenario s = spec.scenario;
        s.settings.seed = seed;
        QVERIFY(Hunt::breaking(runScenario(s), Invariant::Duplicate).isEmpty());
    }
    const HuntResult r = hunted(spec);
    QVERIFY(r.found);
    QVERIFY(r.searchRuns > 4);
    QVERIFY(!r.minimal.faults.isEmpty() || r.minimal.settings.loss > 0 ||
            r.minimal.settings.jitterUs > 0);
    QVERIFY2(r.candidate.contains(QLatin1String("--fault")) ||
                 r.candidate.contains(QLatin1String("loss")),
             qPrintable(r.candidate));
}

void TstHunt::gridPointsAreSearched()
{
    // Preset 6 has the cache on only at one grid point: with the cache varied, the hunt
    // finds the double charge at the point where the cache is off, in the first round.
    HuntSpec spec =
        presetHunt(QStringLiteral("parallel-two-clusters"), {"cache=on"}, Invariant::Duplicate, 50);
    QString error;
    const auto axes = VaryAxis::parseAll({QStringLiteral("cache=on,off")}, &error);
    QVERIFY2(axes, qPrintable(error));
    spec.axes = *axes;
    const HuntResult r = hunted(spec);
    QVERIFY(r.found);
    QCOMPARE(r.searchRuns, 2);
    QVERIFY2(r.candidate.contains(QLatin1String("cache=off")), qPrintable(r.candidate));
    QVERIFY(!r.minimal.settings.cache);
}

void TstHunt::sameSpecSameHunt()
{
    const HuntSpec spec = presetHunt(QStringLiteral("burst"), {"mutex=on"}, Invariant::Any, 1000);
    const HuntResult a = hunted(spec);
    const HuntResult b = hunted(spec);
    QVERIFY(a.found);
    QCOMPARE(a.candidate, b.candidate);
    QCOMPARE(a.searchRuns, b.searchRuns);
    QCOMPARE(fileOf(a.minimal), fileOf(b.minimal));
}

void TstHunt::invariantWords()
{
    QString error;
    for (const char *word : {"duplicate", "stuck", "collision", "any"}) {
        const auto i = Hunt::invariantNamed(QLatin1String(word), &error);
        QVERIFY(i);
        QCOMPARE(Hunt::invariantWord(*i), QLatin1String(word));
    }
    QVERIFY(!Hunt::invariantNamed(QStringLiteral("double"), &error));
    QCOMPARE(error, QStringLiteral("the invariant is duplicate, stuck, collision or any, not "
                                   "\"double\""));
}

QTEST_GUILESS_MAIN(TstHunt)
#include "tst_hunt.moc"
