// idemlab-cli as scripts use it: the commands, --json's schema, exports, and one-line errors.
#include "export/exporter.h"
#include "model/settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(IDEMLAB_CLI), args);
    if (!p.waitForFinished(60'000))
        qFatal("idemlab-cli did not finish");
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QJsonObject runJson(const QStringList &args)
{
    const Run r = cli(QStringList{QStringLiteral("run")} + args + QStringList{"--json"});
    if (r.exitCode != 0)
        qFatal("run failed: %s", r.err.constData());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

} // namespace

class TstCli : public QObject
{
    Q_OBJECT

private slots:
    void listShowsEveryPreset();
    void jsonHasTheDesignSchema();
    void jsonFollowsToggles_data();
    void jsonFollowsToggles();
    void humanReport();
    void exports_data();
    void exports();
    void exportRange();
    void exportWriteFailure();
    void replayTimeline();
    void dbDirKeepsFiles();
    void badInput_data();
    void badInput();
    void runHelp();
    void faultSpecsJoinTheScenario();
    void compareReport();
    void compareJsonAndExport_data();
    void compareJsonAndExport();
    void sweepJsonCsvPlot();
    void sweepShardsMerge();
    void huntSavesAndExports();
    void huntFindingNothingSaysSo();
    void whatIfHelp_data();
    void whatIfHelp();
};

void TstCli::listShowsEveryPreset()
{
    // The ten of the truth table and the seven of its Part 2.
    const Run r = cli({"list"});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 17);
    QVERIFY(lines.first().startsWith("single-request — "));
    QVERIFY(lines.at(9).startsWith("payload-mismatch — "));
    QVERIFY(lines.at(10).startsWith("crash-after-claim — "));
    QVERIFY(lines.last().startsWith("key-collision — "));
}

void TstCli::jsonHasTheDesignSchema()
{
    const QJsonObject o = runJson({"parallel-two-clusters"});
    for (const char *field : {"scenario", "settings", "seed", "responses", "statusCounts",
                              "sideEffects", "anomalies", "stuckKeys", "events"})
        QVERIFY2(o.contains(QLatin1String(field)), field);
    QCOMPARE(o.value("scenario").toString(), QStringLiteral("parallel-two-clusters"));
    const QJsonArray responses = o.value("responses").toArray();
    QCOMPARE(responses.size(), 2);
    for (const QJsonValue &v : responses) {
        const QJsonObject resp = v.toObject();
        for (const char *field :
             {"request", "client", "key", "cluster", "status", "sentUs", "receivedUs"})
            QVERIFY2(resp.contains(QLatin1String(field)), field);
        QCOMPARE(resp.value("key").toString(), QStringLiteral("K1"));
    }
    QCOMPARE(o.value("statusCounts").toObject(), QJsonObject({{"201", 2}}));
    QCOMPARE(o.value("sideEffects").toObject(), QJsonObject({{"K1", 2}}));
    const QJsonObject anomaly = o.value("anomalies").toArray().first().toObject();
    QCOMPARE(anomaly.value("type").toString(), QStringLiteral("DUPLICATE_EFFECT"));
    QCOMPARE(anomaly.value("key").toString(), QStringLiteral("K1"));
    QCOMPARE(anomaly.value("count").toInt(), 2);
    QVERIFY(o.value("events").toInt() > 10);
}

void TstCli::jsonFollowsToggles_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QJsonObject>("statusCounts");
    QTest::addColumn<int>("anomalies");
    QTest::addRow("5 mutex on") << QStringList{"5", "--mutex", "on"}
                                << QJsonObject{{"201", 1}, {"409", 1}} << 0;
    QTest::addRow("6 cache on") << QStringList{"6", "--cache", "on"}
                                << QJsonObject{{"201", 1}, {"409", 1}} << 0;
    QTest::addRow("7 cache on") << QStringList{"failover-retry", "--cache", "on"}
                                << QJsonObject{{"201", 1}, {"200", 1}} << 0;
    QTest::addRow("8 lost response")
        << QStringList{"lost-response"} << QJsonObject{{"200", 1}, {"timeout", 1}} << 0;
    QTest::addRow("9 burst, mutex on")
        << QStringList{"burst", "--mutex", "on"} << QJsonObject{{"201", 1}, {"409", 4}} << 0;
    QTest::addRow("3 replay original")
        << QStringList{"3", "--replay", "original"} << QJsonObject{{"201", 2}} << 0;
    // A long op keeps the first request running when the retry comes: 409 instead of 200.
    QTest::addRow("3 slow op") << QStringList{"3", "--op-ms", "2000", "--timeout-ms", "5000"}
                               << QJsonObject{{"201", 1}, {"409", 1}} << 0;
}

