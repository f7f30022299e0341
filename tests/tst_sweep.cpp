// sweep: the --vary grammar, a grid whose rates follow from the model, results that do not
// depend on the threads, shards that merge into the one-run result, Wilson intervals, the
// JSON and CSV schema, and the plots.
#include "presetrun.h"

#include "export/timelineexporter.h"
#include "scenario/scenarioloader.h"
#include "sim/simulation.h"
#include "sim/simulationdatabases.h"
#include "whatif/sweep.h"
#include "whatif/sweepplot.h"
#include "whatif/sweepresult.h"
#include "whatif/varyaxis.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QXmlStreamReader>
#include <QtTest>

using namespace idem;

namespace {

SweepSpec specFor(const QString &preset, const QStringList &vary, int trials, int jobs = 0)
{
    SweepSpec spec;
    spec.scenario = presetScenario(preset);
    QString error;
    const auto axes = VaryAxis::parseAll(vary, &error);
    if (!axes)
        qFatal("%s", qPrintable(error));
    spec.axes = *axes;
    spec.trials = trials;
    spec.jobs = jobs;
    return spec;
}

SweepResult swept(const SweepSpec &spec)
{
    QString error;
    const auto r = Sweep::run(spec, {}, &error);
    if (!r)
        qFatal("sweep failed: %s", qPrintable(error));
    return *r;
}

QByteArray jsonBytes(const SweepResult &r)
{
    return QJsonDocument(r.toJson()).toJson(QJsonDocument::Indented);
}

double anomalyShare(const SweepResult &r, int point)
{
    const TrialCounts &c = r.points[point];
    return double(c.anomalyTrials.value(QStringLiteral("any"))) / c.trials;
}

} // namespace

class TstSweep : public QObject
{
    Q_OBJECT

private slots:
    void failoverLagThreshold();
    void twoAxesGrid();
    void jobsDoNotChangeTheResult();
    void trialIsTheSeedRunAlone();
    void reusedDatabasesGiveTheFreshRun();
    void shardsMergeIntoTheWhole();
    void mergeRefusesWrongParts_data();
    void mergeRefusesWrongParts();
    void wilson_data();
    void wilson();
    void percentiles();
    void jsonSchema();
    void csvSchema();
    void plotsParse();
    void varyGrammar_data();
    void varyGrammar();
    void badVary_data();
    void badVary();
};

void TstSweep::failoverLagThreshold()
{
    // Preset 7: R1 claims K1 on cluster A, and R2 retries it on cluster B `failover` later,
    // by the same path, so it looks K1 up in DB B `failover` after R1 looked in DB A (and a
    // moment after R1 wrote its claim). With no jitter every trial is the same: a lag shorter
    // than the failover brings the claim to DB B first (R2 is refused or replayed, one
    // charge); a longer one lets R2 claim K1 afresh: a second charge. So the share is 0 below
    // the failover time and 1 above it. The grid keeps clear of the edge (the claim is written
    // a few ms after the lookup).
    SweepSpec spec =
        specFor(QStringLiteral("failover-retry"), {QStringLiteral("lag-ms=500:9500:1000")}, 3);
    spec.scenario.settings.jitterUs = 0;
    const qint64 failoverUs = spec.scenario.requests[1].atUs - spec.scenario.requests[0].atUs;
    QCOMPARE(spec.scenario.requests[0].key, spec.scenario.requests[1].key);
    QVERIFY(spec.scenario.requests[0].cluster != spec.scenario.requests[1].cluster);
    const SweepResult r = swept(spec);
    QCOMPARE(r.points.size(), 10);
    int below = 0, above = 0;
    for (int i = 0; i < r.points.size(); ++i) {
        const qint64 lagUs = qint64(spec.axes[0].values[i].toDouble() * 1000);
        QCOMPARE(r.points[i].trials, 3);
        if (lagUs < failoverUs) {
            QCOMPARE(anomalyShare(r, i), 0.0);
            ++below;
        } else {
            QCOMPARE(anomalyShare(r, i), 1.0);
            QCOMPARE(r.points[i].anomalyTrials.value(QStringLiteral("DUPLICATE_EFFECT")), 3);
            ++above;
        }
    }
    QVERIFY(below > 0 && above > 0);
}

