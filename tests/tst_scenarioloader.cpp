#include "corpus.h"
#include "scenario/scenarioloader.h"
#include "scenario/scenarioreader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace idem;

namespace {

const QString badDir = QStringLiteral(IDEMLAB_TEST_DATA "/bad-scenarios");

QString minimal(const QString &request)
{
    return QStringLiteral(R"({"name": "t", "title": "T", "description": "D",
        "clients": [{"name": "C"}], "requests": [%1]})")
        .arg(request);
}

} // namespace

class TstScenarioLoader : public QObject
{
    Q_OBJECT

private slots:
    void presetNamesInTruthTableOrder();
    void presetLoads_data();
    void presetLoads();
    void presetByNumber_data();
    void presetByNumber();
    void presetShape_data();
    void presetShape();
    void roundTrip_data();
    void roundTrip();
    void roundTripEdges();
    void defaults();
    void atMsRoundsToMicroseconds_data();
    void atMsRoundsToMicroseconds();
    void badCorpusIsComplete();
    void badCorpus_data();
    void badCorpus();
    void unknownPresetOrFile();
    void missingFile();
    void directory();
    void tooLarge();
    void tooManyDrops();
    void hugeUnknownFieldIsQuotedShort_data();
    void hugeUnknownFieldIsQuotedShort();
    void fileByPath();
};

void TstScenarioLoader::presetNamesInTruthTableOrder()
{
    const QStringList expected = {
        "single-request",
        "missing-key",
        "retry-after-success",
        "retry-while-processing",
        "parallel-same-cluster",
        "parallel-two-clusters",
        "failover-retry",
        "lost-response",
        "burst",
        "payload-mismatch",
        "crash-after-claim",
        "crash-before-consume",
        "lease-too-short",
        "key-expiry",
        "cache-outage",
        "failed-charge",
        "key-collision",
    };
    QCOMPARE(ScenarioLoader::presetNames(), expected);
    QVERIFY(expected.contains(ScenarioLoader::defaultPreset()));
}

void TstScenarioLoader::presetLoads_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : ScenarioLoader::presetNames())
        QTest::addRow("%s", qPrintable(name)) << name;
}

void TstScenarioLoader::presetLoads()
{
    QFETCH(QString, name);
    const ScenarioLoad load = ScenarioLoader::load(name);
    QCOMPARE(load.error, QString());
    QVERIFY(load.scenario);
    QCOMPARE(load.scenario->name, name);
    QVERIFY(!load.scenario->title.isEmpty());
    QVERIFY(!load.scenario->description.isEmpty());
}

void TstScenarioLoader::presetByNumber_data()
{
    QTest::addColumn<QString>("number");
    QTest::addColumn<QString>("name");
    const QStringList names = ScenarioLoader::presetNames();
    for (int i = 0; i < names.size(); ++i)
        QTest::addRow("%d", i + 1) << QString::number(i + 1) << names[i];
}

void TstScenarioLoader::presetByNumber()
{
    QFETCH(QString, number);
    QFETCH(QString, name);
    const ScenarioLoad load = ScenarioLoader::load(number);
    QCOMPARE(load.error, QString());
    QVERIFY(load.scenario);
    QCOMPARE(load.scenario->name, name);
}