void TstCli::jsonFollowsToggles()
{
    QFETCH(QStringList, args);
    QFETCH(QJsonObject, statusCounts);
    QFETCH(int, anomalies);
    const QJsonObject o = runJson(args);
    QCOMPARE(o.value("statusCounts").toObject(), statusCounts);
    QCOMPARE(o.value("anomalies").toArray().size(), anomalies);
}

void TstCli::humanReport()
{
    const Run r = cli({"run", "parallel-same-cluster"});
    QCOMPARE(r.exitCode, 0);
    const QString text = QString::fromUtf8(r.out);
    QVERIFY(text.contains(QLatin1String("Requests")));
    QVERIFY(text.contains(QLatin1String("201 Created")));
    QVERIFY(text.contains(QLatin1String("Verdict: DUPLICATE EFFECT: key K1 charged 2 times")));
    QVERIFY(r.err.isEmpty());
}

void TstCli::exports_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("start");
    QTest::addRow("json") << "t.json" << QByteArray("{");
    QTest::addRow("csv") << "t.csv" << QByteArray("seq,t_us,");
    QTest::addRow("mermaid") << "t.mmd" << QByteArray("sequenceDiagram");
    QTest::addRow("plantuml") << "t.puml" << QByteArray("@startuml\n");
    QTest::addRow("svg") << "t.svg" << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    QTest::addRow("html") << "t.html" << QByteArray("<!DOCTYPE html>\n");
    QTest::addRow("upper case") << "T.SVG" << QByteArray("<?xml");
}

void TstCli::exports()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, start);
    QTemporaryDir dir;
    const QString path = dir.filePath(file);
    const Run r = cli({"run", "6", "--export", path});
    QCOMPARE(r.exitCode, 0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray content = f.readAll();
    QVERIFY2(content.startsWith(start), content.left(40).constData());
    if (file.endsWith(QLatin1String(".json")))
        QCOMPARE(QJsonDocument::fromJson(content).object().value("schema").toString(),
                 QStringLiteral("idemlab.timeline/1"));
}

