// Reading timelines back: exact round trips, replay, and a corpus of files it must refuse.

#include "corpus.h"
#include "export/exporter.h"
#include "export/timelineexporter.h"
#include "exportfixtures.h"
#include "playback/scenestate.h"
#include "scenario/scenarioloader.h"
#include "sim/simulation.h"
#include "timeline/timelinereader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

using namespace idem;

namespace {

const QString dataDir = QStringLiteral(IDEMLAB_TEST_DATA);
const QString badDir = dataDir + QStringLiteral("/bad-timelines");
const QString minimalFile = dataDir + QStringLiteral("/timelines/minimal.json");
// A timeline written before the protocol settings (leaseMs, atomic, ...) existed.
const QString beforeProtocolFile =
    dataDir + QStringLiteral("/timelines/pre-protocol-settings.json");

// What the scene shows at `t`, as text: the DB rows, the cache, the messages in flight.
QString sceneText(const RunResult &run, qint64 t)
{
    const SceneState s = sceneAt(run, t);
    QStringList out{QString::number(s.lastEvent)};
    for (int c = 0; c < 2; ++c) {
        for (const KeyRowView &k : s.keys[c])
            out << QStringLiteral("key %1 %2 %3 %4 %5")
                       .arg(k.key, k.status)
                       .arg(k.origin)
                       .arg(k.replica)
                       .arg(k.updatedUs);
        for (const LedgerRowView &l : s.ledger[c])
            out << QStringLiteral("ledger %1 %2 %3 %4")
                       .arg(l.id, l.key)
                       .arg(l.amount)
                       .arg(l.replica);
    }
    for (const CacheEntryView &e : s.cache)
        out << QStringLiteral("cache %1 %2 %3").arg(e.key, e.status).arg(e.expiresUs);
    for (const MessageView &m : s.messages)
        out << QStringLiteral("message %1 %2 %3 %4 %5")
                   .arg(m.event)
                   .arg(m.from)
                   .arg(m.to)
                   .arg(m.progress)
                   .arg(m.label);
    out << s.duplicateKeys << s.duplicateLedgerIds;
    return out.join(QLatin1Char('\n'));
}

// A copy of the minimal timeline with one value replaced, addressed by a path of keys and
// indices.
QByteArray withValue(QJsonObject root, const QVariantList &path, const QJsonValue &value)
{
    std::function<QJsonValue(const QJsonValue &, int)> set = [&](const QJsonValue &at,
                                                                 int depth) -> QJsonValue {
        if (depth == path.size())
            return value;
        const QVariant step = path[depth];
        if (step.typeId() == QMetaType::Int) {
            QJsonArray a = at.toArray();
            a[step.toInt()] = set(a[step.toInt()], depth + 1);
            return a;
        }
        QJsonObject o = at.toObject();
        o[step.toString()] = set(o[step.toString()], depth + 1);
        return o;
    };
    return QJsonDocument(set(root, 0).toObject()).toJson();
}

// Every path to a leaf or container of `v`.
void collectPaths(const QJsonValue &v, QVariantList prefix, QVector<QVariantList> &out)
{
    if (!prefix.isEmpty())
        out << prefix;
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            collectPaths(it.value(), prefix + QVariantList{it.key()}, out);
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i)
            collectPaths(a[i], prefix + QVariantList{i}, out);
    }
}

} // namespace

class TstTimelineReader : public QObject
{
    Q_OBJECT

private slots:
    void minimalFileLoads();
    void fileWithoutProtocolSettingsLoads();
    void roundTripIsByteIdentical_data();
    void roundTripIsByteIdentical();
    void sampleRunRoundTrips();
    void importedRunReplaysTheSameScene();
    void badCorpusIsComplete();
    void badCorpus_data();
    void badCorpus();
    void tooLarge();
    void tooManyEvents();
    void anyWrongTypeIsRefusedCleanly();
    void anyTruncationIsRefusedCleanly();
    void fileErrors();
    void tellsTimelinesFromScenarios();
};