void TstSweep::twoAxesGrid()
{
    // Preset 9 with the mutex on never charges twice, whatever the jitter.
    const SweepResult r =
        swept(specFor(QStringLiteral("burst"),
                      {QStringLiteral("jitter-ms=0,20"), QStringLiteral("mutex=off,on")}, 4));
    QCOMPARE(r.pointCount(), 4);
    QCOMPARE(r.pointValues(0), (QStringList{"0", "off"}));
    QCOMPARE(r.pointValues(1), (QStringList{"0", "on"}));
    QCOMPARE(r.pointValues(3), (QStringList{"20", "on"}));
    QCOMPARE(anomalyShare(r, 0), 1.0); // no jitter: all five at once, every trial
    QCOMPARE(anomalyShare(r, 1), 0.0);
    QCOMPARE(anomalyShare(r, 3), 0.0);
}

void TstSweep::jobsDoNotChangeTheResult()
{
    SweepSpec spec = specFor(QStringLiteral("burst"), {QStringLiteral("jitter-ms=0,5,20")}, 12, 1);
    const QByteArray one = jsonBytes(swept(spec));
    for (const int jobs : {2, 3, 8}) {
        spec.jobs = jobs;
        QCOMPARE(jsonBytes(swept(spec)), one);
    }
}

void TstSweep::trialIsTheSeedRunAlone()
{
    SweepSpec spec = specFor(QStringLiteral("burst"), {QStringLiteral("jitter-ms=5,20")}, 5, 2);
    spec.seedFrom = 40;
    const SweepResult r = swept(spec);
    for (int point = 0; point < 2; ++point) {
        TrialCounts alone;
        for (int t = 0; t < spec.trials; ++t) {
            const Scenario s = Sweep::trialScenario(spec, point, spec.seedFrom + quint64(t));
            QCOMPARE(s.settings.seed, spec.seedFrom + quint64(t));
            QCOMPARE(s.settings.jitterUs, point == 0 ? 5'000 : 20'000);
            alone.add(Sweep::count(runScenario(s)));
        }
        QVERIFY(alone == r.points[point]);
    }
}

