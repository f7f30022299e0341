// The same scenario, settings and seed give the same event log, byte for byte.
#include "export/csvexporter.h"
#include "export/timelineexporter.h"
#include "presetrun.h"
#include "sim/simulation.h"

#include <QtTest>

using namespace idem;

class TstDeterminism : public QObject
{
    Q_OBJECT

private slots:
    void samePresetSameBytes_data();
    void samePresetSameBytes();
    void jitterFollowsTheSeed();
    void lossFollowsTheSeed();
};

void TstDeterminism::samePresetSameBytes_data()
{
    addPresetToggleRows();
}

void TstDeterminism::samePresetSameBytes()
{
    QFETCH(QString, preset);
    QFETCH(bool, mutex);
    QFETCH(bool, cache);
    Scenario s = presetScenario(preset);
    s.settings.mutex = mutex;
    s.settings.cache = cache;
    s.settings.jitterUs = 5'000; // the generator is exercised, and must still repeat
    const RunResult a = runScenario(s);
    const RunResult b = runScenario(s);
    QVERIFY(!a.events.isEmpty());
    QCOMPARE(TimelineExporter::render(a), TimelineExporter::render(b));
    QCOMPARE(CsvExporter::render(a), CsvExporter::render(b));
}

void TstDeterminism::jitterFollowsTheSeed()
{
    Scenario s = presetScenario(QStringLiteral("burst"));
    s.settings.jitterUs = 10'000;
    s.settings.seed = 1;
    const QByteArray one = CsvExporter::render(runScenario(s));
    s.settings.seed = 2;
    const QByteArray two = CsvExporter::render(runScenario(s));
    QVERIFY(one != two);
    s.settings.seed = 1;
    QCOMPARE(CsvExporter::render(runScenario(s)), one);
}

void TstDeterminism::lossFollowsTheSeed()
{
    Scenario s = presetScenario(QStringLiteral("burst"));
    s.settings.loss = 0.3;
    s.settings.retries = 2;
    QSet<QByteArray> timelines;
    for (quint64 seed = 1; seed <= 5; ++seed) {
        s.settings.seed = seed;
        const QByteArray first = TimelineExporter::render(runScenario(s));
        QCOMPARE(TimelineExporter::render(runScenario(s)), first);
        timelines.insert(first);
    }
    QVERIFY(timelines.size() > 1);
}

QTEST_GUILESS_MAIN(TstDeterminism)
#include "tst_determinism.moc"
