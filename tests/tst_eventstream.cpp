// The event stream's messages (live/eventstream.h): what the writer says, the strict reader
// reads back unchanged; every malformed field is refused in one line naming it; and the
// attach URLs (http:// or ws:// with host and port) are checked the same way.
#include "live/attachlink.h"
#include "live/eventstream.h"

#include "export/timelineexporter.h"
#include "presetrun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace idem;

namespace {

StreamHello helloOf(const RunResult &run)
{
    StreamHello h;
    h.session = QStringLiteral("6f1c2b0e-3a4d-4f5e-9a8b-7c6d5e4f3a2b");
    h.clusters = {0, 1};
    h.startEpochUs = 1'764'000'000'000'000;
    h.nodes = run.nodes;
    h.settings = run.scenario.settings;
    return h;
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject parsed(const QByteArray &message)
{
    return QJsonDocument::fromJson(message).object();
}

/// A message with one field (a dotted path, one level deep at most) replaced or removed.
QByteArray edited(const QByteArray &message, const QString &path, const QJsonValue &value)
{
    QJsonObject o = parsed(message);
    const QStringList parts = path.split(QLatin1Char('.'));
    if (parts.size() == 1) {
        if (value.isUndefined())
            o.remove(path);
        else
            o.insert(path, value);
        return json(o);
    }
    QJsonObject inner = o.value(parts[0]).toObject();
    if (value.isUndefined())
        inner.remove(parts[1]);
    else
        inner.insert(parts[1], value);
    o.insert(parts[0], inner);
    return json(o);
}

} // namespace

class TstEventStream : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void replacesAnEndedAttempt();
    void malformed_data();
    void malformed();
    void streamUrl_data();
    void streamUrl();
    void badStreamUrl_data();
    void badStreamUrl();
};

void TstEventStream::roundTrip()
{
    // A real run: every event type the engine writes for a retry, and its rows.
    const RunResult run = runPreset(QStringLiteral("retry-after-success"));
    const StreamHello hello = helloOf(run);
    const EventStreamWriter writer(hello);
    EventStreamReader reader;

    auto h = reader.read(writer.hello(0));
    QVERIFY2(h, qPrintable(reader.error()));
    QCOMPARE(h->kind, StreamMessage::Kind::Hello);
    QCOMPARE(h->hello.session, hello.session);
    QCOMPARE(h->hello.clusters, hello.clusters);
    QCOMPARE(h->hello.startEpochUs, hello.startEpochUs);
    QCOMPARE(h->hello.nodes.size(), run.nodes.size());
    QVERIFY(h->hello.settings == hello.settings);

    const RunResult context = EventStreamWriter::context(hello);
    for (qsizetype i = 0; i < run.attempts.size(); ++i) {
        auto a = reader.read(writer.attempt(int(i), run.attempts[i]));
        QVERIFY2(a, qPrintable(reader.error()));
        QCOMPARE(a->index, int(i));
        QCOMPARE(TimelineExporter::attemptJson(context, a->attempt),
                 TimelineExporter::attemptJson(context, run.attempts[i]));
    }
    QVERIFY(run.events.size() > 20);
    for (const Event &e : run.events) {
        auto m = reader.read(writer.event(e));
        QVERIFY2(m, qPrintable(reader.error()));
        QCOMPARE(m->kind, StreamMessage::Kind::Event);
        QCOMPARE(TimelineExporter::eventJson(context, m->event),
                 TimelineExporter::eventJson(context, e));
    }
    for (int c = 0; c < 2; ++c) {
        const StreamRows rows{c, run.keys[c], run.ledger[c], 3};
        auto m = reader.read(EventStreamWriter::rows(rows));
        QVERIFY2(m, qPrintable(reader.error()));
        QCOMPARE(m->rows.cluster, c);
        QCOMPARE(m->rows.replicationConflicts, 3);
        QCOMPARE(TimelineExporter::databaseJson(m->rows.keys, m->rows.ledger),
                 TimelineExporter::databaseJson(run.keys[c], run.ledger[c]));
    }
    QVERIFY(!run.ledger[0].isEmpty());
}