void TstCli::exportRange()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("part.json"));
    const Run r =
        cli({"run", "lost-response", "--from-ms", "300", "--to-ms", "1100.5", "--export", path});
    QCOMPARE(r.exitCode, 0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(o.value("range").toObject(), QJsonObject({{"fromUs", 300'000}, {"toUs", 1'100'500}}));
    const QJsonArray events = o.value("events").toArray();
    QVERIFY(events.size() > 5);
    for (const QJsonValue &e : events) {
        const qint64 t = e.toObject().value("t").toInteger();
        QVERIFY(t >= 300'000 && t <= 1'100'500);
    }
    // The same range in the other formats: the retry is in, the first request is not.
    const QString mmd = dir.filePath(QStringLiteral("part.mmd"));
    QCOMPARE(cli({"run", "8", "--from-ms", "300", "--to-ms", "1100", "--export", mmd}).exitCode, 0);
    QFile m(mmd);
    QVERIFY(m.open(QIODevice::ReadOnly));
    const QByteArray text = m.readAll();
    QVERIFY(text.contains("%% events from 300000 to 1100000"));
    QVERIFY(text.contains("R--xC1: 201 K1 (lost)"));
    QVERIFY(!text.contains("SELECT K1\n    DBA-->>A1: key K1 not in DB A\n"));
}

void TstCli::exportWriteFailure()
{
    // A path under a regular file fails for every user, root included; exit code 1.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("plain"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep\n");
    }
    const QString path = file + QStringLiteral("/t.svg");
    const Run r = cli({"run", "6", "--json", "--export", path});
    QCOMPARE(r.exitCode, 1);
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.startsWith(QStringLiteral("idemlab-cli: cannot write \"%1\": ").arg(path)),
             qPrintable(err));
    QCOMPARE(err.count(QLatin1Char('\n')), 1);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("keep\n"));
}

void TstCli::replayTimeline()
{
    QTemporaryDir dir;
    const QString timeline = dir.filePath(QStringLiteral("run.json"));
    const Run first = cli({"run", "parallel-two-clusters", "--json", "--export", timeline});
    QCOMPARE(first.exitCode, 0);

    // Replayed as recorded: the same summary, and exporting it again gives the same bytes.
    const QString again = dir.filePath(QStringLiteral("again.json"));
    const Run replay = cli({"run", timeline, "--json", "--export", again});
    QCOMPARE(replay.exitCode, 0);
    QCOMPARE(replay.out, first.out);
    QFile a(timeline);
    QFile b(again);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(b.readAll(), a.readAll());

    // The human report, and a part of it in another format.
    const Run report = cli({"run", timeline});
    QCOMPARE(report.exitCode, 0);
    QVERIFY(report.out.contains("Verdict: DUPLICATE EFFECT: key K1 charged 2 times"));
    const QString part = dir.filePath(QStringLiteral("part.puml"));
    QCOMPARE(cli({"run", timeline, "--to-ms", "25", "--export", part}).exitCode, 0);
    QFile p(part);
    QVERIFY(p.open(QIODevice::ReadOnly));
    const QByteArray puml = p.readAll();
    QVERIFY(puml.contains("' events from 0 to 25000"));
    QVERIFY(!puml.contains("201 K1"));
}

void TstCli::dbDirKeepsFiles()
{
    QTemporaryDir dir;
    const Run r = cli({"run", "parallel-two-clusters", "--db-dir", dir.path()});
    QCOMPARE(r.exitCode, 0);
    for (const char *file : {"cluster-a.sqlite", "cluster-b.sqlite"}) {
        const QString name = QStringLiteral("tst-cli-read");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(dir.filePath(QLatin1String(file)));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM ledger")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 2); // both charges, each replicated to the other DB
        }
        QSqlDatabase::removeDatabase(name);
    }
}

void TstCli::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString bad = QStringLiteral(IDEMLAB_TEST_DATA "/bad-scenarios/unknown-client.json");
    QTest::addRow("no command") << QStringList{} << "Usage: idemlab-cli";
    QTest::addRow("unknown command")
        << QStringList{"frobnicate"} << "idemlab-cli: unknown command \"frobnicate\"";
    QTest::addRow("run without scenario") << QStringList{"run"} << "run needs a preset";
    QTest::addRow("unknown preset")
        << QStringList{"run", "nosuch"} << "unknown preset or file \"nosuch\"";
    QTest::addRow("bad toggle") << QStringList{"run", "6", "--mutex", "maybe"}
                                << "--mutex takes on or off, got \"maybe\"";
    QTest::addRow("negative delay") << QStringList{"run", "6", "--delay-ms", "-1"}
                                    << "--delay-ms must be between 0 and 3600000 ms, got -1";
    QTest::addRow("unknown option") << QStringList{"run", "6", "--turbo"} << "turbo";
    QTest::addRow("two scenarios") << QStringList{"run", "5", "6"} << "run takes one scenario";
    QTest::addRow("bad export format")
        << QStringList{"run", "6", "--export", "x.pdf"} << "cannot export to \"x.pdf\"";
    QTest::addRow("no export extension")
        << QStringList{"run", "6", "--export", "timeline"}
        << "cannot export to \"timeline\": no file extension (expected one of: ." +
               idem::Exporter::formats().join(QStringLiteral(", .")) + ")";
    QTest::addRow("png export")
        << QStringList{"run", "6", "--export", "x.png"}
        << "cannot export to \"x.png\": a PNG is a picture of the scene, drawn by the app (use: "
           "idemlab --screenshot x.png --at-ms T)";
    QTest::addRow("range not a number")
        << QStringList{"run", "6", "--from-ms", "soon"}
        << "--from-ms takes a time in ms (a number ≥ 0), got \"soon\"";
    QTest::addRow("range nan") << QStringList{"run", "6", "--to-ms", "nan"}
                               << "--to-ms takes a time in ms (a number ≥ 0), got \"nan\"";
    QTest::addRow("range negative") << QStringList{"run", "6", "--from-ms", "-1"}
                                    << "--from-ms takes a time in ms (a number ≥ 0), got \"-1\"";
    QTest::addRow("range infinite") << QStringList{"run", "6", "--to-ms", "inf"}
                                    << "--to-ms takes a time in ms (a number ≥ 0), got \"inf\"";
    QTest::addRow("bad timeline file")
        << QStringList{"run", QStringLiteral(IDEMLAB_TEST_DATA "/bad-timelines/schema-v2.json")}
        << "schema-v2.json: schema: unsupported version \"idemlab.timeline/2\" (this version "
           "reads \"idemlab.timeline/1\")";
    QTest::addRow("timeline with override")
        << QStringList{"run", QStringLiteral(IDEMLAB_TEST_DATA "/timelines/minimal.json"),
                       "--mutex", "on"}
        << "--mutex: a timeline replays a recorded run as it was; overrides apply to scenarios "
           "only";
    QTest::addRow("backwards range") << QStringList{"run", "6", "--from-ms", "5", "--to-ms", "1"}
                                     << "--from-ms must not be after --to-ms";
    QTest::addRow("bad scenario file")
        << QStringList{"run", bad} << "unknown-client.json: requests[1].client: unknown client";
    QTest::addRow("bench zero") << QStringList{"bench", "--requests", "0"}
                                << "--requests takes a whole number";
    QTest::addRow("list with args") << QStringList{"list", "x"} << "list takes no arguments";
    QTest::addRow("bad protocol choice")
        << QStringList{"run", "16", "--error-policy", "retry"}
        << "--error-policy must be \"store\" or \"release\", got \"retry\"";
    QTest::addRow("fault of no kind")
        << QStringList{"run", "1", "--fault", "explode:request=1"}
        << "--fault \"explode:request=1\": unknown kind \"explode\" (expected crash, "
           "cache-down, partition, duplicate, fail, drop-replica or duplicate-replica)";
    QTest::addRow("replication fault from no cluster")
        << QStringList{"run", "7", "--fault", "drop-replica:from=C"}
        << "--fault \"drop-replica:from=C\": from: must be \"A\" or \"B\", got \"C\"";
    QTest::addRow("replication fault without its cluster")
        << QStringList{"run", "7", "--fault", "duplicate-replica:nth=2"}
        << "--fault \"duplicate-replica:nth=2\": from: missing (expected the cluster that "
           "sends the message: \"A\" or \"B\")";
    QTest::addRow("replication fault by place and time")
        << QStringList{"run", "7", "--fault", "drop-replica:from=A:nth=2:at-ms=5"}
        << "--fault \"drop-replica:from=A:nth=2:at-ms=5\": nth: is not allowed with atMs";
    QTest::addRow("replication fault nth zero")
        << QStringList{"run", "7", "--fault", "drop-replica:from=A:nth=0"}
        << "--fault \"drop-replica:from=A:nth=0\": nth: must be a whole number from 1 to "
           "1000000 (1 = the first replication message the cluster sends), got 0";
    QTest::addRow("fault on an unknown server")
        << QStringList{"run", "1", "--fault", "crash:server-z9:after=claim:request=1"}
        << "--fault \"crash:server-z9:after=claim:request=1\": server: must be a server id "
           "(server-a1, server-a2, server-b1, server-b2), got \"server-z9\"";
    QTest::addRow("fault on an unknown request")
        << QStringList{"run", "1", "--fault", "fail:request=R7"}
        << "--fault \"fail:request=R7\": request: unknown request \"R7\" (request ids are: R1)";
    QTest::addRow("fault field twice")
        << QStringList{"run", "1", "--fault", "fail:request=1:request=1"}
        << "--fault \"fail:request=1:request=1\": \"request\" given twice";
    QTest::addRow("crash at a time and after a step")
        << QStringList{"run", "1", "--fault", "crash:server-a1:at-ms=5:after=claim"}
        << "--fault \"crash:server-a1:at-ms=5:after=claim\": after: is not allowed with atMs";
    QTest::addRow("fault field unknown")
        << QStringList{"run", "1", "--fault", "fail:request=1:when=now"}
        << "--fault \"fail:request=1:when=now\": unknown field \"when\"";
    QTest::addRow("compare bad left")
        << QStringList{"compare", "5", "--left", "--mutx on", "--right", "--mutex on"}
        << "--left \"--mutx on\": Unknown option 'mutx' (expected overrides as 'run' takes "
           "them: --mutex on|off, --cache on|off,";
    QTest::addRow("compare bad right value")
        << QStringList{"compare", "5", "--right", "--lag-ms soon"}
        << "--right \"--lag-ms soon\": --lag-ms takes N, got \"soon\"";
    QTest::addRow("compare without scenario")
        << QStringList{"compare", "--left", "--mutex on"} << "compare needs a preset";
    QTest::addRow("compare export format")
        << QStringList{"compare", "5", "--export", "c.png"}
        << "--export c.png: a comparison is exported as .svg or .html, got \".png\"";
    QTest::addRow("compare left twice")
        << QStringList{"compare", "5", "--left", "--mutex on", "--left", "--cache on"}
        << "--left given 2 times; give all its overrides in one argument";
    QTest::addRow("sweep unknown setting")
        << QStringList{"sweep", "7", "--vary", "lagg=0:10:1", "--trials", "2"}
        << "--vary \"lagg=0:10:1\": unknown setting \"lagg\"";
    QTest::addRow("sweep step 0") << QStringList{"sweep",         "7",        "--vary",
                                                 "lag-ms=0:10:0", "--trials", "2"}
                                  << "STEP must be above 0, got 0";
    QTest::addRow("sweep three axes")
        << QStringList{"sweep",        "7",      "--vary",       "lag-ms=0,1", "--vary",
                       "mutex=off,on", "--vary", "cache=off,on", "--trials",   "2"}
        << "--vary given 3 times; a sweep varies one or two settings";
    QTest::addRow("sweep without trials")
        << QStringList{"sweep", "7", "--vary", "lag-ms=0,1"} << "sweep needs --trials N";
    QTest::addRow("sweep trials zero")
        << QStringList{"sweep", "7", "--vary", "lag-ms=0,1", "--trials", "0"}
        << "--trials takes a whole number from 1 to 1000000, got \"0\"";
    QTest::addRow("sweep bad shard")
        << QStringList{"sweep", "7", "--vary", "lag-ms=0,1", "--trials", "2", "--shard", "3/2"}
        << "--shard takes K/N with 1 ≤ K ≤ N (e.g. 2/8), got \"3/2\"";
    QTest::addRow("sweep with seed")
        << QStringList{"sweep", "7", "--vary", "lag-ms=0,1", "--trials", "2", "--seed", "4"}
        << "--seed: a sweep's trials run seeds S, S+1, ... (expected --seed-from S)";
    QTest::addRow("sweep plot format")
        << QStringList{"sweep", "7", "--vary", "lag-ms=0,1", "--trials", "2", "--plot", "p.pdf"}
        << "--plot p.pdf: the plot is written as .svg or .png, got \".pdf\"";
    QTest::addRow("merge nothing")
        << QStringList{"sweep", "--merge"} << "sweep --merge needs the parts' JSON files";
    QTest::addRow("merge a missing file")
        << QStringList{"sweep", "--merge", "/nonexistent/part.json"}
        << "/nonexistent/part.json: cannot read";
    QTest::addRow("hunt bad invariant")
        << QStringList{"hunt", "9", "--invariant", "double"}
        << "--invariant: the invariant is duplicate, stuck, collision or any, not \"double\"";
    QTest::addRow("hunt budget zero") << QStringList{"hunt", "9", "--budget", "0"}
                                      << "--budget takes a whole number from 1 to 10000000";
    QTest::addRow("hunt save not json")
        << QStringList{"hunt", "9", "--save", "out.txt"}
        << "--save \"out.txt\": a scenario file is written as .json";
    QTest::addRow("hunt export format")
        << QStringList{"hunt", "9", "--export", "out.doc"} << "out.doc";
    QTest::addRow("hunt with seed")
        << QStringList{"hunt", "9", "--seed", "3"} << "--seed: a hunt tries seeds S, S+1, ...";
    QTest::addRow("hunt without scenario") << QStringList{"hunt"} << "hunt needs a preset";
    QTest::addRow("merge with vary")
        << QStringList{"sweep", "--merge", "--vary", "lag-ms=0,1", "x.json"}
        << "--merge joins finished parts; --vary belongs to the sweep that made them";
#ifdef IDEMLAB_HAS_LIVE_TESTS
    // serve --cluster: one cluster per process (nothing starts: every check comes first).
    const QString peer = QStringLiteral("http://127.0.0.1:1");
    QTest::addRow("serve cluster C")
        << QStringList{"serve", "--cluster", "C", "--port", "0", "--peer", peer}
        << "--cluster takes A or B, got \"C\"";
    QTest::addRow("serve cluster without port")
        << QStringList{"serve", "--cluster", "a", "--peer", peer} << "--cluster needs --port N";
    QTest::addRow("serve cluster bad port")
        << QStringList{"serve", "--cluster", "A", "--port", "70000", "--peer", peer}
        << "--port takes a port number from 0 (any free port) to 65535, got \"70000\"";
    QTest::addRow("serve cluster without peer")
        << QStringList{"serve", "--cluster", "B", "--port", "0"}
        << "--cluster needs --peer http://HOST:PORT, the "
           "other cluster's process (or --replication "
           "off to run without one)";
    QTest::addRow("serve peer not http")
        << QStringList{"serve", "--cluster", "A", "--port", "0", "--peer", "https://h:1"}
        << "--peer takes the other cluster's address as http://HOST:PORT (e.g. "
           "http://127.0.0.1:8082), got \"https://h:1\"";
    QTest::addRow("serve peer without port")
        << QStringList{"serve", "--cluster", "A", "--port", "0", "--peer", "http://h"}
        << "got \"http://h\" (no port)";
    QTest::addRow("serve peer with a path")
        << QStringList{"serve", "--cluster", "A", "--port", "0", "--peer", "http://h:1/x"}
        << "(nothing may follow the port)";
    QTest::addRow("serve port-a with cluster")
        << QStringList{"serve", "--cluster", "A", "--port-a", "1", "--port", "0", "--peer", peer}
        << "--port-a is for the embedded two-cluster serve; with --cluster give the cluster's "
           "port as --port N";
    QTest::addRow("serve crash after no step")
        << QStringList{"serve", "--crash-after", "explode"}
        << "--crash-after takes STEP[:N], STEP one of claim, charge, consume, respond and N "
           "the how-many-th time from 1 to 1000000 (e.g. charge:2), got \"explode\"";
    QTest::addRow("serve crash after zeroth")
        << QStringList{"serve", "--cluster",     "A",      "--port", "0", "--peer",
                       peer,    "--crash-after", "claim:0"}
        << "got \"claim:0\"";
    QTest::addRow("serve peer without cluster")
        << QStringList{"serve", "--peer", peer} << "--peer goes with --cluster A|B";
    QTest::addRow("serve port without cluster")
        << QStringList{"serve", "--port", "1"} << "--port goes with --cluster A|B";
#endif
}

