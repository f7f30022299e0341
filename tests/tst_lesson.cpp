// Lesson mode: Next runs the player to the next step's moment and stops there, Previous
// goes back, a question is revealed then its answer, and the tour follows the run on screen.

#include "lesson.h"
#include "playback.h"
#include "session.h"
#include "simulationcontroller.h"

#include "scenario/scenarioloader.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace idem;

namespace {

/// Plays in ticks of 20 ms of wall time until the player stops (at most `maxTicks`).
void playUntilStopped(Playback &p, int maxTicks = 100000)
{
    for (int i = 0; i < maxTicks && p.playing(); ++i)
        p.advance(20'000'000);
}

} // namespace

class TstLesson : public QObject
{
    Q_OBJECT

private slots:
    void nextStopsAtEachStep();
    void previousGoesBackPaused();
    void revealAsksThenAnswers();
    void flippingASettingKeepsTheStep();
    void anotherPresetStartsItsOwnTour();
    void scenarioWithoutLessonHasNone();
    void showAtPicksTheStepOfAMoment();
};

void TstLesson::nextStopsAtEachStep()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("parallel-same-cluster"));
    Lesson &lesson = *c.lesson();
    const QVector<LessonStep> steps = c.playback()->run()->scenario.lesson;
    QVERIFY(lesson.available());
    QCOMPARE(lesson.count(), steps.size());
    c.playback()->seek(100'000);
    lesson.setActive(true);
    QCOMPARE(c.playback()->timeUs(), 0.0); // a tour starts at the beginning
    QCOMPARE(lesson.index(), -1);
    for (int i = 0; i < steps.size(); ++i) {
        QVERIFY(lesson.hasNext());
        lesson.next();
        QCOMPARE(lesson.index(), i);
        QCOMPARE(lesson.title(), steps[i].title);
        if (steps[i].atUs > 0) {
            QVERIFY(c.playback()->playing()); // it runs there, it does not jump
            playUntilStopped(*c.playback());
        }
        QVERIFY(!c.playback()->playing());
        QCOMPARE(qint64(c.playback()->timeUs()), steps[i].atUs);
    }
    QVERIFY(!lesson.hasNext());
}

void TstLesson::previousGoesBackPaused()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("lost-response"));
    Lesson &lesson = *c.lesson();
    const QVector<LessonStep> steps = c.playback()->run()->scenario.lesson;
    lesson.setActive(true);
    lesson.next();
    playUntilStopped(*c.playback());
    lesson.next();
    playUntilStopped(*c.playback());
    QCOMPARE(lesson.index(), 1);
    lesson.next();
    QVERIFY(c.playback()->playing());
    lesson.previous(); // mid-run: back to step 2, paused there
    QCOMPARE(lesson.index(), 1);
    QVERIFY(!c.playback()->playing());
    QCOMPARE(qint64(c.playback()->timeUs()), steps[1].atUs);
    lesson.previous();
    lesson.previous();
    QCOMPARE(lesson.index(), -1);
    QCOMPARE(c.playback()->timeUs(), 0.0);
    // Playing by hand forgets the lesson's stop: the run plays to its end.
    lesson.next();
    c.playback()->setPlaying(false);
    c.playback()->setPlaying(true);
    playUntilStopped(*c.playback());
    QCOMPARE(qint64(c.playback()->timeUs()), c.playback()->run()->endUs);
}

void TstLesson::revealAsksThenAnswers()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("retry-after-success"));
    Lesson &lesson = *c.lesson();
    lesson.setActive(true);
    lesson.next(); // step 1 has no question
    QVERIFY(lesson.question().isEmpty());
    lesson.reveal();
    QCOMPARE(lesson.revealed(), 0);
    lesson.next();
    QVERIFY(!lesson.question().isEmpty());
    QCOMPARE(lesson.revealed(), 0);
    lesson.reveal();
    QCOMPARE(lesson.revealed(), 1);
    lesson.reveal();
    QCOMPARE(lesson.revealed(), 2);
    lesson.reveal();
    QCOMPARE(lesson.revealed(), 2);
    lesson.previous(); // another step: nothing revealed
    QCOMPARE(lesson.revealed(), 0);
}

void TstLesson::flippingASettingKeepsTheStep()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("parallel-same-cluster"));
    Lesson &lesson = *c.lesson();
    lesson.setActive(true);
    lesson.next();
    playUntilStopped(*c.playback());
    lesson.next();
    playUntilStopped(*c.playback());
    const double at = c.playback()->timeUs();
    QCOMPARE(c.session()->setSetting(QStringLiteral("mutex"), QStringLiteral("on")), QString());
    QVERIFY(lesson.active());
    QCOMPARE(lesson.index(), 1);
    QCOMPARE(c.playback()->timeUs(), at);
}

void TstLesson::anotherPresetStartsItsOwnTour()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("parallel-same-cluster"));
    Lesson &lesson = *c.lesson();
    lesson.setActive(true);
    lesson.next();
    QSignalSpy steps(&lesson, &Lesson::stepsChanged);
    c.session()->setPreset(QStringLiteral("crash-after-claim"));
    QCOMPARE(steps.count(), 1);
    QCOMPARE(lesson.index(), -1);
    QCOMPARE(lesson.count(), c.playback()->run()->scenario.lesson.size());
    lesson.next();
    QCOMPARE(lesson.title(), c.playback()->run()->scenario.lesson.first().title);
}

void TstLesson::scenarioWithoutLessonHasNone()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("single-request"));
    c.lesson()->setActive(true);
    QVERIFY(c.lesson()->active());
    Scenario scenario = *ScenarioLoader::load(QStringLiteral("single-request")).scenario;
    scenario.lesson.clear();
    scenario.name = QStringLiteral("no-lesson");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no-lesson.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(ScenarioLoader::toJson(scenario)).toJson());
    file.close();
    QVERIFY(c.session()->loadFile(QUrl::fromLocalFile(path)));
    QVERIFY(!c.lesson()->available());
    QVERIFY(!c.lesson()->active());
    c.lesson()->setActive(true);
    QVERIFY(!c.lesson()->active());
}

void TstLesson::showAtPicksTheStepOfAMoment()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("retry-after-success"));
    const QVector<LessonStep> steps = c.playback()->run()->scenario.lesson;
    c.playback()->seek(double(steps[1].atUs) + 5000);
    c.lesson()->showAt(c.playback()->timeUs());
    QVERIFY(c.lesson()->active());
    QCOMPARE(c.lesson()->index(), 1);
    QCOMPARE(c.lesson()->revealed(), 2);
    QCOMPARE(qint64(c.playback()->timeUs()), steps[1].atUs + 5000); // the playhead stays
}

QTEST_MAIN(TstLesson)
#include "tst_lesson.moc"
