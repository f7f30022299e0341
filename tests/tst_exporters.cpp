// The exporters against a hand-built run, so they are tested apart from the engine.

#include "export/csvexporter.h"
#include "export/exporter.h"
#include "export/htmlexporter.h"
#include "export/mermaidexporter.h"
#include "export/plantumlexporter.h"
#include "export/svgexporter.h"
#include "export/timelineexporter.h"
#include "exportfixtures.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <optional>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#endif

using namespace idem;

namespace {

QJsonObject parseObject(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qWarning() << "JSON parse error:" << error.errorString() << "at" << error.offset;
    return doc.object();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class TstExporters : public QObject
{
    Q_OBJECT

private slots:
    void formats();
    void renderPicksFormatByExtension_data();
    void renderPicksFormatByExtension();
    void timelineHasSchemaAndEveryEvent();
    void timelineHasAttemptsDatabasesAndVerdict();
    void renderingTwiceGivesSameBytes_data();
    void renderingTwiceGivesSameBytes();
    void rangeFiltersEvents_data();
    void rangeFiltersEvents();
    void csvRoundTripsEveryField();
    void mermaidStructure();
    void mermaidLinesUseDocumentedSyntaxOnly();
    void plantUmlStructure();
    void plantUmlEscapesMarkup();
    void svgStructure();
    void svgAndHtmlStayWellFormed();
    void htmlIsSelfContained();
    void rangeAppliesToEveryFormat();
    void writeCreatesFile();
    void writeUnknownFormatLeavesFileAlone();
    void writeIntoMissingDirectoryFails();
    void writeUnderARegularFileFails();
    void failedWriteKeepsExistingFile();
};

void TstExporters::formats()
{
    // The one table of formats: each row complete, its suffix unique and lower case, found
    // in any case, and its writer the one Exporter::render() picks for that extension.
    QStringList seen;
    for (const ExportFormat &f : Exporter::table()) {
        QVERIFY(!f.suffix.isEmpty() && f.suffix == f.suffix.toLower());
        QVERIFY2(!seen.contains(f.suffix), qPrintable(f.suffix));
        seen << f.suffix;
        QVERIFY(!f.name.isEmpty());
        QVERIFY(!f.description.isEmpty() && !f.description.contains(QLatin1Char('\n')));
        QVERIFY(f.render);
        QCOMPARE(Exporter::find(f.suffix.toUpper()), &f);
        QString error;
        const auto bytes =
            Exporter::render(sampleRun(), QStringLiteral("run.") + f.suffix, {}, &error);
        QVERIFY2(bytes, qPrintable(error));
        QCOMPARE(*bytes, f.render(sampleRun(), {}));
    }
    QCOMPARE(Exporter::formats(), seen);
    QVERIFY(!Exporter::find(QStringLiteral("png")));
    QVERIFY(!Exporter::find(QString()));
}

void TstExporters::renderPicksFormatByExtension_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("prefix"); // empty = expect an error
    QTest::addColumn<QString>("error");

    const QString expected = QStringLiteral("(expected one of: .%1)")
                                 .arg(Exporter::formats().join(QStringLiteral(", .")));
    QTest::addRow("json") << "run.json" << QByteArray("{\n") << QString();
    QTest::addRow("JSON upper case") << "/tmp/RUN.JSON" << QByteArray("{\n") << QString();
    QTest::addRow("two dots") << "run.v2.json" << QByteArray("{\n") << QString();
    QTest::addRow("csv") << "out/run.csv" << QByteArray("seq,t_us,") << QString();
    QTest::addRow("mmd") << "run.Mmd" << QByteArray("sequenceDiagram\n") << QString();
    QTest::addRow("puml") << "run.puml" << QByteArray("@startuml\n") << QString();
    QTest::addRow("svg") << "run.SVG" << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                         << QString();
    QTest::addRow("html") << "run.html" << QByteArray("<!DOCTYPE html>\n") << QString();
    QTest::addRow("png")
        << "shot.png" << QByteArray()
        << "cannot export to \"shot.png\": a PNG is a picture of the scene, drawn by the app "
           "(use: idemlab --screenshot shot.png --at-ms T)";
    QTest::addRow("unknown") << "run.xyz" << QByteArray()
                             << "cannot export to \"run.xyz\": unknown format \".xyz\" " + expected;
    QTest::addRow("missing") << "run" << QByteArray()
                             << "cannot export to \"run\": no file extension " + expected;
}

void TstExporters::renderPicksFormatByExtension()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, prefix);
    QFETCH(QString, error);

    QString actualError;
    const std::optional<QByteArray> bytes =
        Exporter::render(sampleRun(), path, ExportRange{}, &actualError);
    if (prefix.isEmpty()) {
        QVERIFY(!bytes);
        QCOMPARE(actualError, error);
        // A caller that does not want the message may pass nullptr.
        QVERIFY(!Exporter::render(sampleRun(), path, ExportRange{}, nullptr));
    } else {
        QVERIFY(bytes);
        QVERIFY2(bytes->startsWith(prefix), bytes->left(40).constData());
        QVERIFY(actualError.isEmpty());
    }
}