void TstSweep::reusedDatabasesGiveTheFreshRun()
{
    // Every preset, each way of the mutex and jitter, one after the other on one pair of DBs:
    // each run is byte for byte the run on fresh DBs (log, responses, final rows, verdict).
    SimulationDatabases databases;
    QVERIFY(!databases.open());
    SimulationOptions reuse;
    reuse.databases = &databases;
    int runs = 0;
    for (const QString &name : ScenarioLoader::presetNames())
        for (const bool mutex : {false, true})
            for (const qint64 jitterUs : {qint64(0), qint64(7'000)}) {
                Scenario s = presetScenario(name);
                s.settings.mutex = mutex;
                s.settings.jitterUs = jitterUs;
                s.settings.seed = 3;
                const RunResult fresh = runScenario(s);
                const Simulation::RunOrError again = Simulation::run(s, reuse);
                QVERIFY2(again.result, qPrintable(again.error));
                QCOMPARE(TimelineExporter::render(*again.result), TimelineExporter::render(fresh));
                QCOMPARE(again.result->summaryJson(), fresh.summaryJson());
                ++runs;
            }
    QCOMPARE(runs, int(ScenarioLoader::presetNames().size()) * 4);
}

void TstSweep::shardsMergeIntoTheWhole()
{
    SweepSpec spec = specFor(QStringLiteral("burst"),
                             {QStringLiteral("jitter-ms=0,10"), QStringLiteral("mutex=off,on")}, 7);
    const QByteArray whole = jsonBytes(swept(spec));
    for (const int n : {1, 3, 5, 40}) { // 40 shards for 28 trials: some run nothing
        QVector<SweepResult> parts;
        qint64 trials = 0;
        for (int k = n; k >= 1; --k) { // any order
            spec.shardIndex = k;
            spec.shardCount = n;
            const SweepResult part = swept(spec);
            trials += Sweep::jobCount(spec);
            QCOMPARE(part.toJson().value("shard").toObject().value("index").toInt(), k);
            // Through the JSON, as --merge reads the files.
            QString error;
            const auto read = SweepResult::fromJson(part.toJson(), &error);
            QVERIFY2(read, qPrintable(error));
            parts.append(*read);
        }
        QCOMPARE(trials, 28);
        QString error;
        const auto merged = SweepResult::merge(parts, &error);
        QVERIFY2(merged, qPrintable(error));
        QCOMPARE(jsonBytes(*merged), whole);
    }
}

void TstSweep::mergeRefusesWrongParts_data()
{
    QTest::addColumn<QList<int>>("shards"); // K of 3 each part has; 0 = from another sweep
    QTest::addColumn<QString>("message");
    QTest::addRow("one missing") << QList<int>{1, 3} << "shards missing: 2/3";
    QTest::addRow("one twice") << QList<int>{1, 2, 2, 3} << "part 3 is shard 2/3, given twice";
    QTest::addRow("another sweep") << QList<int>{1, 2, 0} << "part 3 is of another sweep";
    QTest::addRow("none") << QList<int>{} << "needs the parts";
}

void TstSweep::mergeRefusesWrongParts()
{
    QFETCH(QList<int>, shards);
    QFETCH(QString, message);
    QVector<SweepResult> parts;
    for (const int k : shards) {
        SweepSpec spec =
            specFor(QStringLiteral("single-request"),
                    {k ? QStringLiteral("delay-ms=10,20") : QStringLiteral("delay-ms=10,30")}, 2);
        spec.shardIndex = k ? k : 3;
        spec.shardCount = 3;
        parts.append(swept(spec));
    }
    QString error;
    QVERIFY(!SweepResult::merge(parts, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
}

void TstSweep::wilson_data()
{
    // By hand: centre (p + z²/2n) / (1 + z²/n), half z/(1 + z²/n) · √(p(1-p)/n + z²/4n²),
    // z = 1.959964.
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::addRow("0 of 10") << 0 << 10 << 0.0 << 0.277533; // z²/(n + z²)
    QTest::addRow("5 of 10") << 5 << 10 << 0.236593 << 0.763407;
    QTest::addRow("10 of 10") << 10 << 10 << 0.722467 << 1.0;
    QTest::addRow("1 of 20") << 1 << 20 << 0.008881 << 0.236131;
    QTest::addRow("30 of 100") << 30 << 100 << 0.218949 << 0.395849;
    QTest::addRow("none run") << 0 << 0 << 0.0 << 1.0;
}

void TstSweep::wilson()
{
    QFETCH(int, k);
    QFETCH(int, n);
    QFETCH(double, low);
    QFETCH(double, high);
    const WilsonInterval w = WilsonInterval::of(k, n);
    QVERIFY2(std::abs(w.low - low) < 1e-5, qPrintable(QString::number(w.low, 'f', 6)));
    QVERIFY2(std::abs(w.high - high) < 1e-5, qPrintable(QString::number(w.high, 'f', 6)));
}

void TstSweep::percentiles()
{
    QMap<qint64, int> h;
    for (int i = 1; i <= 10; ++i)
        h.insert(i * 10, 1);
    QCOMPARE(*SweepResult::percentile(h, 0.5), 50); // nearest rank: the 5th of 10
    QCOMPARE(*SweepResult::percentile(h, 0.99), 100);
    QCOMPARE(*SweepResult::percentile({{7, 100}, {9, 1}}, 0.99), 7);
    QCOMPARE(*SweepResult::percentile({{7, 98}, {9, 2}}, 0.99), 9);
    QVERIFY(!SweepResult::percentile({}, 0.5));
}

void TstSweep::jsonSchema()
{
    const SweepResult r =
        swept(specFor(QStringLiteral("lost-response"), {QStringLiteral("jitter-ms=0,3")}, 3));
    const QJsonObject o = r.toJson();
    QCOMPARE(o.value("schema").toString(), QStringLiteral("idemlab.sweep/1"));
    for (const char *field : {"scenario", "settings", "vary", "trials", "seedFrom", "points"})
        QVERIFY2(o.contains(QLatin1String(field)), field);
    QVERIFY(!o.contains("shard"));
    QVERIFY(!o.value("settings").toObject().contains("seed"));
    const QJsonObject vary = o.value("vary").toArray().first().toObject();
    QCOMPARE(vary.value("name").toString(), QStringLiteral("jitter-ms"));
    QCOMPARE(vary.value("setting").toString(), QStringLiteral("jitterMs"));
    QCOMPARE(vary.value("unit").toString(), QStringLiteral("ms"));
    QCOMPARE(vary.value("values").toArray(), (QJsonArray{0, 3}));
    const QJsonArray points = o.value("points").toArray();
    QCOMPARE(points.size(), 2);
    const QJsonObject p = points.first().toObject();
    for (const char *field :
         {"at", "trials", "anomalies", "statusCounts", "latencyMs", "latencyHistogramUs"})
        QVERIFY2(p.contains(QLatin1String(field)), field);
    QCOMPARE(p.value("at").toObject(), QJsonObject({{"jitter-ms", 0}}));
    for (const QString &kind : SweepResult::anomalyKinds()) {
        const QJsonObject a = p.value("anomalies").toObject().value(kind).toObject();
        for (const char *field : {"trials", "share", "low", "high"})
            QVERIFY2(a.contains(QLatin1String(field)), field);
    }
    // Preset 8: the first answer is lost and the client times out; its retry gets 200.
    QCOMPARE(p.value("statusCounts").toObject(), QJsonObject({{"200", 3}, {"timeout", 3}}));
    QVERIFY(p.value("latencyMs").toObject().value("median").toDouble() > 0);
}

void TstSweep::csvSchema()
{
    const SweepResult r =
        swept(specFor(QStringLiteral("burst"),
                      {QStringLiteral("mutex=off,on"), QStringLiteral("jitter-ms=0,5")}, 2));
    const QList<QByteArray> lines = r.toCsv().split('\n');
    QCOMPARE(lines.size(), 6); // header, four points, the final newline
    QCOMPARE(lines.last(), QByteArray());
    const QList<QByteArray> header = lines.first().split(',');
    QCOMPARE(header.mid(0, 6),
             (QList<QByteArray>{"mutex", "jitter-ms", "trials", "any", "any_low", "any_high"}));
    QVERIFY(header.contains("DUPLICATE_EFFECT_high"));
    QVERIFY(header.contains("status_201"));
    QVERIFY(header.contains("status_409"));
    QCOMPARE(header.mid(header.size() - 2),
             (QList<QByteArray>{"latency_median_ms", "latency_p99_ms"}));
    for (int i = 1; i <= 4; ++i)
        QCOMPARE(lines[i].split(',').size(), header.size());
    QVERIFY(lines[1].startsWith("off,0,2,1,")); // no mutex, no jitter: both trials charge twice
}

void TstSweep::plotsParse()
{
    for (const QStringList &vary :
         {QStringList{"lag-ms=0:6000:2000"}, QStringList{"lag-ms=0,6000", "cache=off,on"}}) {
        const QByteArray svg =
            SweepPlot::svg(swept(specFor(QStringLiteral("failover-retry"), vary, 2)));
        QXmlStreamReader xml(svg);
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(svg.contains("Replication lag (ms)")); // the axis, with its unit
        QVERIFY(svg.contains(vary.size() == 1 ? "trials with an anomaly (%)" : "Shared cache"));
    }
}

void TstSweep::varyGrammar_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("json");
    QTest::addColumn<QStringList>("values");
    QTest::addRow("range") << "lag-ms=0:1000:250"
                           << "lagMs" << QStringList{"0", "250", "500", "750", "1000"};
    QTest::addRow("range not reaching TO") << "delay-ms=0:10:4"
                                           << "delayMs" << QStringList{"0", "4", "8"};
    QTest::addRow("fractions") << "loss=0:0.3:0.1"
                               << "loss" << QStringList{"0", "0.1", "0.2", "0.3"};
    QTest::addRow("list") << "jitter-ms=0,5,20"
                          << "jitterMs" << QStringList{"0", "5", "20"};
    QTest::addRow("toggle") << "mutex=off,on"
                            << "mutex" << QStringList{"off", "on"};
    QTest::addRow("choice") << "replay=seed,original"
                            << "replay" << QStringList{"seed", "original"};
    QTest::addRow("file name") << "lagMs=1,2"
                               << "lagMs" << QStringList{"1", "2"};
    QTest::addRow("one value") << "retries=2"
                               << "retries" << QStringList{"2"};
}

void TstSweep::varyGrammar()
{
    QFETCH(QString, text);
    QFETCH(QString, json);
    QFETCH(QStringList, values);
    QString error;
    const auto axis = VaryAxis::parse(text, &error);
    QVERIFY2(axis, qPrintable(error));
    QCOMPARE(axis->json, json);
    QCOMPARE(axis->values, values);
}

void TstSweep::badVary_data()
{
    QTest::addColumn<QStringList>("vary");
    QTest::addColumn<QString>("message");
    QTest::addRow("unknown setting") << QStringList{"lagg-ms=0:10:1"}
                                     << "--vary \"lagg-ms=0:10:1\": unknown setting \"lagg-ms\" "
                                        "(expected one of: mutex, cache,";
    QTest::addRow("no =") << QStringList{"lag-ms"} << "expected NAME=FROM:TO:STEP or NAME=V1,V2";
    QTest::addRow("no values") << QStringList{"lag-ms="} << "no values after \"=\"";
    QTest::addRow("two parts") << QStringList{"lag-ms=0:10"}
                               << "a range is FROM:TO:STEP, got 2 parts";
    QTest::addRow("four parts") << QStringList{"lag-ms=0:10:1:2"}
                                << "a range is FROM:TO:STEP, got 4 parts";
    QTest::addRow("step 0") << QStringList{"lag-ms=0:10:0"} << "STEP must be above 0, got 0";
    QTest::addRow("negative step")
        << QStringList{"lag-ms=10:0:-1"} << "STEP must be above 0, got -1";
    QTest::addRow("backwards") << QStringList{"lag-ms=10:0:1"} << "FROM 10 is above TO 0";
    QTest::addRow("not a number") << QStringList{"lag-ms=0:ten:1"} << "TO \"ten\" is not a number";
    QTest::addRow("too many values")
        << QStringList{"lag-ms=0:100000:1"} << "100001 values; at most 1000 per axis";
    QTest::addRow("out of range") << QStringList{"delay-ms=-5,10"}
                                  << "--delay-ms must be between 0 and 3600000 ms, got -5";
    QTest::addRow("bad list value")
        << QStringList{"jitter-ms=0,five"} << "--jitter-ms takes N, got \"five\"";
    QTest::addRow("bad toggle") << QStringList{"mutex=off,maybe"}
                                << "--mutex takes on or off, got \"maybe\"";
    QTest::addRow("toggle range") << QStringList{"mutex=0:1:1"}
                                  << "mutex takes on|off, not a range: list its values (e.g. "
                                     "mutex=on,off)";
    QTest::addRow("empty value") << QStringList{"jitter-ms=0,,5"} << "an empty value in the list";
    QTest::addRow("repeated value") << QStringList{"jitter-ms=5,5"} << "the value 5 is given twice";
    QTest::addRow("seed") << QStringList{"seed=1:10:1"} << "the trials pick the seeds";
    QTest::addRow("three axes") << QStringList{"lag-ms=0,1", "mutex=off,on", "cache=off,on"}
                                << "--vary given 3 times; a sweep varies one or two settings";
    QTest::addRow("same twice") << QStringList{"lag-ms=0,1", "lagMs=2,3"}
                                << "--vary lag-ms given twice";
    QTest::addRow("grid too big") << QStringList{"lag-ms=0:999:1", "jitter-ms=0,1"}
                                  << "2000 grid points; at most 1000";
    QTest::addRow("none") << QStringList{} << "sweep needs --vary";
}

void TstSweep::badVary()
{
    QFETCH(QStringList, vary);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!VaryAxis::parseAll(vary, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
}

QTEST_GUILESS_MAIN(TstSweep)
#include "tst_sweep.moc"
