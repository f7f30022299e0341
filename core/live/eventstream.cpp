#include "live/eventstream.h"

#include "export/timelineexporter.h"
#include "scenario/scenarioreader.h"
#include "timeline/eventlogreader.h"
#include "timeline/runstatereader.h"
#include "json/jsonfields.h"
#include "json/jsonwording.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <climits>

namespace idem {

namespace {

using W = JsonWording;

constexpr qint64 maxTime = JsonFields::maxExactInteger;
constexpr int maxSessionId = 64;

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QStringList clusterNames()
{
    return {QStringLiteral("A"), QStringLiteral("B")};
}

} // namespace

// ---- writer ---------------------------------------------------------------------------------

EventStreamWriter::EventStreamWriter(const StreamHello &hello)
    : m_hello(hello), m_context(context(hello))
{}

RunResult EventStreamWriter::context(const StreamHello &hello)
{
    RunResult run;
    run.nodes = hello.nodes;
    run.scenario.settings = hello.settings;
    // A live session's one client is its "External client" node (LiveSession::snapshot()).
    for (const Node &n : hello.nodes)
        if (n.kind == NodeKind::Client) {
            run.scenario.clients = {ClientSpec{n.name, 0}};
            break;
        }
    return run;
}

QByteArray EventStreamWriter::hello(int via) const
{
    QJsonArray clusters;
    for (int c : m_hello.clusters)
        clusters.append(clusterName(c));
    return compact(QJsonObject{
        {"schema", eventStreamSchema},
        {"type", "hello"},
        {"session", m_hello.session},
        {"clusters", clusters},
        {"cluster", clusterName(via)},
        {"startEpochUs", m_hello.startEpochUs},
        {"nodes", TimelineExporter::nodesJson(m_context)},
        {"settings", m_hello.settings.toJson()},
    });
}

QByteArray EventStreamWriter::event(const Event &e) const
{
    return compact(
        QJsonObject{{"type", "event"}, {"event", TimelineExporter::eventJson(m_context, e)}});
}

QByteArray EventStreamWriter::attempt(int index, const Attempt &a) const
{
    return compact(QJsonObject{{"type", "attempt"},
                               {"index", index},
                               {"attempt", TimelineExporter::attemptJson(m_context, a)}});
}

QByteArray EventStreamWriter::rows(const StreamRows &rows)
{
    return compact(
        QJsonObject{{"type", "rows"},
                    {"cluster", clusterName(rows.cluster)},
                    {"replicationConflicts", rows.replicationConflicts},
                    {"database", TimelineExporter::databaseJson(rows.keys, rows.ledger)}});
}

// ---- reader ---------------------------------------------------------------------------------

/// What one connection has said so far, for the references of the next message.
struct EventStreamReader::State
{
    JsonFields fields;
    RunResult context; ///< the hello's nodes and client, the attempts so far
    ExportRange range;
    EventLogReader log{fields, context, range};
    QVector<int> clusters;
    bool anyEvent = false;
    qint64 lastT = 0;
    qint64 lastSeq = 0;
};

EventStreamReader::EventStreamReader() : d(std::make_unique<State>()) {}

EventStreamReader::~EventStreamReader() = default;

std::nullopt_t EventStreamReader::fail(const QString &line)
{
    if (m_error.isEmpty())
        m_error = line;
    return std::nullopt;
}

std::optional<StreamMessage> EventStreamReader::read(const QByteArray &message)
{
    if (!m_error.isEmpty())
        return fail(m_error);
    if (message.size() > maxMessageBytes)
        return fail(W::tooLarge(message.size(), false, maxMessageBytes, QStringLiteral("message")));
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(message, &parse);
    if (parse.error != QJsonParseError::NoError)
        return fail(
            QStringLiteral("not JSON: %1 at byte %2").arg(parse.errorString()).arg(parse.offset));
    if (!doc.isObject())
        return fail(QStringLiteral("a message must be a JSON object, got %1")
                        .arg(doc.isArray() ? QStringLiteral("an array") : QStringLiteral("null")));
    const QJsonObject o = doc.object();
    const QStringList types{QStringLiteral("hello"), QStringLiteral("event"),
                            QStringLiteral("attempt"), QStringLiteral("rows")};
    const int type = d->fields.choice(o, {}, QStringLiteral("type"), types, false);
    if (d->fields.failed())
        return fail(d->fields.error());
    if (!m_greeted && type != 0)
        return fail(QStringLiteral("type: the first message must be a \"hello\", got %1")
                        .arg(W::quoted(types[type])));
    if (m_greeted && type == 0)
        return fail(QStringLiteral("type: a second \"hello\" on one connection"));
    std::optional<StreamMessage> m;
    switch (type) {
    case 0:
        m = readHello(o);
        break;
    case 1:
        m = readEvent(o);
        break;
    case 2:
        m = readAttempt(o);
        break;
    default:
        m = readRows(o);
        break;
    }
    if (!m)
        return fail(d->fields.error());
    return m;
}

std::optional<StreamMessage> EventStreamReader::readHello(const QJsonObject &o)
{
    JsonFields &f = d->fields;
    if (!f.onlyFields(o, {},
                      {QStringLiteral("schema"), QStringLiteral("type"), QStringLiteral("session"),
                       QStringLiteral("clusters"), QStringLiteral("cluster"),
                       QStringLiteral("startEpochUs"), QStringLiteral("nodes"),
                       QStringLiteral("settings")}))
        return std::nullopt;
    const QString schema = f.string(o, {}, QStringLiteral("schema"), 64);
    if (!f.failed() && schema != QLatin1String(eventStreamSchema))
        f.fail(QStringLiteral("schema"),
               QStringLiteral("must be %1, got %2")
                   .arg(W::quoted(QLatin1String(eventStreamSchema)), W::quoted(schema)));
    StreamMessage m;
    m.kind = StreamMessage::Kind::Hello;
    StreamHello &h = m.hello;
    h.session = f.string(o, {}, QStringLiteral("session"), maxSessionId);
    if (!f.failed() && h.session.isEmpty())
        f.fail(QStringLiteral("session"), QStringLiteral("must not be empty"));
    const QJsonArray clusters = f.array(o, {}, QStringLiteral("clusters"), 2);
    for (int i = 0; i < clusters.size() && !f.failed(); ++i) {
        const QString path = W::at(QStringLiteral("clusters"), i);
        const int c = clusterNames().indexOf(f.string(clusters.at(i), path, 1));
        if (f.failed())
            break;
        if (c < 0 || (!h.clusters.isEmpty() && c <= h.clusters.last()))
            f.fail(path, QStringLiteral("must be \"A\" or \"B\", each once, A first, got %1")
                             .arg(W::describe(clusters.at(i))));
        else
            h.clusters.append(c);
    }
    if (!f.failed() && h.clusters.isEmpty())
        f.fail(QStringLiteral("clusters"), QStringLiteral("must name at least one cluster"));
    h.via = f.choice(o, {}, QStringLiteral("cluster"), clusterNames(), false);
    if (!f.failed() && !h.clusters.contains(h.via))
        f.fail(QStringLiteral("cluster"), QStringLiteral("%1 is not among the clusters it hosts")
                                              .arg(W::quoted(clusterName(h.via))));
    h.startEpochUs = f.integer(o, {}, QStringLiteral("startEpochUs"), 0, maxTime);
    if (f.failed() || !d->log.nodes(o))
        return std::nullopt;
    const QJsonObject settings = f.object(o, {}, QStringLiteral("settings"));
    if (f.failed() ||
        !ScenarioReader::readSettings(settings, QStringLiteral("settings"), h.settings, f))
        return std::nullopt;
    h.nodes = d->context.nodes;
    d->context.scenario = EventStreamWriter::context(h).scenario;
    d->clusters = h.clusters;
    m_greeted = true;
    return m;
}

std::optional<StreamMessage> EventStreamReader::readEvent(const QJsonObject &o)
{
    JsonFields &f = d->fields;
    if (!f.onlyFields(o, {}, {QStringLiteral("type"), QStringLiteral("event")}))
        return std::nullopt;
    const QString path = QStringLiteral("event");
    const QJsonObject e = f.object(o, {}, path);
    // "why" is derived from the rest (the timeline reader does not read it either).
    if (f.failed() || !d->log.event(e, path))
        return std::nullopt;
    StreamMessage m;
    m.kind = StreamMessage::Kind::Event;
    m.event = d->context.events.takeLast();
    if (d->anyEvent && (m.event.t < d->lastT || m.event.seq <= d->lastSeq)) {
        f.fail(path, QStringLiteral("out of order: (t %1, seq %2) after (t %3, seq %4); a stream "
                                    "sends its events by t, seq increasing")
                         .arg(m.event.t)
                         .arg(m.event.seq)
                         .arg(d->lastT)
                         .arg(d->lastSeq));
        return std::nullopt;
    }
    d->anyEvent = true;
    d->lastT = m.event.t;
    d->lastSeq = m.event.seq;
    return m;
}

std::optional<StreamMessage> EventStreamReader::readAttempt(const QJsonObject &o)
{
    JsonFields &f = d->fields;
    if (!f.onlyFields(o, {},
                      {QStringLiteral("type"), QStringLiteral("index"), QStringLiteral("attempt")}))
        return std::nullopt;
    QVector<Attempt> &known = d->context.attempts;
    StreamMessage m;
    m.kind = StreamMessage::Kind::Attempt;
    // An attempt is new (the next index) or an update of one already sent (it ended).
    m.index = int(f.integer(o, {}, QStringLiteral("index"), 0, known.size()));
    const QString path = QStringLiteral("attempt");
    const QJsonObject a = f.object(o, {}, path);
    if (f.failed() || !d->log.attempt(a, path))
        return std::nullopt;
    m.attempt = known.last();
    if (m.index < known.size() - 1) {
        known.removeLast();
        known[m.index] = m.attempt;
    }
    return m;
}

std::optional<StreamMessage> EventStreamReader::readRows(const QJsonObject &o)
{
    JsonFields &f = d->fields;
    if (!f.onlyFields(o, {},
                      {QStringLiteral("type"), QStringLiteral("cluster"),
                       QStringLiteral("replicationConflicts"), QStringLiteral("database")}))
        return std::nullopt;
    StreamMessage m;
    m.kind = StreamMessage::Kind::Rows;
    StreamRows &rows = m.rows;
    rows.cluster = f.choice(o, {}, QStringLiteral("cluster"), clusterNames(), false);
    if (f.failed())
        return std::nullopt;
    if (!d->clusters.contains(rows.cluster)) {
        QStringList hosted;
        for (int c : d->clusters)
            hosted << clusterName(c);
        f.fail(QStringLiteral("cluster"),
               QStringLiteral("%1 is not a cluster of this process (the hello named %2)")
                   .arg(W::quoted(clusterName(rows.cluster)), W::listed(hosted)));
        return std::nullopt;
    }
    rows.replicationConflicts =
        int(f.integer(o, {}, QStringLiteral("replicationConflicts"), 0, INT_MAX));
    const QString path = QStringLiteral("database");
    const QJsonObject db = f.object(o, {}, path);
    if (f.failed() ||
        !f.onlyFields(db, path, {QStringLiteral("idempotencyKeys"), QStringLiteral("ledger")}))
        return std::nullopt;
    for (const QString &table : {QStringLiteral("idempotencyKeys"), QStringLiteral("ledger")})
        if (db.value(table).toArray().size() > maxRows) {
            f.fail(W::at(path, table), QStringLiteral("at most %1 rows, got %2")
                                           .arg(maxRows)
                                           .arg(db.value(table).toArray().size()));
            return std::nullopt;
        }
    RunResult scratch;
    RunStateReader state(f, scratch);
    if (!state.database(db, path, rows.cluster))
        return std::nullopt;
    rows.keys = std::move(scratch.keys[rows.cluster]);
    rows.ledger = std::move(scratch.ledger[rows.cluster]);
    return m;
}

} // namespace idem