// What the truth table needs from each preset: requests, where they go, what is dropped.
void TstScenarioLoader::presetShape_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("clients");
    QTest::addColumn<QStringList>("keys");     // "-" = no key
    QTest::addColumn<QVector<qint64>>("atUs"); // send times
    QTest::addColumn<QStringList>("targets");  // cluster/server, "*" = router's choice
    QTest::addColumn<int>("drops");

    const QStringList k1x2 = {"K1", "K1"};
    QTest::addRow("1") << "single-request" << 1 << QStringList{"K1"} << QVector<qint64>{0}
                       << QStringList{"*/*"} << 0;
    QTest::addRow("2") << "missing-key" << 1 << QStringList{"-"} << QVector<qint64>{0}
                       << QStringList{"*/*"} << 0;
    QTest::addRow("3") << "retry-after-success" << 1 << k1x2 << QVector<qint64>{0, 1'000'000}
                       << QStringList{"*/*", "*/*"} << 0;
    QTest::addRow("4") << "retry-while-processing" << 1 << k1x2 << QVector<qint64>{0, 100'000}
                       << QStringList{"*/*", "*/*"} << 0;
    QTest::addRow("5") << "parallel-same-cluster" << 2 << k1x2 << QVector<qint64>{0, 0}
                       << QStringList{"0/0", "0/1"} << 0;
    QTest::addRow("6") << "parallel-two-clusters" << 2 << k1x2 << QVector<qint64>{0, 0}
                       << QStringList{"0/*", "1/*"} << 0;
    QTest::addRow("7") << "failover-retry" << 1 << k1x2 << QVector<qint64>{0, 5'000'000}
                       << QStringList{"0/*", "1/*"} << 0;
    QTest::addRow("8") << "lost-response" << 1 << QStringList{"K1"} << QVector<qint64>{0}
                       << QStringList{"0/*"} << 1;
    QTest::addRow("9") << "burst" << 1 << QStringList(5, "K1")
                       << QVector<qint64>{0, 500, 1000, 1500, 2000} << QStringList(5, "0/*") << 0;
    QTest::addRow("10") << "payload-mismatch" << 1 << k1x2 << QVector<qint64>{0, 1'000'000}
                        << QStringList{"*/*", "*/*"} << 0;
}

void TstScenarioLoader::presetShape()
{
    QFETCH(QString, name);
    QFETCH(int, clients);
    QFETCH(QStringList, keys);
    QFETCH(QVector<qint64>, atUs);
    QFETCH(QStringList, targets);
    QFETCH(int, drops);

    const auto s = ScenarioLoader::load(name).scenario;
    QVERIFY(s);
    QCOMPARE(int(s->clients.size()), clients);
    QStringList gotKeys;
    QVector<qint64> gotAt;
    QStringList gotTargets;
    for (const RequestSpec &r : s->requests) {
        gotKeys << r.key.value_or(QStringLiteral("-"));
        gotAt << r.atUs;
        gotTargets << QStringLiteral("%1/%2").arg(
            r.cluster < 0 ? QStringLiteral("*") : QString::number(r.cluster),
            r.server < 0 ? QStringLiteral("*") : QString::number(r.server));
        QVERIFY(!r.rawKey);
    }
    QCOMPARE(gotKeys, keys);
    QCOMPARE(gotAt, atUs);
    QCOMPARE(gotTargets, targets);
    QCOMPARE(int(s->drops.size()), drops);
}

void TstScenarioLoader::roundTrip_data()
{
    presetLoads_data();
}

void TstScenarioLoader::roundTrip()
{
    QFETCH(QString, name);
    const auto original = ScenarioLoader::load(name).scenario;
    QVERIFY(original);
    const QJsonObject json = ScenarioLoader::toJson(*original);
    const ScenarioLoad again =
        ScenarioLoader::fromJson(QJsonDocument(json).toJson(), QStringLiteral("round trip"));
    QCOMPARE(again.error, QString());
    QVERIFY(again.scenario);
    QCOMPARE(ScenarioLoader::toJson(*again.scenario), json);
    QCOMPARE(again.scenario->settings, original->settings);
}

