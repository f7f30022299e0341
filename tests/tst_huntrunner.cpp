// Find a failure in the app (HuntRunner): the hunt runs on its own thread on the scenario and
// settings on screen; a failure found is shrunk and opened in the scene, nothing found says
// so and changes nothing, Cancel stops it.
#include "scenarioeditor.h"
#include "simulationcontroller.h"

#include <QSignalSpy>
#include <QtTest>

using namespace idem;

class TstHuntRunner : public QObject
{
    Q_OBJECT

private slots:
    void foundFailureOpensInTheScene();
    void nothingFoundChangesNothing();
    void cancelStops();
    void badInvariantRefused();
    void unsavedEditsAreNotLost();
};

void TstHuntRunner::foundFailureOpensInTheScene()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("burst"));
    QCOMPARE(c.session()->setSetting(QStringLiteral("mutex"), QStringLiteral("off")), QString());
    HuntRunner &hunt = *c.hunt();
    QSignalSpy finished(&hunt, &HuntRunner::finished);
    QVERIFY(hunt.start(QStringLiteral("duplicate"), 200));
    QVERIFY(hunt.running());
    QVERIFY(!hunt.start(QStringLiteral("duplicate"), 200)); // one at a time
    QTRY_VERIFY_WITH_TIMEOUT(!hunt.running(), 60'000);
    QVERIFY(hunt.found());
    QCOMPARE(c.session()->scenario().requests.size(), 2);
    QCOMPARE(c.session()->scenario().name, QStringLiteral("burst-hunted"));
    QVERIFY2(hunt.status().contains(QLatin1String("DUPLICATE_EFFECT on K1")),
             qPrintable(hunt.status()));
    QVERIFY(!hunt.steps().isEmpty());
    QVERIFY2(hunt.steps().first().startsWith(QLatin1String("1. dropped request R5")),
             qPrintable(hunt.steps().first()));
    // The scene shows the smallest failure's own run: its verdict is the double charge.
    QVERIFY(c.session()->playback().run());
    QVERIFY(!c.session()->playback().run()->verdict.ok());
    QVERIFY(finished.count() >= 2); // the old outcome cleared at the start, the new at the end
}

void TstHuntRunner::nothingFoundChangesNothing()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("burst"));
    QCOMPARE(c.session()->setSetting(QStringLiteral("mutex"), QStringLiteral("on")), QString());
    HuntRunner &hunt = *c.hunt();
    QVERIFY(hunt.start(QStringLiteral("duplicate"), 100));
    hunt.wait();
    QVERIFY(!hunt.running());
    QVERIFY(!hunt.found());
    QVERIFY(hunt.steps().isEmpty());
    QCOMPARE(c.session()->scenario().name, QStringLiteral("burst"));
    QCOMPARE(c.session()->scenario().requests.size(), 5);
    QVERIFY2(
        hunt.status().contains(QLatin1String("never charges a key more than once in 100 runs")),
        qPrintable(hunt.status()));
    QVERIFY2(hunt.status().contains(QLatin1String("not a proof")), qPrintable(hunt.status()));
}

void TstHuntRunner::cancelStops()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("burst"));
    QCOMPARE(c.session()->setSetting(QStringLiteral("mutex"), QStringLiteral("on")), QString());
    HuntRunner &hunt = *c.hunt();
    QVERIFY(hunt.start(QStringLiteral("duplicate"), 10'000'000));
    hunt.cancel();
    hunt.wait();
    QVERIFY(!hunt.running());
    QVERIFY(!hunt.found());
    QVERIFY2(hunt.status().contains(QLatin1String("(cancelled)")), qPrintable(hunt.status()));
    QCOMPARE(c.session()->scenario().requests.size(), 5);
}

void TstHuntRunner::badInvariantRefused()
{
    SimulationController c;
    HuntRunner &hunt = *c.hunt();
    QVERIFY(!hunt.start(QStringLiteral("double"), 100));
    QVERIFY(!hunt.running());
    QCOMPARE(hunt.status(), QStringLiteral("the invariant is duplicate, stuck, collision or any, "
                                           "not \"double\""));
}

void TstHuntRunner::unsavedEditsAreNotLost()
{
    // An edit not saved yet: the smallest failure waits for the window's question, and
    // comes on screen once the edits are discarded.
    SimulationController c;
    c.session()->setPreset(QStringLiteral("burst"));
    QCOMPARE(c.session()->setSetting(QStringLiteral("mutex"), QStringLiteral("off")), QString());
    ScenarioEditor &editor = *c.session()->editor();
    editor.setAskBeforeDiscarding(true); // as the window does
    QSignalSpy asked(&editor, &ScenarioEditor::discardEditsAsked);
    QCOMPARE(editor.addClient(), QString()); // "" on success
    QVERIFY(editor.dirty());
    const qsizetype clients = c.session()->scenario().clients.size();
    HuntRunner &hunt = *c.hunt();
    QVERIFY(hunt.start(QStringLiteral("duplicate"), 200));
    hunt.wait();
    QVERIFY(hunt.found());
    QCOMPARE(asked.count(), 1);
    QCOMPARE(c.session()->scenario().clients.size(), clients); // still the edited scenario
    editor.discardEditsAndContinue();
    QCOMPARE(c.session()->scenario().requests.size(), 2);
    QCOMPARE(c.session()->scenario().name, QStringLiteral("burst-hunted"));
}

QTEST_MAIN(TstHuntRunner)
#include "tst_huntrunner.moc"