void TstCli::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = cli(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(message), qPrintable(err));
    if (!args.isEmpty()) // the bare command prints the usage text
        QCOMPARE(err.count(QLatin1Char('\n')), 1);
}

void TstCli::faultSpecsJoinTheScenario()
{
    // Preset 1 with a crash after the claim and a lease: the retry takes it over, and the
    // report and --json say so; the same spec twice is two faults, in the timeline export.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.json"));
    const Run r = cli({"run", "single-request", "--fault",
                       "crash:server-a1:after=claim:request=1:down-ms=5000", "--lease-ms", "500",
                       "--retries", "1", "--json", "--export", path});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value("settings").toObject().value("leaseMs").toInt(), 500);
    QCOMPARE(o.value("statusCounts").toObject().value("201").toInt(), 1);
    QCOMPARE(o.value("statusCounts").toObject().value("timeout").toInt(), 1);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject timeline = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonArray faults = timeline.value("scenario").toObject().value("faults").toArray();
    QCOMPARE(faults.size(), 1);
    QCOMPARE(faults.at(0).toObject().value("server").toString(), QStringLiteral("server-a1"));
    QCOMPARE(faults.at(0).toObject().value("request").toString(), QStringLiteral("R1"));
    bool takeover = false;
    for (const QJsonValue &e : timeline.value("events").toArray())
        takeover =
            takeover || e.toObject().value("label").toString() == QLatin1String("TAKEOVER K1");
    QVERIFY(takeover);

    // Lease off: the key is stuck, and the anomaly is in --json.
    const Run stuck = cli({"run", "single-request", "--fault",
                           "crash:server-a1:after=claim:request=1", "--retries", "1", "--json"});
    QCOMPARE(stuck.exitCode, 0);
    const QJsonArray anomalies =
        QJsonDocument::fromJson(stuck.out).object().value("anomalies").toArray();
    QCOMPARE(anomalies.size(), 1);
    QCOMPARE(anomalies.at(0).toObject().value("type").toString(), QStringLiteral("STUCK_KEY"));
}