void TstExporters::timelineHasSchemaAndEveryEvent()
{
    const RunResult run = sampleRun();
    const QJsonObject root = parseObject(TimelineExporter::render(run));

    QCOMPARE(root.value("schema").toString(), QStringLiteral("idemlab.timeline/1"));
    QCOMPARE(root.value("generator").toString(), QStringLiteral("Idempotency Lab 0.1.0"));
    QCOMPARE(root.value("seed").toInteger(), 42);
    QVERIFY(root.value("scenario").isObject());
    QVERIFY(root.value("settings").isObject());
    QCOMPARE(root.value("endUs").toInteger(), run.endUs);
    QCOMPARE(root.value("range").toObject().value("fromUs").toInteger(), 0);
    QCOMPARE(root.value("range").toObject().value("toUs").toInteger(), run.endUs);

    const QJsonArray nodes = root.value("nodes").toArray();
    QCOMPARE(nodes.size(), run.nodes.size());
    QCOMPARE(
        nodes[A1].toObject(),
        QJsonObject(
            {{"id", "server-a1"}, {"name", "Server A1"}, {"kind", "server"}, {"cluster", "A"}}));
    QVERIFY(nodes[Cache].toObject().value("cluster").isNull());
    QCOMPARE(nodes[DbB].toObject().value("cluster").toString(), QStringLiteral("B"));

    const QJsonArray events = root.value("events").toArray();
    QCOMPARE(events.size(), run.events.size());
    const QStringList fields = {"t",      "seq",    "type",    "from",  "to",   "request",
                                "key",    "status", "startUs", "endUs", "lost", "label",
                                "detail", "state",  "caption", "why"};
    QStringList sortedFields = fields;
    sortedFields.sort();
    for (int i = 0; i < events.size(); ++i) {
        const QJsonObject o = events[i].toObject();
        const Event &e = run.events[i];
        QCOMPARE(o.keys(), sortedFields);
        QCOMPARE(o.value("t").toInteger(), e.t);
        QCOMPARE(o.value("seq").toInteger(), e.seq);
        QCOMPARE(o.value("type").toString(), eventTypeName(e.type));
        QCOMPARE(o.value("from"), e.from < 0 ? QJsonValue() : QJsonValue(run.nodes[e.from].id));
        QCOMPARE(o.value("to"), e.to < 0 ? QJsonValue() : QJsonValue(run.nodes[e.to].id));
        QCOMPARE(o.value("request"), e.request < 0 ? QJsonValue() : QJsonValue(e.request));
        QCOMPARE(o.value("key"), e.key.isEmpty() ? QJsonValue() : QJsonValue(e.key));
        QCOMPARE(o.value("status"), e.status == 0 ? QJsonValue() : QJsonValue(e.status));
        QCOMPARE(o.value("startUs"), e.startUs < 0 ? QJsonValue() : QJsonValue(e.startUs));
        QCOMPARE(o.value("endUs"), e.endUs < 0 ? QJsonValue() : QJsonValue(e.endUs));
        QCOMPARE(o.value("lost"), QJsonValue(e.lost));
        QCOMPARE(o.value("label").toString(), e.label);
        QCOMPARE(o.value("detail").toString(), e.detail);
        QCOMPARE(o.value("state").toString(), e.state);
        QCOMPARE(o.value("caption").toString(), e.caption);
    }
}

