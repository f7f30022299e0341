#include "timeline/eventlogreader.h"

#include "timeline/timelinereader.h"
#include "json/jsonwording.h"

#include <algorithm>

namespace idem {

namespace {

constexpr qint64 maxTime = JsonFields::maxExactInteger; ///< µs

QStringList nodeKindNames()
{
    QStringList names;
    for (const NodeKind k : {NodeKind::Client, NodeKind::Router, NodeKind::Server,
                             NodeKind::Database, NodeKind::Cache})
        names << nodeKindName(k);
    return names;
}

QStringList eventTypeNames()
{
    QStringList names;
    for (int i = 0; i <= int(EventType::Anomaly); ++i)
        names << eventTypeName(EventType(i));
    return names;
}

} // namespace

bool EventLogReader::read(const QJsonObject &root)
{
    return nodes(root) && range(root) && attempts(root) && events(root);
}

bool EventLogReader::nodes(const QJsonObject &root)
{
    const QJsonArray list = m_f.array(root, {}, QStringLiteral("nodes"), TimelineReader::maxNodes);
    static const QStringList kinds = nodeKindNames();
    for (int i = 0; i < list.size() && !m_f.failed(); ++i) {
        const QString path = JsonWording::at(QStringLiteral("nodes"), i);
        const QJsonObject o = m_f.object(list.at(i), path);
        Node n;
        n.id = m_f.string(o, path, QStringLiteral("id"), TimelineReader::maxShortText);
        n.name = m_f.string(o, path, QStringLiteral("name"), TimelineReader::maxShortText);
        n.kind = NodeKind(std::max(0, m_f.choice(o, path, QStringLiteral("kind"), kinds, false)));
        n.cluster = m_f.choice(o, path, QStringLiteral("cluster"),
                               {QStringLiteral("A"), QStringLiteral("B")}, true);
        if (m_f.failed())
            return false;
        const QString idPath = JsonWording::at(path, QStringLiteral("id"));
        if (n.id.isEmpty())
            return m_f.fail(idPath, QStringLiteral("must not be empty"));
        if (m_nodeIds.contains(n.id))
            return m_f.fail(idPath, QStringLiteral("duplicate node id %1 (also nodes[%2])")
                                        .arg(JsonWording::quoted(n.id))
                                        .arg(m_nodeIds.value(n.id)));
        if ((n.kind == NodeKind::Server || n.kind == NodeKind::Database) && n.cluster < 0)
            return m_f.fail(JsonWording::at(path, QStringLiteral("cluster")),
                            QStringLiteral("a %1 belongs to cluster \"A\" or \"B\", got null")
                                .arg(nodeKindName(n.kind)));
        m_nodeIds.insert(n.id, i);
        m_run.nodes.append(n);
    }
    return !m_f.failed();
}

// A node id, or null (-1).
int EventLogReader::node(const QJsonObject &o, const QString &path, const QString &field)
{
    const QString id = m_f.nullableString(o, path, field, TimelineReader::maxShortText);
    if (m_f.failed() || o.value(field).isNull())
        return -1;
    const auto it = m_nodeIds.constFind(id);
    if (it != m_nodeIds.cend())
        return it.value();
    QStringList ids;
    for (const Node &n : m_run.nodes)
        ids << n.id;
    m_f.fail(JsonWording::at(path, field),
             QStringLiteral("unknown node %1 (node ids are: %2)")
                 .arg(JsonWording::quoted(id), JsonWording::listed(ids)));
    return -1;
}

bool EventLogReader::range(const QJsonObject &root)
{
    const QString path = QStringLiteral("range");
    const QJsonObject o = m_f.object(root, {}, path);
    m_range.fromUs = m_f.integer(o, path, QStringLiteral("fromUs"), 0, maxTime);
    m_range.toUs = m_f.integer(o, path, QStringLiteral("toUs"), 0, maxTime);
    m_run.endUs = m_f.integer(root, {}, QStringLiteral("endUs"), 0, maxTime);
    return !m_f.failed();
}

bool EventLogReader::attempts(const QJsonObject &root)
{
    const QJsonArray list =
        m_f.array(root, {}, QStringLiteral("attempts"), TimelineReader::maxAttempts);
    for (int i = 0; i < list.size() && !m_f.failed(); ++i) {
        const QString path = JsonWording::at(QStringLiteral("attempts"), i);
        attempt(m_f.object(list.at(i), path), path);
    }
    return !m_f.failed();
}

bool EventLogReader::attempt(const QJsonObject &o, const QString &path)
{
    using F = JsonFields;
    using W = JsonWording;
    constexpr int shortText = TimelineReader::maxShortText;
    Attempt a;
    a.request = m_f.string(o, path, QStringLiteral("request"), shortText);
    a.attempt = int(m_f.integer(o, path, QStringLiteral("attempt"), 1, 1000));
    const QString client = m_f.nullableString(o, path, QStringLiteral("client"), shortText);
    a.clientNode = node(o, path, QStringLiteral("clientNode"));
    a.key = m_f.nullableString(o, path, QStringLiteral("key"), shortText);
    // The literal header value is data under test: any character, written back JSON-escaped.
    a.rawKey = m_f.rawString(o, path, QStringLiteral("rawKey"), TimelineReader::maxLongText, true);
    a.cluster = m_f.choice(o, path, QStringLiteral("cluster"),
                           {QStringLiteral("A"), QStringLiteral("B")}, true);
    a.serverNode = node(o, path, QStringLiteral("server"));
    a.status = int(m_f.nullableInteger(o, path, QStringLiteral("status"), 100, 599, 0));
    a.outcome = AttemptOutcome(
        std::max(0, m_f.choice(o, path, QStringLiteral("outcome"),
                               {QStringLiteral("pending"), QStringLiteral("answered"),
                                QStringLiteral("timeout")},
                               false)));
    a.sentUs = m_f.integer(o, path, QStringLiteral("sentUs"), 0, maxTime);
    a.receivedUs = m_f.nullableInteger(o, path, QStringLiteral("receivedUs"), 0, maxTime, -1);
    const QString bodyPath = W::at(path, QStringLiteral("body"));
    const QJsonObject body = m_f.object(o, path, QStringLiteral("body"));
    a.body.from = m_f.string(body, bodyPath, QStringLiteral("from"), shortText);
    a.body.to = m_f.string(body, bodyPath, QStringLiteral("to"), shortText);
    a.body.amount = m_f.integer(body, bodyPath, QStringLiteral("amount"), -F::maxExactInteger,
                                F::maxExactInteger);
    if (m_f.failed())
        return false;

    // The exporter names the client by its scenario name, or by its node's name.
    if (m_clients.isEmpty())
        for (int c = 0; c < m_run.scenario.clients.size(); ++c)
            m_clients.insert(m_run.scenario.clients[c].name, c);
    a.client = m_clients.value(client, -1);
    const bool byNode = a.clientNode >= 0 && m_run.nodes[a.clientNode].name == client;
    if (!client.isEmpty() && a.client < 0 && !byNode) {
        QStringList names;
        for (const ClientSpec &c : m_run.scenario.clients)
            names << c.name;
        return m_f.fail(W::at(path, QStringLiteral("client")),
                        QStringLiteral("unknown client %1 (scenario.clients are: %2)")
                            .arg(W::quoted(client), W::listed(names)));
    }
    m_run.attempts.append(a);
    return true;
}

bool EventLogReader::events(const QJsonObject &root)
{
    const QJsonArray list =
        m_f.array(root, {}, QStringLiteral("events"), TimelineReader::maxEvents);
    m_run.events.reserve(list.size());
    for (int i = 0; i < list.size() && !m_f.failed(); ++i) {
        const QString path = JsonWording::at(QStringLiteral("events"), i);
        if (!event(m_f.object(list.at(i), path), path))
            return false;
        const Event &e = m_run.events.last();
        const QString t = JsonWording::at(path, QStringLiteral("t"));
        if (!m_range.contains(e.t))
            return m_f.fail(t, QStringLiteral("%1 is outside the range (%2 to %3)")
                                   .arg(e.t)
                                   .arg(m_range.fromUs)
                                   .arg(m_range.toUs));
        if (e.t > m_run.endUs)
            return m_f.fail(t, QStringLiteral("%1 is after the end of the run (endUs %2)")
                                   .arg(e.t)
                                   .arg(m_run.endUs));
        if (i > 0) {
            const Event &before = m_run.events[i - 1];
            if (e.t < before.t || (e.t == before.t && e.seq <= before.seq))
                return m_f.fail(path, QStringLiteral("out of order: (t %1, seq %2) after "
                                                     "(t %3, seq %4); events are sorted by "
                                                     "t, then by a unique seq")
                                          .arg(e.t)
                                          .arg(e.seq)
                                          .arg(before.t)
                                          .arg(before.seq));
        }
    }
    return !m_f.failed();
}

bool EventLogReader::event(const QJsonObject &o, const QString &path)
{
    constexpr int shortText = TimelineReader::maxShortText;
    constexpr int longText = TimelineReader::maxLongText;
    static const QStringList types = eventTypeNames();
    Event e;
    e.t = m_f.integer(o, path, QStringLiteral("t"), 0, maxTime);
    e.seq = m_f.integer(o, path, QStringLiteral("seq"), 0, maxTime);
    e.type = EventType(std::max(0, m_f.choice(o, path, QStringLiteral("type"), types, false)));
    e.from = node(o, path, QStringLiteral("from"));
    e.to = node(o, path, QStringLiteral("to"));
    e.request = requestIndex(o, path);
    e.key = m_f.nullableString(o, path, QStringLiteral("key"), shortText);
    e.status = int(m_f.nullableInteger(o, path, QStringLiteral("status"), 100, 599, 0));
    e.startUs = m_f.nullableInteger(o, path, QStringLiteral("startUs"), 0, maxTime, -1);
    e.endUs = m_f.nullableInteger(o, path, QStringLiteral("endUs"), 0, maxTime, -1);
    e.lost = m_f.boolean(o, path, QStringLiteral("lost"));
    e.label = m_f.string(o, path, QStringLiteral("label"), shortText);
    e.detail = m_f.string(o, path, QStringLiteral("detail"), longText);
    e.state = m_f.string(o, path, QStringLiteral("state"), shortText);
    e.caption = m_f.string(o, path, QStringLiteral("caption"), longText);
    // Newer, absent from older timelines and from events that act on no scoped key.
    if (o.contains(QLatin1String("scope")))
        e.scope = m_f.string(o, path, QStringLiteral("scope"), shortText);
    if (m_f.failed())
        return false;
    m_run.events.append(e);
    return true;
}

int EventLogReader::requestIndex(const QJsonObject &o, const QString &path)
{
    const QJsonValue v = o.value(QLatin1String("request"));
    if (m_run.attempts.isEmpty() && !v.isNull() && !v.isUndefined()) {
        m_f.fail(JsonWording::at(path, QStringLiteral("request")),
                 QStringLiteral("must be null (there are no attempts), got %1")
                     .arg(JsonWording::describe(v)));
        return -1;
    }
    const qint64 last = std::max<qint64>(qint64(m_run.attempts.size()) - 1, 0);
    return int(m_f.nullableInteger(o, path, QStringLiteral("request"), 0, last, -1));
}

} // namespace idem