void TstCli::runHelp()
{
    // `run --help` is the run command's own help (the general help points to it): its
    // arguments, every format of the exporter's table and every override of the settings.
    const Run r = cli({"run", "--help"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.err.isEmpty());
    const QString text = QString::fromUtf8(r.out);
    QVERIFY2(text.startsWith(QLatin1String("Usage: idemlab-cli run <preset|file.json>")),
             qPrintable(text));
    QVERIFY(!text.contains(QLatin1String("Commands:")));
    for (const char *option :
         {"--json", "--export <FILE>", "--from-ms <T>", "--to-ms <T>", "--db-dir <DIR>",
          "--fault <SPEC>", "crash:SERVER:after=claim|charge|consume|respond",
          "drop-replica:from=A|B[:nth=N|:at-ms=T]", "duplicate-replica:from=A|B"})
        QVERIFY2(text.contains(QLatin1String(option)), option);
    for (const idem::ExportFormat &f : idem::Exporter::table())
        QVERIFY2(text.contains(QStringLiteral(".%1 (%2)").arg(f.suffix, f.name)),
                 qPrintable(f.suffix));
    for (const idem::SettingInfo &info : idem::settingInfos())
        if (!info.flag.isEmpty())
            QVERIFY2(text.contains(QStringLiteral("--%1 <%2>").arg(info.flag, info.valueName)),
                     qPrintable(info.flag));
    QCOMPARE(cli({"run", "6", "-h"}).out, r.out);
}

void TstCli::compareReport()
{
    // Preset 5, mutex off against on: where the runs part, and the two verdicts.
    const Run r = cli({"compare", "5", "--left", "--mutex off", "--right", "--mutex on"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.err.isEmpty());
    const QString text = QString::fromUtf8(r.out);
    QVERIFY2(text.contains(QLatin1String("First difference: event #")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("left:  DUPLICATE EFFECT")));
    QVERIFY(text.contains(QLatin1String("right: OK")));
    QVERIFY(text.contains(QLatin1String("Responses (left | right)")));
    // The same settings on both sides: no difference.
    const Run same = cli({"compare", "5", "--mutex", "on"});
    QCOMPARE(same.exitCode, 0);
    QVERIFY(same.out.contains("No difference: both runs log the same"));
}

void TstCli::compareJsonAndExport_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("start");
    QTest::addRow("svg") << "c.svg" << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    QTest::addRow("html") << "c.html" << QByteArray("<!DOCTYPE html>\n");
}

void TstCli::compareJsonAndExport()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, start);
    QTemporaryDir dir;
    const QString path = dir.filePath(file);
    const Run r = cli({"compare", "parallel-two-clusters", "--left", "--cache off", "--right",
                       "--cache on", "--json", "--export", path});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value("scenario").toString(), QStringLiteral("parallel-two-clusters"));
    QVERIFY(o.value("divergence").toObject().value("event").toInt() > 0);
    QCOMPARE(o.value("left").toObject().value("ok").toBool(), false);
    QCOMPARE(o.value("right").toObject().value("ok").toBool(), true);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray content = f.readAll();
    QVERIFY(content.startsWith(start));
    QVERIFY(content.contains("first difference"));
}