void TstEventStream::replacesAnEndedAttempt()
{
    const RunResult run = runPreset(QStringLiteral("single-request"));
    const EventStreamWriter writer(helloOf(run));
    EventStreamReader reader;
    QVERIFY(reader.read(writer.hello(0)));
    Attempt begun = run.attempts[0];
    begun.status = 0;
    begun.outcome = AttemptOutcome::Pending;
    begun.receivedUs = -1;
    QVERIFY(reader.read(writer.attempt(0, begun)));
    auto ended = reader.read(writer.attempt(0, run.attempts[0]));
    QVERIFY2(ended, qPrintable(reader.error()));
    QCOMPARE(ended->attempt.status, 201);
    // Still one attempt known: request 1 does not exist.
    Event e = run.events[0];
    e.request = 1;
    QVERIFY(!reader.read(writer.event(e)));
    QVERIFY2(reader.error().startsWith(QLatin1String("event.request: ")),
             qPrintable(reader.error()));
}

void TstEventStream::malformed_data()
{
    const RunResult run = runPreset(QStringLiteral("single-request"));
    const EventStreamWriter writer(helloOf(run));
    const QByteArray hello = writer.hello(0);
    const QByteArray attempt = writer.attempt(0, run.attempts[0]);
    const QByteArray event = writer.event(run.events[1]);
    const QByteArray rows = EventStreamWriter::rows(StreamRows{0, run.keys[0], run.ledger[0], 0});

    QTest::addColumn<QByteArray>("before"); // messages that are fine, sent first
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("error"); // the start of the one line

    const QByteArray greeted = hello + '\n' + attempt;
    QTest::addRow("not JSON") << QByteArray() << QByteArray("{\"type\":") << "not JSON: ";
    QTest::addRow("an array") << QByteArray() << QByteArray("[]")
                              << "a message must be a JSON object, got an array";
    QTest::addRow("no type") << QByteArray() << edited(hello, "type", QJsonValue::Undefined)
                             << "type: ";
    QTest::addRow("unknown type") << QByteArray() << edited(hello, "type", "bye") << "type: ";
    QTest::addRow("event before hello")
        << QByteArray() << event << "type: the first message must be a \"hello\"";
    QTest::addRow("second hello") << hello << hello << "type: a second \"hello\"";
    QTest::addRow("wrong schema") << QByteArray() << edited(hello, "schema", "idemlab.events/2")
                                  << "schema: must be \"idemlab.events/1\"";
    QTest::addRow("no schema") << QByteArray() << edited(hello, "schema", QJsonValue::Undefined)
                               << "schema: ";
    QTest::addRow("unknown hello field")
        << QByteArray() << edited(hello, "colour", 1) << "colour: ";
    QTest::addRow("empty session")
        << QByteArray() << edited(hello, "session", "") << "session: must not be empty";
    QTest::addRow("session a number") << QByteArray() << edited(hello, "session", 7) << "session: ";
    QTest::addRow("no clusters") << QByteArray() << edited(hello, "clusters", QJsonArray())
                                 << "clusters: must name at least one cluster";
    QTest::addRow("cluster C") << QByteArray() << edited(hello, "clusters", QJsonArray{"C"})
                               << "clusters[0]: must be \"A\" or \"B\"";
    QTest::addRow("clusters twice")
        << QByteArray() << edited(hello, "clusters", QJsonArray{"A", "A"})
        << "clusters[1]: must be \"A\" or \"B\", each once";
    QTest::addRow("cluster not hosted")
        << QByteArray() << edited(edited(hello, "clusters", QJsonArray{"B"}), "cluster", "A")
        << "cluster: \"A\" is not among the clusters it hosts";
    QTest::addRow("no cluster") << QByteArray() << edited(hello, "cluster", QJsonValue::Undefined)
                                << "cluster: ";
    QTest::addRow("startEpochUs negative")
        << QByteArray() << edited(hello, "startEpochUs", -1) << "startEpochUs: ";
    QTest::addRow("startEpochUs text")
        << QByteArray() << edited(hello, "startEpochUs", "now") << "startEpochUs: ";
    QTest::addRow("nodes not an array") << QByteArray() << edited(hello, "nodes", 3) << "nodes: ";
    QTest::addRow("settings unknown")
        << QByteArray() << edited(hello, "settings.warp", true) << "settings.warp: ";
    QTest::addRow("settings not an object")
        << QByteArray() << edited(hello, "settings", "fast") << "settings: ";
    QTest::addRow("event no body")
        << greeted << edited(event, "event", QJsonValue::Undefined) << "event: ";
    QTest::addRow("event unknown field") << greeted << edited(event, "extra", 1) << "extra: ";
    QTest::addRow("event unknown node")
        << greeted << edited(event, "event.from", "Z9") << "event.from: unknown node \"Z9\"";
    QTest::addRow("event bad type")
        << greeted << edited(event, "event.type", "teleport") << "event.type: ";
    QTest::addRow("event request unknown")
        << greeted << edited(event, "event.request", 5) << "event.request: ";
    QTest::addRow("event t negative") << greeted << edited(event, "event.t", -5) << "event.t: ";
    QTest::addRow("event status 99")
        << greeted << edited(event, "event.status", 99) << "event.status: ";
    QTest::addRow("event caption two lines")
        << greeted << edited(event, "event.caption", "one\ntwo") << "event.caption: ";
    QTest::addRow("event out of order") << greeted + '\n' + event << event << "event: out of order";
    QTest::addRow("attempt skips") << hello << edited(attempt, "index", 3) << "index: ";
    QTest::addRow("attempt no index")
        << hello << edited(attempt, "index", QJsonValue::Undefined) << "index: ";
    QTest::addRow("attempt bad outcome")
        << hello << edited(attempt, "attempt.outcome", "lost") << "attempt.outcome: ";
    QTest::addRow("attempt unknown server")
        << hello << edited(attempt, "attempt.server", "Q1") << "attempt.server: unknown node";
    QTest::addRow("rows unknown cluster") << hello << edited(rows, "cluster", "C") << "cluster: ";
    QTest::addRow("rows conflicts negative")
        << hello << edited(rows, "replicationConflicts", -1) << "replicationConflicts: ";
    QTest::addRow("rows extra table")
        << hello << edited(rows, "database.cache", QJsonArray()) << "database.cache: ";
    QTest::addRow("rows key status")
        << hello << edited(rows, "database.idempotencyKeys", QJsonArray{QJsonObject{{"key", "K1"}}})
        << "database.idempotencyKeys[0].";
    QByteArray huge = rows;
    huge.append(QByteArray(EventStreamReader::maxMessageBytes, ' '));
    QTest::addRow("too large") << hello << huge << "";
}