void TstScenarioLoader::roundTripEdges()
{
    Scenario s;
    s.name = QStringLiteral("edges");
    s.title = QStringLiteral("Edges");
    s.description = QStringLiteral("Everything optional, set.");
    s.settings.mutex = true;
    s.settings.serversPerCluster = 3;
    s.settings.delayUs = 1'500; // 1.5 ms
    s.settings.loss = 0.25;
    s.settings.replay = ReplayMode::Original;
    s.settings.seed = 42;
    s.clients = {{QStringLiteral("Ann"), 0}, {QStringLiteral("Bob"), 1}};
    RequestSpec a;
    a.id = QStringLiteral("first");
    a.client = 1;
    a.atUs = 1;
    a.rawKey = QString();
    a.cluster = 1;
    a.server = 2;
    a.body = {QStringLiteral("X"), QStringLiteral("Y"), 1'000'000'000};
    RequestSpec b;
    b.id = QStringLiteral("second");
    b.atUs = 86'400'000'000;
    b.key = QStringLiteral("K7");
    b.rawKey = QString(300, QLatin1Char('x'));
    s.requests = {a, b};
    s.drops = {{QStringLiteral("second"), 3, DropPoint::Request}};

    const QJsonObject json = ScenarioLoader::toJson(s);
    const ScenarioLoad again = ScenarioLoader::fromJson(QJsonDocument(json).toJson(), "edges");
    QCOMPARE(again.error, QString());
    const Scenario &t = *again.scenario;
    QCOMPARE(ScenarioLoader::toJson(t), json);
    QCOMPARE(t.settings, s.settings);
    QCOMPARE(t.requests[0].atUs, qint64(1));
    QCOMPARE(t.requests[0].rawKey, std::optional<QString>(QString()));
    QCOMPARE(t.requests[0].key, std::optional<QString>());
    QCOMPARE(t.requests[0].server, 2);
    QCOMPARE(t.requests[1].atUs, qint64(86'400'000'000));
    QCOMPARE(t.drops[0].point, DropPoint::Request);
    QCOMPARE(t.drops[0].attempt, 3);
}

void TstScenarioLoader::defaults()
{
    const ScenarioLoad load = ScenarioLoader::fromJson(
        minimal(R"({"client": "C", "atMs": 0}, {"client": "C", "atMs": 1, "key": null,
                    "server": 2}, {"id": "x", "client": "C", "atMs": 2, "key": "K1"})")
            .toUtf8(),
        "defaults");
    QCOMPARE(load.error, QString());
    const Scenario &s = *load.scenario;
    QCOMPARE(s.settings, Settings());
    QCOMPARE(s.clients[0].region, 0);
    QCOMPARE(s.requests[0].id, QStringLiteral("R1"));
    QCOMPARE(s.requests[1].id, QStringLiteral("R2"));
    QCOMPARE(s.requests[2].id, QStringLiteral("x"));
    QCOMPARE(s.requests[0].key, std::optional<QString>());
    QCOMPARE(s.requests[1].key, std::optional<QString>());
    QCOMPARE(s.requests[2].key, std::optional<QString>(QStringLiteral("K1")));
    QCOMPARE(s.requests[0].rawKey, std::optional<QString>());
    QCOMPARE(s.requests[0].body.from, QStringLiteral("A"));
    QCOMPARE(s.requests[0].body.to, QStringLiteral("B"));
    QCOMPARE(s.requests[0].body.amount, qint64(10));
    QCOMPARE(s.requests[0].cluster, -1);
    QCOMPARE(s.requests[0].server, -1);
    QCOMPARE(s.requests[1].server, 1); // 1-based in the file, 0-based in RequestSpec
    QVERIFY(s.drops.isEmpty());
}

void TstScenarioLoader::atMsRoundsToMicroseconds_data()
{
    QTest::addColumn<QString>("atMs");
    QTest::addColumn<qint64>("atUs");
    QTest::addRow("zero") << "0" << qint64(0);
    QTest::addRow("half") << "0.5" << qint64(500);
    QTest::addRow("down") << "1.2344" << qint64(1234);
    QTest::addRow("up") << "1.2346" << qint64(1235);
    QTest::addRow("exponent") << "5e3" << qint64(5'000'000);
    QTest::addRow("one day") << "86400000" << qint64(86'400'000'000);
}

void TstScenarioLoader::atMsRoundsToMicroseconds()
{
    QFETCH(QString, atMs);
    QFETCH(qint64, atUs);
    const ScenarioLoad load = ScenarioLoader::fromJson(
        minimal(QStringLiteral(R"({"client": "C", "atMs": %1})").arg(atMs)).toUtf8(), "t");
    QCOMPARE(load.error, QString());
    QCOMPARE(load.scenario->requests[0].atUs, atUs);
}

void TstScenarioLoader::badCorpusIsComplete()
{
    QCOMPARE(corpusListed(badDir), corpusFiles(badDir));
    QVERIFY(corpusFiles(badDir).size() >= 20);
}

void TstScenarioLoader::badCorpus_data()
{
    addCorpusRows(badDir);
}

void TstScenarioLoader::badCorpus()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QFile in(badDir + QLatin1Char('/') + file);
    QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(in.errorString()));
    const ScenarioLoad load = ScenarioLoader::fromJson(in.readAll(), file);
    QVERIFY(!load.scenario);
    QCOMPARE(load.error, expected);
}

void TstScenarioLoader::unknownPresetOrFile()
{
    const ScenarioLoad load = ScenarioLoader::load(QStringLiteral("no-such-preset"));
    QVERIFY(!load.scenario);
    QCOMPARE(load.error, QStringLiteral("unknown preset or file \"no-such-preset\" (run "
                                        "'idemlab-cli list' for presets)"));
    QVERIFY(!ScenarioLoader::load(QStringLiteral("18")).scenario); // one past the last preset (17)
    QVERIFY(!ScenarioLoader::load(QStringLiteral("0")).scenario);
    QVERIFY(!ScenarioLoader::load(QString()).scenario);
}

void TstScenarioLoader::missingFile()
{
    const QString path = QStringLiteral(IDEMLAB_TEST_DATA "/no-such-file.json");
    const ScenarioLoad load = ScenarioLoader::fromFile(path);
    QVERIFY(!load.scenario);
    QCOMPARE(load.error, path + QStringLiteral(": cannot read (No such file or directory)"));
}

void TstScenarioLoader::directory()
{
    const ScenarioLoad load = ScenarioLoader::fromFile(badDir);
    QCOMPARE(load.error, badDir + QStringLiteral(": cannot read (is a directory)"));
    QCOMPARE(ScenarioLoader::load(badDir).error, load.error);
}

void TstScenarioLoader::tooLarge()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("big.json"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    QVERIFY(out.resize(16 * 1024 * 1024 + 1));
    out.close();
    QCOMPARE(ScenarioLoader::fromFile(path).error,
             path + QStringLiteral(": too large (16777217 bytes; a scenario may be at most "
                                   "16 MiB)"));
}

void TstScenarioLoader::tooManyDrops()
{
    // Every distinct drop is each request, attempt and message once; one more is refused
    // before any is compared (and duplicates are found through a hash, not a scan).
    QByteArray drops;
    drops.reserve(40 * (ScenarioReader::maxDrops + 1));
    for (int i = 0; i <= ScenarioReader::maxDrops; ++i)
        drops += i ? ",{}" : "{}";
    const QByteArray json = minimal(R"({"client": "C", "atMs": 0})").toUtf8().chopped(1) +
                            ", \"drops\": [" + drops + "]}";
    const ScenarioLoad load = ScenarioLoader::fromJson(json, QStringLiteral("drops.json"));
    QVERIFY(!load.scenario);
    QCOMPARE(load.error, QStringLiteral("drops.json: drops: must be an array of at most 220000 "
                                        "drops (each request, attempt and message once), got "
                                        "220001 drops"));
}

void TstScenarioLoader::hugeUnknownFieldIsQuotedShort_data()
{
    QTest::addColumn<bool>("inSettings");
    QTest::addColumn<QString>("path");
    QTest::addRow("top level") << false << QString();
    QTest::addRow("settings") << true << QStringLiteral("settings");
}

void TstScenarioLoader::hugeUnknownFieldIsQuotedShort()
{
    QFETCH(bool, inSettings);
    QFETCH(QString, path);
    const QByteArray name(1024 * 1024, 'x');
    const QByteArray field = "\"" + name + "\": 1";
    const QByteArray json = inSettings
                                ? minimal(R"({"client": "C", "atMs": 0})").toUtf8().chopped(1) +
                                      ", \"settings\": {" + field + "}}"
                                : "{" + field + "}";
    const ScenarioLoad load = ScenarioLoader::fromJson(json, QStringLiteral("f.json"));
    QVERIFY(!load.scenario);
    const QString quoted =
        QStringLiteral("[\"") + QString(37, QLatin1Char('x')) + QStringLiteral("...\"]: unknown ");
    QVERIFY2(load.error.startsWith(QStringLiteral("f.json: ") + path + quoted),
             qPrintable(load.error));
    QVERIFY2(load.error.size() < 400, qPrintable(load.error.left(400)));
}

void TstScenarioLoader::fileByPath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("mine.json"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(minimal(R"({"client": "C", "atMs": 0, "key": "K1"})").toUtf8());
    out.close();
    const ScenarioLoad load = ScenarioLoader::load(path);
    QCOMPARE(load.error, QString());
    QCOMPARE(load.scenario->name, QStringLiteral("t"));

    // Errors name the file as given.
    const QString bad = badDir + QStringLiteral("/unknown-client.json");
    QVERIFY(ScenarioLoader::load(bad).error.startsWith(bad + QStringLiteral(": requests[")));
}

QTEST_GUILESS_MAIN(TstScenarioLoader)
#include "tst_scenarioloader.moc"