void TstCli::sweepJsonCsvPlot()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("s.csv"));
    const QString plot = dir.filePath(QStringLiteral("s.svg"));
    const Run r = cli({"sweep", "failover-retry", "--vary", "lag-ms=1000,9000", "--trials", "2",
                       "--json", "--csv", csv, "--plot", plot});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.err.isEmpty()); // no progress line outside a terminal
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value("schema").toString(), QStringLiteral("idemlab.sweep/1"));
    const QJsonArray points = o.value("points").toArray();
    QCOMPARE(points.size(), 2);
    const auto share = [&](int i) {
        return points[i]
            .toObject()
            .value("anomalies")
            .toObject()
            .value("any")
            .toObject()
            .value("share");
    };
    QCOMPARE(share(0).toDouble(), 0.0);
    QCOMPARE(share(1).toDouble(), 1.0);
    QFile c(csv);
    QVERIFY(c.open(QIODevice::ReadOnly));
    QVERIFY(c.readAll().startsWith("lag-ms,trials,any,any_low,any_high,"));
    QFile p(plot);
    QVERIFY(p.open(QIODevice::ReadOnly));
    QVERIFY(p.readAll().contains("Replication lag (ms)"));
    // The text report: a line per point.
    const Run text = cli({"sweep", "7", "--vary", "lag-ms=1000,9000", "--trials", "2"});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.startsWith("sweep failover-retry: 2 points × 2 trials (seeds 1 to 2)\n"));
}