void TstEventStream::malformed()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, message);
    QFETCH(QString, error);
    EventStreamReader reader;
    for (const QByteArray &fine : before.split('\n'))
        if (!fine.isEmpty())
            QVERIFY2(reader.read(fine), qPrintable(reader.error()));
    QVERIFY(!reader.read(message));
    QVERIFY2(reader.error().startsWith(error), qPrintable(reader.error()));
    QVERIFY2(!reader.error().contains(QLatin1Char('\n')), qPrintable(reader.error()));
    QVERIFY(!reader.error().isEmpty());
    // After a problem the connection is done: even a good message is refused.
    QVERIFY(!reader.read(before.split('\n').value(0)));
}

void TstEventStream::streamUrl_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("stream");
    QTest::addRow("http") << "http://127.0.0.1:8081"
                          << "ws://127.0.0.1:8081/events";
    QTest::addRow("http slash") << "http://lab-a:8082/"
                                << "ws://lab-a:8082/events";
    QTest::addRow("ws") << "ws://10.0.0.2:9000"
                        << "ws://10.0.0.2:9000/events";
    QTest::addRow("ws events") << "ws://host:1/events"
                               << "ws://host:1/events";
    QTest::addRow("IPv6") << "http://[::1]:8081"
                          << "ws://[::1]:8081/events";
    QTest::addRow("spaces") << "  http://h:5  "
                            << "ws://h:5/events";
}

void TstEventStream::streamUrl()
{
    QFETCH(QString, given);
    QFETCH(QString, stream);
    QString error;
    const auto url = AttachLink::streamUrl(given, &error);
    QVERIFY2(url, qPrintable(error));
    QCOMPARE(url->toString(), stream);
}

void TstEventStream::badStreamUrl_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("problem");
    QTest::addRow("empty") << ""
                           << "empty URL";
    QTest::addRow("no scheme") << "127.0.0.1:8081"
                               << "scheme";
    QTest::addRow("https") << "https://h:8081"
                           << "scheme https is not http or ws";
    QTest::addRow("no port") << "http://h"
                             << "no port";
    QTest::addRow("no host") << "http://:8081"
                             << "no host";
    QTest::addRow("other path") << "http://h:8081/payments"
                                << "path /payments";
    QTest::addRow("query") << "http://h:8081/?x=1"
                           << "query";
    QTest::addRow("bad port") << "http://h:99999"
                              << "";
}

void TstEventStream::badStreamUrl()
{
    QFETCH(QString, given);
    QFETCH(QString, problem);
    QString error;
    QVERIFY(!AttachLink::streamUrl(given, &error));
    QVERIFY2(error.contains(problem), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("expected http://HOST:PORT")), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
}

QTEST_GUILESS_MAIN(TstEventStream)
#include "tst_eventstream.moc"
