// The exporters against a hand-built run, so they are tested apart from the engine.

#include "csvexporter.h"
#include "exporter.h"
#include "mermaidexporter.h"
#include "timelineexporter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <optional>

using namespace idem;

namespace {

enum NodeIndex
{
    C1,
    Router,
    A1,
    DbA,
    Cache,
    DbB,
    B1
};

Event makeEvent(qint64 t, EventType type, int from, int to, const QString &label,
                const QString &caption)
{
    Event e;
    e.t = t;
    e.type = type;
    e.from = from;
    e.to = to;
    e.key = QStringLiteral("K1");
    e.label = label;
    e.caption = caption;
    return e;
}

Event message(qint64 t, qint64 arrival, int from, int to, int request, int status,
              const QString &label, const QString &caption)
{
    Event e = makeEvent(t, EventType::Send, from, to, label, caption);
    e.request = request;
    e.status = status;
    e.startUs = t;
    e.endUs = arrival;
    return e;
}

// Seven nodes, two attempts of one key, fourteen events: a lost response, two sends at the
// same instant from different nodes, DB and cache commands, a timeout, replication and a
// duplicate-effect anomaly; captions with commas, quotes, newlines, ';' and '#'.
RunResult sampleRun()
{
    RunResult run;
    run.scenario.name = QStringLiteral("lost-response");
    run.scenario.title = QStringLiteral("Lost response");
    run.scenario.settings.seed = 42;
    run.scenario.clients = {{QStringLiteral("Client 1"), 0}};
    RequestSpec r1;
    r1.id = QStringLiteral("R1");
    r1.key = QStringLiteral("K1");
    run.scenario.requests = {r1};

    auto node = [](const char *id, const char *name, NodeKind kind, int cluster) {
        return Node{QString::fromLatin1(id), QString::fromLatin1(name), kind, cluster};
    };
    run.nodes = {
        node("client-1", "Client 1", NodeKind::Client, -1),
        node("router", "Router", NodeKind::Router, -1),
        node("server-a1", "Server A1", NodeKind::Server, 0),
        node("db-a", "DB A", NodeKind::Database, 0),
        node("cache", "Cache", NodeKind::Cache, -1),
        node("db-b", "DB B", NodeKind::Database, 1),
        node("server-b1", "Server B1", NodeKind::Server, 1),
    };

    QVector<Event> &ev = run.events;
    ev << message(0, 20'000, C1, Router, 0, 0, QStringLiteral("POST K1"),
                  QStringLiteral("Client 1 sends POST /payments with key K1"));
    ev << makeEvent(20'000, EventType::Deliver, C1, Router, QStringLiteral("POST K1"),
                    QStringLiteral("Router receives POST K1"));
    // Two sends leave two nodes at the same instant.
    ev << message(21'000, 22'000, Router, A1, 0, 0, QStringLiteral("POST K1"),
                  QStringLiteral("Router forwards K1 to Server A1"));
    ev << message(21'000, 41'000, C1, Router, 1, 0, QStringLiteral("POST K1"),
                  QStringLiteral("Client 1 sends again, \"just in case\", with K1"));
    ev << makeEvent(22'000, EventType::Validate, A1, -1, QString(),
                    QStringLiteral("Server A1: key K1 is valid"));
    Event read = makeEvent(23'000, EventType::DbRead, A1, DbA, QStringLiteral("SELECT K1"),
                           QStringLiteral("Server A1: key K1 not in DB A — inserting CREATED"));
    read.detail = QStringLiteral("SELECT status FROM idempotency_keys WHERE key = 'K1';");
    read.startUs = 22'000;
    read.endUs = 24'000;
    read.request = 0;
    ev << read;
    Event claim = makeEvent(26'000, EventType::CacheOp, A1, Cache, QStringLiteral("SET K1 NX"),
                            QStringLiteral("Server A1: cache claim #1 of K1; it is new"));
    claim.detail = QStringLiteral("SET K1 CREATED NX PX 86400000");
    claim.startUs = 24'000;
    claim.endUs = 29'000;
    claim.request = 0;
    ev << claim;
    ev << message(330'000, 331'000, A1, Router, 0, 201, QStringLiteral("201 K1"),
                  QStringLiteral("Server A1 answers 201 Created"));
    Event lost = message(331'000, 351'000, Router, C1, 0, 201, QStringLiteral("201 K1"),
                         QStringLiteral("Router → Client 1: the 201 for K1 is lost"));
    lost.lost = true;
    ev << lost;
    Event timeout = makeEvent(1'000'000, EventType::Timeout, C1, -1, QString(),
                              QStringLiteral("Client 1 gives up on R1 after 1 s"));
    timeout.request = 0;
    ev << timeout;
    ev << makeEvent(1'000'000, EventType::LockWait, A1, -1, QString(),
                    QStringLiteral("Server A1 waits for the lock on K1"));
    Event replicate =
        makeEvent(60'030'000, EventType::Replicate, DbA, DbB, QStringLiteral("K1 CONSUMED"),
                  QStringLiteral("DB A copies K1 and ledger row A-1 to DB B"));
    replicate.startUs = 30'000;
    replicate.endUs = 60'030'000;
    ev << replicate;
    Event anomaly = makeEvent(60'030'000, EventType::Anomaly, DbA, DbB, QStringLiteral("K1 x2"),
                              QStringLiteral("DUPLICATE_EFFECT: key K1 charged twice,\n"
                                             "ledger rows \"A-1\" and \"B-1\""));
    anomaly.status = 0;
    ev << anomaly;
    ev << makeEvent(60'030'000, EventType::Receive, Router, C1, QStringLiteral("201 K1"),
                    QString());
    for (int i = 0; i < ev.size(); ++i)
        ev[i].seq = i;
    run.endUs = 60'030'000;

    Attempt first;
    first.request = QStringLiteral("R1");
    first.attempt = 1;
    first.client = 0;
    first.clientNode = C1;
    first.key = QStringLiteral("K1");
    first.rawKey = QStringLiteral("3f2b7c1e-0000-4000-8000-000000000001");
    first.cluster = 0;
    first.serverNode = A1;
    first.outcome = Outcome::TimedOut;
    first.sentUs = 0;
    Attempt second = first;
    second.attempt = 2;
    second.cluster = 1;
    second.serverNode = B1;
    second.status = 201;
    second.outcome = Outcome::Answered;
    second.sentUs = 21'000;
    second.receivedUs = 1'200'000;
    run.attempts = {first, second};

    KeyRow key;
    key.key = QStringLiteral("K1");
    key.rawKey = first.rawKey;
    key.status = QStringLiteral("CONSUMED");
    key.fingerprint = QStringLiteral("ab12");
    key.responseCode = 201;
    key.responseBody = QStringLiteral("{\"id\":\"A-1\"}");
    key.createdUs = 23'000;
    key.updatedUs = 329'000;
    run.keys[0] = {key};
    LedgerRow row;
    row.id = QStringLiteral("A-1");
    row.key = QStringLiteral("K1");
    row.fromAcct = QStringLiteral("A");
    row.toAcct = QStringLiteral("B");
    row.amount = 10;
    row.atUs = 328'000;
    run.ledger[0] = {row};
    LedgerRow copy = row;
    copy.id = QStringLiteral("B-1");
    copy.origin = 1;
    run.ledger[1] = {copy};

    run.verdict.statusCounts = {{201, 1}};
    run.verdict.timeouts = 1;
    run.verdict.sideEffects = {{QStringLiteral("K1"), 2}};
    run.verdict.anomalies = {
        {QStringLiteral("DUPLICATE_EFFECT"), QStringLiteral("K1"), 2, {"A-1", "B-1"}}};
    return run;
}

QJsonObject parseObject(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qWarning() << "JSON parse error:" << error.errorString() << "at" << error.offset;
    return doc.object();
}

// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes.
std::optional<QVector<QStringList>> parseCsv(const QString &text)
{
    QVector<QStringList> rows;
    QStringList row;
    QString field;
    int i = 0;
    const int n = text.size();
    while (i < n) {
        if (text[i] == QLatin1Char('"') && field.isEmpty()) {
            ++i;
            for (;;) {
                if (i >= n)
                    return std::nullopt; // unterminated quote
                if (text[i] == QLatin1Char('"')) {
                    if (i + 1 < n && text[i + 1] == QLatin1Char('"')) {
                        field += QLatin1Char('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
            if (i < n && text[i] != QLatin1Char(',') && text[i] != QLatin1Char('\r'))
                return std::nullopt; // text after a closing quote
        } else if (text[i] == QLatin1Char(',')) {
            row << field;
            field.clear();
            ++i;
        } else if (text[i] == QLatin1Char('\r')) {
            if (i + 1 >= n || text[i + 1] != QLatin1Char('\n'))
                return std::nullopt; // a bare CR outside quotes
            row << field;
            rows << row;
            row.clear();
            field.clear();
            i += 2;
        } else if (text[i] == QLatin1Char('\n') || text[i] == QLatin1Char('"')) {
            return std::nullopt; // a bare LF or a quote inside an unquoted field
        } else {
            field += text[i++];
        }
    }
    if (!field.isEmpty() || !row.isEmpty())
        return std::nullopt; // the last record lacks its CRLF
    return rows;
}

QString nodeName(const RunResult &run, int i)
{
    return i < 0 ? QString() : run.nodes[i].name;
}

// Mermaid entity codes such as #59; are allowed; a raw '#' or ';' is not.
QString withoutEntities(const QString &text)
{
    static const QRegularExpression entity(QStringLiteral("#[0-9]+;"));
    return QString(text).remove(entity);
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
    void writeCreatesFile();
    void writeUnknownFormatLeavesFileAlone();
    void writeIntoMissingDirectoryFails();
};

void TstExporters::formats()
{
    QCOMPARE(Exporter::formats(),
             QStringList({QStringLiteral("json"), QStringLiteral("csv"), QStringLiteral("mmd")}));
}

void TstExporters::renderPicksFormatByExtension_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("prefix"); // empty = expect an error
    QTest::addColumn<QString>("error");

    const QString expected = QStringLiteral("(expected one of: .json, .csv, .mmd)");
    QTest::addRow("json") << "run.json" << QByteArray("{\n") << QString();
    QTest::addRow("JSON upper case") << "/tmp/RUN.JSON" << QByteArray("{\n") << QString();
    QTest::addRow("two dots") << "run.v2.json" << QByteArray("{\n") << QString();
    QTest::addRow("csv") << "out/run.csv" << QByteArray("seq,t_us,") << QString();
    QTest::addRow("mmd") << "run.Mmd" << QByteArray("sequenceDiagram\n") << QString();
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
    const QStringList fields = {"t",       "seq",   "type",   "from",    "to",
                                "request", "key",   "status", "startUs", "endUs",
                                "lost",    "label", "detail", "state",   "caption"};
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

    auto optional = [](qint64 v, qint64 absent) {
        return v == absent ? QString() : QString::number(v);
    };
    for (int i = 0; i < run.events.size(); ++i) {
        const Event &e = run.events[i];
        const QStringList expected = {
            QString::number(e.seq),
            QString::number(e.t),
            QString::number(double(e.t) / 1000.0, 'f', 3),
            eventTypeName(e.type),
            nodeName(run, e.from),
            nodeName(run, e.to),
            optional(e.request, -1),
            e.key,
            optional(e.status, 0),
            optional(e.startUs, -1),
            optional(e.endUs, -1),
            e.lost ? QStringLiteral("true") : QStringLiteral("false"),
            e.label,
            e.detail,
            e.state,
            e.caption,
        };
        QCOMPARE(rows->at(i + 1), expected);
    }
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

    // One participant per node, in node order, with ids derived from node ids.
    QStringList participants;
    for (const QString &l : lines) {
        if (l.trimmed().startsWith(QLatin1String("participant ")))
            participants << l.trimmed();
    }
    QCOMPARE(participants, QStringList({"participant C1 as Client 1", "participant R as Router",
                                        "participant A1 as Server A1", "participant DBA as DB A",
                                        "participant Cache as Cache", "participant DBB as DB B",
                                        "participant B1 as Server B1"}));

    // The messages, in event order; deliver, receive, validate and lock-wait draw nothing.
    QStringList body;
    for (const QString &l : lines) {
        if (!l.trimmed().startsWith(QLatin1String("participant ")) && !l.startsWith("%%") &&
            !l.trimmed().startsWith(QLatin1String("%%")) && l != "sequenceDiagram" &&
            l.trimmed() != "autonumber")
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
                       "    Note over C1: timeout K1",
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
    run.events[0].label = QStringLiteral("POST K1; amount=10 #1 <b>");
    // Text Mermaid would read as a directive keeps its words but not its meaning.
    run.events[2].label = QStringLiteral("Wrap: POST K1");
    const QString mmd = QString::fromUtf8(MermaidExporter::render(run));
    QVERIFY(mmd.contains(
        QStringLiteral("\n    C1-xR: POST K1#59; amount=10 #35;1 #60;b#62; (lost)\n")));
    QVERIFY(mmd.contains(QStringLiteral("\n        R->>A1: Wrap#58; POST K1\n")));

    const QString id = QStringLiteral("[A-Za-z][A-Za-z0-9_]*");
    const QString text = QStringLiteral("[^;#\\r\\n]+");
    const QVector<QRegularExpression> whitelist = {
        QRegularExpression(QStringLiteral("^sequenceDiagram$")),
        QRegularExpression(QStringLiteral("^    autonumber$")),
        QRegularExpression(QStringLiteral("^    %%[^{].*$")),
        QRegularExpression(QStringLiteral("^    participant %1 as %2$").arg(id, text)),
        QRegularExpression(
            QStringLiteral("^(    |        )%1(->>|-->>|-x|--x)%1: %2$").arg(id, text)),
        QRegularExpression(QStringLiteral("^    Note over %1(,%1)?: %2$").arg(id, text)),
        QRegularExpression(QStringLiteral("^    (par|and)( %1)?$").arg(text)),
        QRegularExpression(QStringLiteral("^    end$")),
    };
    const QStringList lines = mmd.split(QLatin1Char('\n'));
    QCOMPARE(lines.last(), QString()); // ends with a newline
    int depth = 0;
    for (const QString &line : lines.mid(0, lines.size() - 1)) {
        const QString checked =
            line.trimmed().startsWith(QLatin1String("%%")) ? line : withoutEntities(line);
        const bool ok =
            std::any_of(whitelist.cbegin(), whitelist.cend(),
                        [&](const QRegularExpression &re) { return re.match(checked).hasMatch(); });
        QVERIFY2(ok, qPrintable(QStringLiteral("undocumented syntax: ") + line));
        if (line.trimmed().startsWith(QLatin1String("par ")))
            ++depth;
        if (line.trimmed() == QLatin1String("end"))
            --depth;
        QVERIFY(depth == 0 || depth == 1);
    }
    QCOMPARE(depth, 0);
}

void TstExporters::writeCreatesFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const RunResult run = sampleRun();
    for (const QString &name : QStringList{"run.json", "run.csv", "run.mmd"}) {
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
                                    "one of: .json, .csv, .mmd)")
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

QTEST_GUILESS_MAIN(TstExporters)
#include "tst_exporters.moc"