void TstCli::sweepShardsMerge()
{
    // Three shards on their own, joined by --merge: byte for byte the one-run --json.
    const QStringList sweep{"sweep",        "burst",    "--vary", "jitter-ms=0,5", "--vary",
                            "mutex=off,on", "--trials", "5",      "--json"};
    const Run whole = cli(sweep + QStringList{"--jobs", "1"});
    QCOMPARE(whole.exitCode, 0);
    QCOMPARE(cli(sweep + QStringList{"--jobs", "2"}).out, whole.out);
    QTemporaryDir dir;
    QStringList parts;
    for (int k = 1; k <= 3; ++k) {
        const Run part = cli(sweep + QStringList{"--shard", QStringLiteral("%1/3").arg(k)});
        QCOMPARE(part.exitCode, 0);
        const QString path = dir.filePath(QStringLiteral("part%1.json").arg(k));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(part.out);
        parts << path;
    }
    const Run merged = cli(QStringList{"sweep", "--merge"} + parts + QStringList{"--json"});
    QCOMPARE(merged.exitCode, 0);
    QCOMPARE(merged.out, whole.out);
    const Run missing = cli({"sweep", "--merge", parts[0], parts[2]});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("shards missing: 2/3"));
}

void TstCli::huntSavesAndExports()
{
    // Preset 9 with the mutex off: the hunt shrinks the five copies to two; the saved file
    // runs with the same double charge, and the export is the narrated page of that run.
    QTemporaryDir dir;
    const QString saved = dir.filePath(QStringLiteral("smallest.json"));
    const QString page = dir.filePath(QStringLiteral("smallest.html"));
    const Run r = cli({"hunt", "burst", "--mutex", "off", "--save", saved, "--export", page});
    QCOMPARE(r.exitCode, 0);
    const QString text = QString::fromUtf8(r.out);
    QVERIFY2(text.contains(QLatin1String("burst shows an anomaly in run 1 of 1000")),
             qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("dropped request R5")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Smallest failure (seed 1): 2 requests, 1 client")),
             qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("DUPLICATE EFFECT: key K1 charged 2 times")),
             qPrintable(text));
    const QJsonObject o = runJson({saved});
    QCOMPARE(o.value("scenario").toString(), QStringLiteral("burst-hunted"));
    QCOMPARE(o.value("responses").toArray().size(), 2);
    QCOMPARE(o.value("anomalies").toArray().size(), 1);
    QFile html(page);
    QVERIFY(html.open(QIODevice::ReadOnly));
    const QByteArray body = html.readAll();
    QVERIFY(body.startsWith("<!DOCTYPE html>"));
    QVERIFY(body.contains("Smallest failure"));

    const Run json = cli({"hunt", "burst", "--mutex", "off", "--json"});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject h = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(h.value("schema").toString(), QStringLiteral("idemlab.hunt/1"));
    QVERIFY(h.value("found").toBool());
    QCOMPARE(h.value("minimal").toObject().value("requests").toArray().size(), 2);
    QCOMPARE(h.value("steps").toArray().size(), 4);
}