void TstExporters::timelineHasAttemptsDatabasesAndVerdict()
{
    const RunResult run = sampleRun();
    const QJsonObject root = TimelineExporter::toJson(run);

    const QJsonArray attempts = root.value("attempts").toArray();
    QCOMPARE(attempts.size(), 2);
    const QJsonObject first = attempts[0].toObject();
    QCOMPARE(first.value("request").toString(), QStringLiteral("R1"));
    QCOMPARE(first.value("attempt").toInt(), 1);
    QCOMPARE(first.value("client").toString(), QStringLiteral("Client 1"));
    QCOMPARE(first.value("clientNode").toString(), QStringLiteral("client-1"));
    QCOMPARE(first.value("key").toString(), QStringLiteral("K1"));
    QCOMPARE(first.value("cluster").toString(), QStringLiteral("A"));
    QCOMPARE(first.value("server").toString(), QStringLiteral("server-a1"));
    QVERIFY(first.value("status").isNull());
    QCOMPARE(first.value("outcome").toString(), QStringLiteral("timeout"));
    QCOMPARE(first.value("sentUs").toInteger(), 0);
    QVERIFY(first.value("receivedUs").isNull());
    QCOMPARE(first.value("body").toObject(),
             QJsonObject({{"from", "A"}, {"to", "B"}, {"amount", 10}}));
    const QJsonObject second = attempts[1].toObject();
    QCOMPARE(second.value("status").toInt(), 201);
    QCOMPARE(second.value("outcome").toString(), QStringLiteral("answered"));
    QCOMPARE(second.value("server").toString(), QStringLiteral("server-b1"));
    QCOMPARE(second.value("receivedUs").toInteger(), 1'200'000);

    const QJsonObject dbs = root.value("databases").toObject();
    QCOMPARE(dbs.keys(), QStringList({"A", "B"}));
    const QJsonObject keyRow =
        dbs.value("A").toObject().value("idempotencyKeys").toArray().first().toObject();
    QCOMPARE(keyRow.value("status").toString(), QStringLiteral("CONSUMED"));
    QCOMPARE(keyRow.value("responseCode").toInt(), 201);
    QCOMPARE(keyRow.value("origin").toString(), QStringLiteral("A"));
    QCOMPARE(keyRow.value("createdUs").toInteger(), 23'000);
    QVERIFY(dbs.value("B").toObject().value("idempotencyKeys").toArray().isEmpty());
    const QJsonObject copy = dbs.value("B").toObject().value("ledger").toArray()[0].toObject();
    QCOMPARE(copy, QJsonObject({{"id", "B-1"},
                                {"key", "K1"},
                                {"origin", "B"},
                                {"fromAcct", "A"},
                                {"toAcct", "B"},
                                {"amount", 10},
                                {"atUs", 328'000}}));

    const QJsonObject verdict = root.value("verdict").toObject();
    QCOMPARE(verdict.value("ok").toBool(), false);
    QCOMPARE(verdict.value("summary").toString(), run.verdict.summary());
    QCOMPARE(verdict.value("statusCounts").toObject(), QJsonObject({{"201", 1}, {"timeout", 1}}));
    QCOMPARE(verdict.value("timeouts").toInt(), 1);
    QCOMPARE(verdict.value("sideEffects").toObject(), QJsonObject({{"K1", 2}}));
    QCOMPARE(verdict.value("anomalies").toArray(),
             QJsonArray({QJsonObject{{"type", "DUPLICATE_EFFECT"},
                                     {"key", "K1"},
                                     {"count", 2},
                                     {"ledgerIds", QJsonArray{"A-1", "B-1"}}}}));
    QCOMPARE(verdict.value("stuckKeys").toArray(), QJsonArray());
    QCOMPARE(verdict.value("replicationConflicts").toInt(), 0);
}

void TstExporters::renderingTwiceGivesSameBytes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addRow("json") << "run.json";
    QTest::addRow("csv") << "run.csv";
    QTest::addRow("mmd") << "run.mmd";
    QTest::addRow("puml") << "run.puml";
    QTest::addRow("svg") << "run.svg";
    QTest::addRow("html") << "run.html";
}

void TstExporters::renderingTwiceGivesSameBytes()
{
    QFETCH(QString, path);
    QString error;
    const auto once = Exporter::render(sampleRun(), path, ExportRange{}, &error);
    const auto twice = Exporter::render(sampleRun(), path, ExportRange{}, &error);
    QVERIFY(once && twice);
    QVERIFY(!once->isEmpty());
    QCOMPARE(*once, *twice);
}

void TstExporters::rangeFiltersEvents_data()
{
    QTest::addColumn<qint64>("fromUs");
    QTest::addColumn<qint64>("toUs");
    QTest::addColumn<qint64>("statedToUs");
    QTest::addColumn<QVector<qint64>>("seqs");

    QTest::addRow("whole run") << qint64(0) << std::numeric_limits<qint64>::max()
                               << qint64(60'030'000)
                               << QVector<qint64>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
    QTest::addRow("bounds included") << qint64(21'000) << qint64(330'000) << qint64(330'000)
                                     << QVector<qint64>{2, 3, 4, 5, 6, 7};
    QTest::addRow("one instant") << qint64(1'000'000) << qint64(1'000'000) << qint64(1'000'000)
                                 << QVector<qint64>{9, 10};
    QTest::addRow("nothing inside")
        << qint64(400'000) << qint64(900'000) << qint64(900'000) << QVector<qint64>{};
    QTest::addRow("past the end") << qint64(60'000'000) << qint64(90'000'000) << qint64(60'030'000)
                                  << QVector<qint64>{11, 12, 13};
}

void TstExporters::rangeFiltersEvents()
{
    QFETCH(qint64, fromUs);
    QFETCH(qint64, toUs);
    QFETCH(qint64, statedToUs);
    QFETCH(QVector<qint64>, seqs);
    const RunResult run = sampleRun();
    const ExportRange range{fromUs, toUs};

    const QJsonObject root = parseObject(TimelineExporter::render(run, range));
    QCOMPARE(root.value("range").toObject(),
             QJsonObject({{"fromUs", fromUs}, {"toUs", statedToUs}}));
    QVector<qint64> jsonSeqs;
    for (const QJsonValue &v : root.value("events").toArray())
        jsonSeqs << v.toObject().value("seq").toInteger();
    QCOMPARE(jsonSeqs, seqs);
    // Attempts and verdict always describe the whole run.
    QCOMPARE(root.value("attempts").toArray().size(), run.attempts.size());
    QCOMPARE(root.value("verdict").toObject().value("sideEffects").toObject().value("K1").toInt(),
             2);

    const auto rows = parseCsv(QString::fromUtf8(CsvExporter::render(run, range)));
    QVERIFY(rows);
    QVector<qint64> csvSeqs;
    for (int i = 1; i < rows->size(); ++i)
        csvSeqs << rows->at(i).first().toLongLong();
    QCOMPARE(csvSeqs, seqs);

    const QString mmd = QString::fromUtf8(MermaidExporter::render(run, range));
    QVERIFY(mmd.contains(QStringLiteral("%% events from %1 to %2 µs").arg(fromUs).arg(statedToUs)));
    QCOMPARE(mmd.contains(QLatin1String("(lost)")), seqs.contains(8));
}

void TstExporters::csvRoundTripsEveryField()
{
    const RunResult run = sampleRun();
    const QByteArray bytes = CsvExporter::render(run);
    QVERIFY(bytes.endsWith("\r\n"));
    const auto rows = parseCsv(QString::fromUtf8(bytes));
    QVERIFY2(rows, "not RFC 4180");
    QCOMPARE(rows->size(), run.events.size() + 1);
    QCOMPARE(rows->first().join(QLatin1Char(',')),
             QStringLiteral("seq,t_us,t_ms,type,from,to,request,key,status,start_us,end_us,lost,"
                            "label,detail,state,caption"));

    for (int i = 0; i < run.events.size(); ++i)
        QCOMPARE(rows->at(i + 1), expectedCsvRow(run, run.events[i]));
    // The row with quotes and commas, and the one with a line break, survived quoting.
    QCOMPARE(rows->at(4).last(), QStringLiteral("Client 1 sends again, \"just in case\", with K1"));
    QVERIFY(rows->at(13).last().contains(QLatin1Char('\n')));
    QCOMPARE(rows->at(1).at(2), QStringLiteral("0.000"));
    QCOMPARE(rows->at(9).at(2), QStringLiteral("331.000"));
}

void TstExporters::mermaidStructure()
{
    const QString mmd = QString::fromUtf8(MermaidExporter::render(sampleRun()));
    const QStringList lines = mmd.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.value(0), QStringLiteral("sequenceDiagram"));
    QCOMPARE(lines.value(1).trimmed(), QStringLiteral("autonumber"));

    // One participant per node, in scene order, with ids derived from node ids.
    QStringList participants;
    for (const QString &l : lines) {
        if (l.startsWith(QLatin1String("    participant ")) ||
            l.startsWith(QLatin1String("    actor ")))
            participants << l.trimmed();
    }
    QCOMPARE(participants, QStringList({"actor C1 as Client 1", "participant R as Router",
                                        "participant A1 as Server A1", "participant DBA as DB A",
                                        "participant Cache as Cache", "participant DBB as DB B",
                                        "participant B1 as Server B1"}));

    // The messages and key captions in event order; deliver, receive and a valid header draw
    // nothing; lock waits, timeouts and anomalies are notes.
    QStringList body;
    for (const QString &l : lines.mid(2)) {
        if (!participants.contains(l.trimmed()) && !l.trimmed().startsWith(QLatin1String("%%")))
            body << l;
    }
    QCOMPARE(body, QStringList({
                       "    C1->>R: POST K1",
                       "    par Router",
                       "        R->>A1: POST K1",
                       "    and Client 1",
                       "        C1->>R: POST K1",
                       "    end",
                       "    A1->>DBA: SELECT K1",
                       "    DBA-->>A1: key K1 not in DB A — inserting CREATED",
                       "    A1->>Cache: SET K1 NX",
                       "    Cache-->>A1: cache claim #35;1 of K1#59; it is new",
                       "    A1-->>R: 201 K1",
                       "    R--xC1: 201 K1 (lost)",
                       "    Note over C1: Client 1 gives up on R1 after 1 s",
                       "    Note over A1: Server A1 waits for the lock on K1",
                       "    DBA-->>DBB: replicate K1 CONSUMED",
                       "    Note over DBA,DBB: DUPLICATE_EFFECT: key K1 charged twice, ledger rows "
                       "\"A-1\" and \"B-1\"",
                   }));
}

void TstExporters::mermaidLinesUseDocumentedSyntaxOnly()
{
    RunResult run = sampleRun();
    // A request lost on its way: the solid arrow with a cross.
    run.events[0].lost = true;
    run.events[0].label = QStringLiteral("POST K1; amount=10 #1 <b>\u0007");
    // Text Mermaid would read as a directive keeps its words but not its meaning.
    run.events[2].label = QStringLiteral("Wrap: POST K1");
    // A server's decision is a note over it, without the server's name in front.
    Event respond = run.events[7];
    respond.type = EventType::Respond;
    respond.caption = QStringLiteral("Server A1: K1 is CONSUMED — answers 201 Created");
    run.events.insert(7, respond);
    // Two sends of one node at one instant: a branch each, named by both ends.
    run.events[9].t = run.events[8].t;
    run.events[9].from = run.events[8].from;
    const QString mmd = QString::fromUtf8(MermaidExporter::render(run));
    QVERIFY(mmd.contains(
        QStringLiteral("\n    C1-xR: POST K1#59; amount=10 #35;1 #60;b#62; (lost)\n")));
    QVERIFY(mmd.contains(QStringLiteral("\n        R->>A1: Wrap#58; POST K1\n")));
    QVERIFY(
        mmd.contains(QStringLiteral("\n    Note over A1: K1 is CONSUMED — answers 201 Created\n")));
    QVERIFY2(mmd.contains(QStringLiteral("\n    par Server A1 to Router\n")), qPrintable(mmd));
    QVERIFY(mmd.contains(QStringLiteral("\n    and Server A1 to Client 1\n")));

    const std::optional<QString> bad = undocumentedMermaidLine(mmd);
    QVERIFY2(!bad, qPrintable(QStringLiteral("undocumented syntax: ") + bad.value_or(QString())));
    // The checker itself refuses what Mermaid would misread.
    QVERIFY(undocumentedMermaidLine(QStringLiteral("sequenceDiagram\n    A->>B: x; y\n")));
    QVERIFY(undocumentedMermaidLine(QStringLiteral("sequenceDiagram\n    box Aqua\n")));
    QVERIFY(undocumentedMermaidLine(QStringLiteral("sequenceDiagram\n    par x\n")));
}

void TstExporters::plantUmlStructure()
{
    const QString puml = QString::fromUtf8(PlantUmlExporter::render(sampleRun()));
    QVERIFY(puml.startsWith(QLatin1String("@startuml\n")));
    QVERIFY(puml.endsWith(QLatin1String("\n@enduml\n")));
    for (const char *line : {
             "title lost-response — Lost response",
             "autonumber",
             "actor \"Client 1\" as C1",
             "participant \"Router\" as R",
             "participant \"Server A1\" as A1",
             "database \"DB A\" as DBA",
             "collections \"Cache\" as Cache",
             "database \"DB B\" as DBB",
             "C1 -[#3b4656]> R : POST K1",
             "par Router",
             "    R -[#3b4656]> A1 : POST K1",
             "else Client 1",
             "end",
             "A1 -[#3b4656]> DBA : SELECT K1",
             "DBA -[#5b6676]-> A1 : key K1 not in DB A — inserting CREATED",
             "A1 -[#009E73]-> R : 201 K1",
             "R -[#009E73]->x C1 : 201 K1 (lost)",
             "note over C1 : Client 1 gives up on R1 after 1 s",
             "DBA -[#56B4E9]-> DBB : replicate K1 CONSUMED",
         })
        QVERIFY2(puml.contains(QLatin1Char('\n') + QString::fromUtf8(line) + QLatin1Char('\n')),
                 line);
    QVERIFY(puml.contains(QStringLiteral("\nnote over DBA, DBB #fdeee4 : DUPLICATE_EFFECT: key K1 "
                                         "charged twice, ledger rows ")));
    const std::optional<QString> bad = unexpectedPlantUmlLine(puml);
    QVERIFY2(!bad, qPrintable(bad.value_or(QString())));
}

void TstExporters::plantUmlEscapesMarkup()
{
    RunResult run = sampleRun();
    run.events[0].label = QStringLiteral("a--b **x** //y// <b>z</b> ~w %date() $v \\n [[u]]");
    run.events[0].lost = true;
    run.nodes[0].name = QStringLiteral("Client \"1\"");
    const QString puml = QString::fromUtf8(PlantUmlExporter::render(run));
    QVERIFY2(puml.contains(QStringLiteral(
                 "\nC1 -[#3b4656]>x R : a-<U+002D>b *<U+002A>x*<U+002A> /<U+002F>y/<U+002F> "
                 "<U+003C>b>z<U+003C>/b> <U+007E>w <U+0025>date() <U+0024>v \\\\n "
                 "[<U+005B>u]<U+005D> (lost)\n")),
             qPrintable(puml));
    QVERIFY(puml.contains(QStringLiteral("\nactor \"Client <U+0022>1<U+0022>\" as C1\n")));
    QVERIFY(!unexpectedPlantUmlLine(puml));
}

void TstExporters::svgStructure()
{
    const QByteArray svg = SvgExporter::render(sampleRun());
    QVERIFY2(!xmlError(svg), qPrintable(xmlError(svg).value_or(QString())));
    const QString text = QString::fromUtf8(svg);
    QVERIFY(text.contains(QLatin1String("<svg xmlns=\"http://www.w3.org/2000/svg\"")));
    QVERIFY(text.contains(QRegularExpression(QStringLiteral(" viewBox=\"0 0 [0-9.]+ [0-9.]+\""))));
    // Vector only: no pictures, scripts, links or styles from elsewhere.
    for (const char *forbidden : {"<image", "<script", "href", "<foreignObject", "url(", "@import"})
        QVERIFY2(!text.contains(QLatin1String(forbidden)), forbidden);
    // The title names scenario, settings and verdict; a lane label per node; the axis in ms.
    QVERIFY(text.contains(QStringLiteral(">lost-response — Lost response</text>")));
    QVERIFY(text.contains(QStringLiteral(">Settings: mutex off · cache off")));
    QVERIFY(text.contains(QLatin1String(">Verdict: DUPLICATE EFFECT: key K1 charged 2 times")));
    for (const Node &n : sampleRun().nodes)
        QVERIFY2(text.contains(QStringLiteral(">%1</text>").arg(n.name)), qPrintable(n.name));
    QVERIFY(text.contains(QLatin1String(">0 ms</text>")));
    QVERIFY(text.contains(QLatin1String(">time (ms)</text>")));
    QVERIFY(text.contains(QLatin1String(">+59.0 s</text>"))); // up to the replication, shortened
    // Status colours from the app's palette, the 201 dashed; the lost message's red cross;
    // the anomaly diamond; a legend.
    QVERIFY(text.contains(QLatin1String("stroke=\"#009E73\" stroke-width=\"1.6\" "
                                        "stroke-dasharray=\"4 2.5\"")));
    QVERIFY(text.contains(QLatin1String("stroke=\"#D55E00\" stroke-width=\"2.2\"")));
    QVERIFY(text.contains(QLatin1String("fill=\"#D55E00\" stroke=\"#ffffff\"")));
    QVERIFY(text.contains(QLatin1String(">lost message / crash</text>")));
    QVERIFY(text.contains(QLatin1String(">back up</text>")));
    // Hovering an arrow shows its caption.
    QVERIFY(text.contains(QStringLiteral("<title>331 ms · send · Router → Client 1: the 201 for K1 "
                                         "is lost</title>")));
}

void TstExporters::svgAndHtmlStayWellFormed()
{
    // Characters XML cannot hold, markup and a lone surrogate in every text field.
    RunResult run = sampleRun();
    const QString nasty = QStringLiteral("<b>&amp;\"'\u0001\u0007]]>") + QChar(0xD800) +
                          QStringLiteral("\u00e9\U0001F600");
    run.scenario.name = nasty;
    run.scenario.title = nasty;
    run.nodes[0].name = nasty;
    for (Event &e : run.events) {
        e.caption += nasty;
        e.label += nasty;
        e.key += nasty;
    }
    for (const QByteArray &doc : {SvgExporter::render(run), HtmlExporter::render(run)}) {
        const std::optional<QString> error = xmlError(doc);
        QVERIFY2(!error, qPrintable(error.value_or(QString())));
        QVERIFY(!doc.contains('\x01'));
        QVERIFY(doc.contains("&lt;b&gt;&amp;amp;"));
    }
}

void TstExporters::htmlIsSelfContained()
{
    const QByteArray html = HtmlExporter::render(sampleRun());
    QVERIFY(html.startsWith("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""));
    QVERIFY2(!xmlError(html), qPrintable(xmlError(html).value_or(QString())));
    const QString text = QString::fromUtf8(html);
    for (const char *forbidden :
         {"<script", "<link", "<img", "<iframe", "http:", "https:", "url(", "@import", "src="}) {
        // The two namespace declarations are the only URLs, and nothing is fetched from them.
        QString checked = text;
        checked.remove(QStringLiteral("xmlns=\"http://www.w3.org/1999/xhtml\""));
        checked.remove(QStringLiteral("xmlns=\"http://www.w3.org/2000/svg\""));
        QVERIFY2(!checked.contains(QLatin1String(forbidden)), forbidden);
    }
    // An HTML parser reads "<td/>" as an open cell: every element but the void ones has an end.
    QVERIFY(!text.contains(
        QRegularExpression(QStringLiteral("<(td|th|p|div|span|tr|h1|h2)(\\s[^>]*)?/>"))));
    QVERIFY(text.contains(QLatin1String("<meta charset=\"utf-8\"/>")));
    QVERIFY(text.contains(QLatin1String("@media print")));
    QVERIFY(text.contains(QLatin1String("<svg xmlns=\"http://www.w3.org/2000/svg\"")));
    QVERIFY(text.contains(QLatin1String("class=\"verdict anomaly\"")));
    QVERIFY(text.contains(QLatin1String("<td>--delay-ms</td>")));
    // Every event is a row, with its caption.
    for (const Event &e : sampleRun().events) {
        const QString caption = e.caption.toHtmlEscaped();
        QVERIFY2(text.contains(QStringLiteral("<td>%1</td>").arg(caption)), qPrintable(e.caption));
    }
}

void TstExporters::rangeAppliesToEveryFormat()
{
    // Only the replication and the anomaly (t = 60.03 s): the messages before are left out.
    const RunResult run = sampleRun();
    const ExportRange range{60'000'000, 61'000'000};
    const QString mmd = QString::fromUtf8(MermaidExporter::render(run, range));
    QVERIFY(mmd.contains(QLatin1String("DBA-->>DBB: replicate")));
    QVERIFY(!mmd.contains(QLatin1String("POST K1")));
    const QString puml = QString::fromUtf8(PlantUmlExporter::render(run, range));
    QVERIFY(puml.contains(QLatin1String("replicate K1 CONSUMED")));
    QVERIFY(!puml.contains(QLatin1String("POST K1")));
    const QString svg = QString::fromUtf8(SvgExporter::render(run, range));
    QVERIFY(svg.contains(QStringLiteral("replicate · DB A copies")));
    QVERIFY(!svg.contains(QStringLiteral(" · send · ")));
    QVERIFY(svg.contains(QLatin1String(">Events from 60000 ms to 60030 ms of a run of 60030 ms")));
    const QString html = QString::fromUtf8(HtmlExporter::render(run, range));
    QVERIFY(html.contains(QLatin1String("<td>DB A copies K1 and ledger row A-1 to DB B</td>")));
    QVERIFY(!html.contains(QLatin1String("<td>Client 1 sends POST /payments with key K1</td>")));
    // The settings and the whole run's verdict stay.
    QVERIFY(html.contains(QLatin1String("<td>--delay-ms</td>")));
    QVERIFY(html.contains(QLatin1String("Verdict: DUPLICATE EFFECT")));
}

void TstExporters::writeCreatesFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const RunResult run = sampleRun();
    for (const QString &f : Exporter::formats()) {
        const QString name = QStringLiteral("run.") + f;
        const QString path = dir.filePath(name);
        const std::optional<QString> error = Exporter::write(run, path);
        QVERIFY2(!error, qPrintable(error.value_or(QString())));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), *Exporter::render(run, path, ExportRange{}, nullptr));
    }
}

void TstExporters::writeUnknownFormatLeavesFileAlone()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("keep.xyz"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("precious\n");
    }
    const std::optional<QString> error = Exporter::write(sampleRun(), path);
    QVERIFY(error);
    QCOMPARE(*error, QStringLiteral("cannot export to \"%1\": unknown format \".xyz\" (expected "
                                    "one of: .json, .csv, .mmd, .puml, .svg, .html)")
                         .arg(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("precious\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList({"keep.xyz"}));
}

void TstExporters::writeIntoMissingDirectoryFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing/run.json"));
    const std::optional<QString> error = Exporter::write(sampleRun(), path);
    QVERIFY(error);
    QVERIFY2(error->startsWith(QStringLiteral("cannot write \"%1\": ").arg(path)),
             qPrintable(*error));
    QVERIFY(!error->contains(QLatin1Char('\n')));
    QVERIFY(!QFile::exists(path));
}

void TstExporters::writeUnderARegularFileFails()
{
    // A parent that is a file: fails for every user, root included.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString parent = dir.filePath(QStringLiteral("plain-file"));
    writeFile(parent, "not a directory\n");
    for (const QString &f : Exporter::formats()) {
        const QString path = parent + QStringLiteral("/run.") + f;
        const std::optional<QString> error = Exporter::write(sampleRun(), path);
        QVERIFY(error);
        QVERIFY2(error->startsWith(QStringLiteral("cannot write \"%1\": ").arg(path)),
                 qPrintable(*error));
        QVERIFY(error->size() > QStringLiteral("cannot write \"%1\": ").arg(path).size());
        QVERIFY(!error->contains(QLatin1Char('\n')));
    }
    QCOMPARE(readFile(parent), QByteArray("not a directory\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList({"plain-file"}));
}

void TstExporters::failedWriteKeepsExistingFile()
{
#ifdef Q_OS_UNIX
    // A file size limit (which binds root too) makes the write fail half way, after QSaveFile
    // has started its temporary file: the old file must stay, and no temporary file be left.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("keep.html"));
    writeFile(path, "precious\n");
    const QByteArray html = HtmlExporter::render(sampleRun());
    QVERIFY(html.size() > 8192);

    struct rlimit old;
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
    struct rlimit small = old;
    small.rlim_cur = 4096;
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN); // EFBIG instead of a signal
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    const std::optional<QString> error = Exporter::write(sampleRun(), path);
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);

    QVERIFY(error);
    QVERIFY2(error->startsWith(QStringLiteral("cannot write \"%1\": ").arg(path)),
             qPrintable(*error));
    QVERIFY(!error->contains(QLatin1Char('\n')));
    QCOMPARE(readFile(path), QByteArray("precious\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList({"keep.html"}));
    // And with room to write, the same call replaces it.
    QVERIFY(!Exporter::write(sampleRun(), path));
    QCOMPARE(readFile(path), html);
#else
    QSKIP("needs RLIMIT_FSIZE");
#endif
}

QTEST_GUILESS_MAIN(TstExporters)
#include "tst_exporters.moc"
