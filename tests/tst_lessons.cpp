// Every preset carries its guided tour: steps a class can follow without a teacher, at
// moments inside the run, surviving a round trip through the scenario writer and reader.

#include "presetrun.h"

#include "scenario/scenarioloader.h"

#include <QJsonDocument>
#include <QtTest>

using namespace idem;

class TstLessons : public QObject
{
    Q_OBJECT

private slots:
    void everyPresetHasATour_data();
    void everyPresetHasATour();
    void lessonSurvivesTheWriter();
    void scenarioWithoutLessonWritesNone();
};

void TstLessons::everyPresetHasATour_data()
{
    QTest::addColumn<QString>("preset");
    for (const QString &name : ScenarioLoader::presetNames())
        QTest::newRow(qPrintable(name)) << name;
}

void TstLessons::everyPresetHasATour()
{
    QFETCH(QString, preset);
    const Scenario scenario = presetScenario(preset);
    QVERIFY2(scenario.lesson.size() >= 3, qPrintable(QString::number(scenario.lesson.size())));
    const RunResult run = runScenario(scenario);
    int questions = 0;
    for (const LessonStep &step : scenario.lesson) {
        // The player stops there: inside the run, after something has happened.
        QVERIFY2(step.atUs <= run.endUs, qPrintable(step.title));
        QVERIFY(!step.title.isEmpty());
        QVERIFY2(step.text.endsWith(QLatin1Char('.')), qPrintable(step.text));
        if (!step.question.isEmpty()) {
            ++questions;
            QVERIFY2(step.question.endsWith(QLatin1Char('?')), qPrintable(step.question));
            QVERIFY2(!step.answer.isEmpty(), qPrintable(step.question));
        }
    }
    // Every tour asks the class something, except where there is nothing to predict.
    QVERIFY(questions >= 1);
}

void TstLessons::lessonSurvivesTheWriter()
{
    const Scenario scenario = presetScenario(QStringLiteral("11"));
    const QByteArray json = QJsonDocument(ScenarioLoader::toJson(scenario)).toJson();
    const ScenarioLoad back = ScenarioLoader::fromJson(json, QStringLiteral("written.json"));
    QVERIFY2(back.scenario, qPrintable(back.error));
    QCOMPARE(back.scenario->lesson.size(), scenario.lesson.size());
    for (int i = 0; i < scenario.lesson.size(); ++i) {
        const LessonStep &a = scenario.lesson[i];
        const LessonStep &b = back.scenario->lesson[i];
        QCOMPARE(b.atUs, a.atUs);
        QCOMPARE(b.title, a.title);
        QCOMPARE(b.text, a.text);
        QCOMPARE(b.question, a.question);
        QCOMPARE(b.answer, a.answer);
    }
}

void TstLessons::scenarioWithoutLessonWritesNone()
{
    Scenario scenario = presetScenario(QStringLiteral("1"));
    scenario.lesson.clear();
    QVERIFY(!ScenarioLoader::toJson(scenario).contains(QLatin1String("lesson")));
}

QTEST_GUILESS_MAIN(TstLessons)
#include "tst_lessons.moc"