void TstCli::huntFindingNothingSaysSo()
{
    QTemporaryDir dir;
    const QString saved = dir.filePath(QStringLiteral("smallest.json"));
    const Run r = cli({"hunt", "burst", "--mutex", "on", "--invariant", "duplicate", "--budget",
                       "200", "--save", saved});
    QCOMPARE(r.exitCode, 0);
    const QString text = QString::fromUtf8(r.out);
    QVERIFY2(text.contains(QLatin1String("burst never charges a key more than once within the "
                                         "budget (200 runs)")),
             qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("This is not a proof that the design is safe")),
             qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("nothing was saved")), qPrintable(text));
    QVERIFY(!QFile::exists(saved));
}

void TstCli::whatIfHelp_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("mentions");
    QTest::addRow("compare") << "compare"
                             << QStringList{"Usage: idemlab-cli compare <preset|file>",
                                            "--left <OVERRIDES>",
                                            "--right <OVERRIDES>",
                                            "--json",
                                            "--export <FILE>",
                                            "--mutex <on|off>"};
    QTest::addRow("sweep") << "sweep"
                           << QStringList{"Usage: idemlab-cli sweep <preset|file>",
                                          "--vary <NAME=VALUES>",
                                          "--trials <N>",
                                          "--seed-from <S>",
                                          "--jobs <N>",
                                          "--shard <K/N>",
                                          "--merge",
                                          "--csv <FILE>",
                                          "--plot <FILE>",
                                          "NAME=FROM:TO:STEP"};
    QTest::addRow("hunt") << "hunt"
                          << QStringList{"Usage: idemlab-cli hunt <preset|file>",
                                         "--invariant <WHAT>",
                                         "--budget <N>",
                                         "--save <FILE.json>",
                                         "--export <FILE>",
                                         "not a proof of safety"};
}

void TstCli::whatIfHelp()
{
    QFETCH(QString, command);
    QFETCH(QStringList, mentions);
    const Run r = cli({command, "--help"});
    QCOMPARE(r.exitCode, 0);
    const QString text = QString::fromUtf8(r.out);
    for (const QString &m : mentions)
        QVERIFY2(text.contains(m), qPrintable(m));
    QVERIFY(cli({"--help"}).out.contains(command.toUtf8() + " <preset|file>"));
}

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