void TstTimelineReader::fileWithoutProtocolSettingsLoads()
{
    const QJsonObject root = QJsonDocument::fromJson(readFile(beforeProtocolFile)).object();
    QVERIFY(!root.value(QLatin1String("settings")).toObject().contains(QLatin1String("leaseMs")));
    const TimelineLoad load = TimelineReader::fromFile(beforeProtocolFile);
    QVERIFY2(load.run, qPrintable(load.error));
    const Settings &s = load.run->scenario.settings;
    const Settings defaults;
    QCOMPARE(s.leaseUs, defaults.leaseUs);
    QCOMPARE(s.atomic, defaults.atomic);
    QCOMPARE(s.keyTtlUs, defaults.keyTtlUs);
    QCOMPARE(s.errorPolicy, defaults.errorPolicy);
    QCOMPARE(s.cacheFailure, defaults.cacheFailure);
    QCOMPARE(s.keyScope, defaults.keyScope);
    QCOMPARE(s.retryErrors, defaults.retryErrors);
    QCOMPARE(load.run->scenario.name, QStringLiteral("parallel-same-cluster"));
    QVERIFY(!load.run->events.isEmpty());
}

void TstTimelineReader::minimalFileLoads()
{
    const TimelineLoad load = TimelineReader::fromFile(minimalFile);
    QVERIFY2(load.run, qPrintable(load.error));
    const RunResult &run = *load.run;
    QCOMPARE(load.range.fromUs, 0);
    QCOMPARE(load.range.toUs, 50'000);
    QCOMPARE(run.endUs, 50'000);
    QCOMPARE(run.scenario.name, QStringLiteral("tiny"));
    QCOMPARE(run.nodes.size(), 4);
    QCOMPARE(run.nodes[3].kind, NodeKind::Database);
    QCOMPARE(run.nodes[3].cluster, 0);
    QCOMPARE(run.events.size(), 3);
    const Event &write = run.events[2];
    QCOMPARE(write.type, EventType::DbWrite);
    QCOMPARE(write.from, 2);
    QCOMPARE(write.to, 3);
    QCOMPARE(write.request, 0);
    QCOMPARE(write.state, QStringLiteral("CREATED"));
    QCOMPARE(write.startUs, 39'000);
    QCOMPARE(run.events[1].startUs, -1);
    QCOMPARE(run.events[0].status, 0);
    QCOMPARE(run.attempts.size(), 1);
    QCOMPARE(run.attempts[0].client, 0);
    QCOMPARE(run.attempts[0].serverNode, 2);
    QCOMPARE(run.attempts[0].outcome, AttemptOutcome::Pending);
    QCOMPARE(run.attempts[0].receivedUs, -1);
    QCOMPARE(run.keys[0].size(), 1);
    QCOMPARE(run.keys[0][0].responseCode, 0);
    QCOMPARE(run.verdict.stuckKeys, QStringList{"K1"});
    QVERIFY(run.verdict.ok());
}

void TstTimelineReader::roundTripIsByteIdentical_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<bool>("guarded");
    QTest::addColumn<qint64>("fromUs");
    QTest::addColumn<qint64>("toUs");
    const qint64 all = std::numeric_limits<qint64>::max();
    for (const QString &preset : ScenarioLoader::presetNames()) {
        QTest::addRow("%s", qPrintable(preset)) << preset << false << qint64(0) << all;
        QTest::addRow("%s guarded", qPrintable(preset)) << preset << true << qint64(0) << all;
        QTest::addRow("%s 20-1100 ms", qPrintable(preset))
            << preset << false << qint64(20'000) << qint64(1'100'000);
    }
}

void TstTimelineReader::roundTripIsByteIdentical()
{
    QFETCH(QString, preset);
    QFETCH(bool, guarded);
    QFETCH(qint64, fromUs);
    QFETCH(qint64, toUs);
    const RunResult run = simulate(preset, guarded);
    const ExportRange range{fromUs, toUs};
    const QByteArray exported = TimelineExporter::render(run, range);

    const TimelineLoad load = TimelineReader::fromJson(exported, QStringLiteral("t.json"));
    QVERIFY2(load.run, qPrintable(load.error));
    QCOMPARE(TimelineExporter::render(*load.run, load.range), exported);
    // Every other format drawn from the file matches the one drawn from the run.
    for (const QString &format : Exporter::formats()) {
        const QString path = QStringLiteral("t.") + format;
        QCOMPARE(*Exporter::render(*load.run, path, range, nullptr),
                 *Exporter::render(run, path, range, nullptr));
    }
}

void TstTimelineReader::sampleRunRoundTrips()
{
    // Quotes and a lost message; clients known by node name only. The sample's caption with
    // a line break is refused (no text of a timeline may break a line: it would reach the
    // Mermaid, PlantUML and CSV writers), on one line that quotes it escaped.
    RunResult run = sampleRun();
    const TimelineLoad refused =
        TimelineReader::fromJson(TimelineExporter::render(run), QStringLiteral("sample.json"));
    QVERIFY(!refused.run);
    QVERIFY2(refused.error.startsWith(QStringLiteral(
                 "sample.json: events[12].caption: must be on one line (no line break or control "
                 "character), got \"DUPLICATE_EFFECT: key K1 charged twic...\"")),
             qPrintable(refused.error));

    run.events[12].caption.replace(QLatin1Char('\n'), QLatin1Char(' '));
    const QByteArray exported = TimelineExporter::render(run);
    const TimelineLoad load = TimelineReader::fromJson(exported, QStringLiteral("sample.json"));
    QVERIFY2(load.run, qPrintable(load.error));
    QCOMPARE(TimelineExporter::render(*load.run, load.range), exported);
    QCOMPARE(load.run->events[12].caption, run.events[12].caption);
}

void TstTimelineReader::importedRunReplaysTheSameScene()
{
    for (const QString &preset : {QStringLiteral("parallel-two-clusters"),
                                  QStringLiteral("lost-response"), QStringLiteral("burst")}) {
        const RunResult run = simulate(preset, false);
        const TimelineLoad load =
            TimelineReader::fromJson(TimelineExporter::render(run), QStringLiteral("t.json"));
        QVERIFY2(load.run, qPrintable(load.error));
        for (qint64 t = 0; t <= run.endUs; t += std::max<qint64>(run.endUs / 97, 1))
            QCOMPARE(sceneText(*load.run, t), sceneText(run, t));
        QCOMPARE(sceneText(*load.run, run.endUs), sceneText(run, run.endUs));
    }
}

void TstTimelineReader::badCorpusIsComplete()
{
    QCOMPARE(corpusListed(badDir), corpusFiles(badDir));
    QVERIFY(corpusFiles(badDir).size() >= 15);
}

void TstTimelineReader::badCorpus_data()
{
    addCorpusRows(badDir);
}

void TstTimelineReader::badCorpus()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const TimelineLoad load =
        TimelineReader::fromJson(readFile(badDir + QLatin1Char('/') + file), file);
    QVERIFY(!load.run);
    QVERIFY2(load.error.startsWith(expected), qPrintable(load.error));
    QVERIFY2(!load.error.contains(QLatin1Char('\n')), qPrintable(load.error));
}

void TstTimelineReader::tooLarge()
{
    const QByteArray huge(TimelineReader::maxFileBytes + 1, ' ');
    const TimelineLoad load = TimelineReader::fromJson(huge, QStringLiteral("big.json"));
    QVERIFY(!load.run);
    QCOMPARE(load.error, QStringLiteral("big.json: too large (67108865 bytes; a timeline may be "
                                        "at most 64 MiB)"));
}

void TstTimelineReader::tooManyEvents()
{
    QJsonObject root = QJsonDocument::fromJson(readFile(minimalFile)).object();
    root.remove(QStringLiteral("events"));
    QByteArray json = QJsonDocument(root).toJson(QJsonDocument::Compact);
    QByteArray events = "\"events\":[";
    events.reserve(3 * TimelineReader::maxEvents + 16);
    for (int i = 0; i <= TimelineReader::maxEvents; ++i)
        events += i ? ",0" : "0";
    events += "],";
    json.insert(1, events);
    const TimelineLoad load = TimelineReader::fromJson(json, QStringLiteral("many.json"));
    QVERIFY(!load.run);
    QCOMPARE(load.error,
             QStringLiteral("many.json: events: must be an array of at most 1000000 entries, got "
                            "1000001 entries"));
}

void TstTimelineReader::anyWrongTypeIsRefusedCleanly()
{
    // Each value of the minimal file replaced by a value of each other type: never a crash,
    // and either a run or one line naming the path.
    const QJsonObject root = QJsonDocument::fromJson(readFile(minimalFile)).object();
    QVector<QVariantList> paths;
    collectPaths(root, {}, paths);
    QVERIFY(paths.size() > 100);
    const QVector<QJsonValue> replacements = {QJsonValue(),
                                              QJsonValue(true),
                                              QJsonValue(-1),
                                              QJsonValue(1.5),
                                              QJsonValue("x"),
                                              QJsonValue(QJsonArray()),
                                              QJsonValue(QJsonObject()),
                                              QJsonValue(1e300)};
    int refused = 0;
    for (const QVariantList &path : paths) {
        for (const QJsonValue &value : replacements) {
            const TimelineLoad load =
                TimelineReader::fromJson(withValue(root, path, value), QStringLiteral("f.json"));
            if (load.run)
                continue;
            ++refused;
            QVERIFY2(load.error.startsWith(QLatin1String("f.json: ")), qPrintable(load.error));
            QVERIFY2(!load.error.contains(QLatin1Char('\n')), qPrintable(load.error));
        }
    }
    QVERIFY(refused > paths.size() * 4);
}

void TstTimelineReader::anyTruncationIsRefusedCleanly()
{
    const QByteArray full = readFile(minimalFile);
    for (int n = 0; n < full.size() - 2; n += 7) {
        const TimelineLoad load = TimelineReader::fromJson(full.left(n), QStringLiteral("cut"));
        QVERIFY(!load.run);
        QVERIFY2(load.error.startsWith(QLatin1String("cut: ")), qPrintable(load.error));
        QVERIFY(!load.error.contains(QLatin1Char('\n')));
    }
}

void TstTimelineReader::fileErrors()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("missing.json"));
    TimelineLoad load = TimelineReader::fromFile(missing);
    QVERIFY(!load.run);
    QVERIFY2(load.error.startsWith(missing + QStringLiteral(": cannot read (")),
             qPrintable(load.error));
    load = TimelineReader::fromFile(dir.path());
    QCOMPARE(load.error, dir.path() + QStringLiteral(": cannot read (is a directory)"));
    load = TimelineReader::fromFile(badDir + QStringLiteral("/schema-v2.json"));
    QVERIFY(load.error.contains(QLatin1String("unsupported version \"idemlab.timeline/2\"")));
}

void TstTimelineReader::tellsTimelinesFromScenarios()
{
    QVERIFY(TimelineReader::isTimelineFile(minimalFile));
    QVERIFY(TimelineReader::isTimelineFile(badDir + QStringLiteral("/schema-v2.json")));
    QVERIFY(TimelineReader::isTimelineFile(badDir + QStringLiteral("/missing-schema.json")));
    QVERIFY(!TimelineReader::isTimelineFile(badDir + QStringLiteral("/schema-scenario.json")));
    QVERIFY(!TimelineReader::isTimelineFile(badDir + QStringLiteral("/not-json.json")));
    QVERIFY(!TimelineReader::isTimelineFile(dataDir + QStringLiteral("/bad-scenarios")));
    QVERIFY(!TimelineReader::isTimelineFile(dataDir + QStringLiteral("/no-such-file.json")));
}

QTEST_GUILESS_MAIN(TstTimelineReader)
#include "tst_timelinereader.moc"
