#include "scenario/scenarioreader.h"

#include "faults/faultreader.h"
#include "scenario/lessonreader.h"

#include "protocol/paymentbody.h"
#include "scenario/scenariowriter.h"
#include "json/jsondocument.h"
#include "json/jsonfields.h"
#include "json/jsonwording.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace idem {

namespace {

using W = JsonWording;

/// A drop as a hash key: which request, which attempt, which message.
struct DropKey
{
    QString request;
    int attempt = 1;
    int point = 0;

    bool operator==(const DropKey &o) const
    {
        return attempt == o.attempt && point == o.point && request == o.request;
    }
    friend size_t qHash(const DropKey &key, size_t seed = 0)
    {
        return qHashMulti(seed, key.request, key.attempt, key.point);
    }
};

/// Reads one scenario JSON object field by field; stops at the first problem.
class ScenarioJsonReader
{
public:
    ScenarioJsonReader(JsonFields &fields, const QString &base) : m_f(fields), m_base(base) {}

    std::optional<Scenario> read(const QJsonObject &root);

private:
    QString top(const QString &field) const { return W::at(m_base, field); }
    std::nullopt_t none(const QString &path, const QString &what)
    {
        m_f.fail(path, what);
        return std::nullopt;
    }

    bool readHeader(const QJsonObject &root, Scenario &s);
    bool readSettings(const QJsonValue &v, Settings &settings);
    bool readClients(const QJsonValue &v, QVector<ClientSpec> &clients);
    bool readRequests(const QJsonValue &v, Scenario &s);
    std::optional<RequestSpec> readRequest(const QJsonValue &v, const QString &path, int index,
                                           const Scenario &s);
    bool readDrops(const QJsonValue &v, Scenario &s);

    JsonFields &m_f;
    QString m_base;
    QStringList m_clientNames;
    QHash<QString, int> m_clients;  ///< client name → index
    QHash<QString, int> m_requests; ///< request id → index
};

std::optional<Scenario> ScenarioJsonReader::read(const QJsonObject &root)
{
    Scenario s;
    if (!m_f.onlyFields(root, m_base,
                        {"schema", "name", "title", "description", "settings", "clients",
                         "requests", "drops", "faults", "lesson"}) ||
        !readHeader(root, s))
        return std::nullopt;
    // Settings come first: a request's server is checked against serversPerCluster.
    if (root.contains(QLatin1String("settings")) &&
        !readSettings(root.value(QLatin1String("settings")), s.settings))
        return std::nullopt;
    const auto clients =
        m_f.required(root, m_base, QStringLiteral("clients"),
                     QStringLiteral("an array of 1 to %1 clients").arg(ScenarioReader::maxClients));
    if (!clients || !readClients(*clients, s.clients))
        return std::nullopt;
    const auto requests = m_f.required(
        root, m_base, QStringLiteral("requests"),
        QStringLiteral("an array of 1 to %1 requests").arg(ScenarioReader::maxRequests));
    if (!requests || !readRequests(*requests, s))
        return std::nullopt;
    if (root.contains(QLatin1String("drops")) && !readDrops(root.value(QLatin1String("drops")), s))
        return std::nullopt;
    if (root.contains(QLatin1String("faults")) &&
        !FaultReader::read(root.value(QLatin1String("faults")), top(QStringLiteral("faults")), s,
                           m_f))
        return std::nullopt;
    if (root.contains(QLatin1String("lesson")) &&
        !LessonReader::read(root.value(QLatin1String("lesson")), top(QStringLiteral("lesson")), s,
                            m_f))
        return std::nullopt;
    return s;
}

bool ScenarioJsonReader::readHeader(const QJsonObject &root, Scenario &s)
{
    const QJsonValue schema = root.value(QLatin1String("schema"));
    if (!schema.isUndefined() && schema != QJsonValue(ScenarioWriter::schema()))
        return m_f.fail(top(QStringLiteral("schema")),
                        QStringLiteral("must be \"%1\" (the only version this build reads), got %2")
                            .arg(ScenarioWriter::schema(), W::describe(schema)));

    const auto name = m_f.required(root, m_base, QStringLiteral("name"),
                                   QStringLiteral("a name of lowercase letters, digits and "
                                                  "dashes, such as \"my-scenario\""));
    if (!name)
        return false;
    static const QRegularExpression namePattern(QStringLiteral("\\A[a-z0-9]+(-[a-z0-9]+)*\\z"));
    if (!name->isString() || name->toString().size() > ScenarioReader::maxLabel ||
        !namePattern.match(name->toString()).hasMatch())
        return m_f.fail(top(QStringLiteral("name")),
                        QStringLiteral("must be lowercase letters, digits and single dashes (at "
                                       "most %1 characters), such as \"my-scenario\", got %2")
                            .arg(ScenarioReader::maxLabel)
                            .arg(W::describe(*name)));
    s.name = name->toString();

    const QString titleWhat = QStringLiteral("a short title string");
    const auto title = m_f.required(root, m_base, QStringLiteral("title"), titleWhat);
    const auto titleText =
        title ? m_f.label(*title, top(QStringLiteral("title")), ScenarioReader::maxTitle, titleWhat)
              : std::nullopt;
    if (!titleText)
        return false;
    s.title = *titleText;

    const QString descriptionWhat = QStringLiteral("a one-line description string");
    const auto description =
        m_f.required(root, m_base, QStringLiteral("description"), descriptionWhat);
    const auto descriptionText = description
                                     ? m_f.label(*description, top(QStringLiteral("description")),
                                                 ScenarioReader::maxDescription, descriptionWhat)
                                     : std::nullopt;
    if (!descriptionText)
        return false;
    s.description = *descriptionText;
    return true;
}

bool ScenarioJsonReader::readSettings(const QJsonValue &v, Settings &settings)
{
    const QString base = top(QStringLiteral("settings"));
    const auto o = m_f.objectLike(v, base, QStringLiteral("{\"mutex\": true}"));
    return o && ScenarioReader::readSettings(*o, base, settings, m_f);
}

bool ScenarioJsonReader::readClients(const QJsonValue &v, QVector<ClientSpec> &clients)
{
    const QString base = top(QStringLiteral("clients"));
    const auto list =
        m_f.nonEmptyArray(v, base, ScenarioReader::maxClients, QStringLiteral("clients"));
    if (!list)
        return false;
    for (int i = 0; i < list->size(); ++i) {
        const QString path = W::at(base, i);
        const auto o = m_f.objectLike(list->at(i), path,
                                      QStringLiteral(R"({"name": "Client 1", "region": "A"})"));
        if (!o || !m_f.onlyFields(*o, path, {"name", "region"}))
            return false;
        const QString namePath = W::at(path, QStringLiteral("name"));
        const auto nameValue = m_f.required(*o, path, QStringLiteral("name"),
                                            QStringLiteral("a client name such as \"Client 1\""));
        const auto name = nameValue ? m_f.label(*nameValue, namePath, ScenarioReader::maxLabel,
                                                QStringLiteral("a client name string"))
                                    : std::nullopt;
        if (!name)
            return false;
        if (m_clients.contains(*name))
            return m_f.fail(namePath,
                            QStringLiteral("duplicate client name %1 (also %2)")
                                .arg(W::quoted(*name), W::at(base, m_clients.value(*name))));
        m_clients.insert(*name, i);
        m_clientNames << *name;
        ClientSpec client;
        client.name = *name;
        if (o->contains(QLatin1String("region"))) {
            const auto region = m_f.oneOf(o->value(QLatin1String("region")),
                                          W::at(path, QStringLiteral("region")), {"A", "B"});
            if (!region)
                return false;
            client.region = *region;
        }
        clients.push_back(client);
    }
    return true;
}

bool ScenarioJsonReader::readRequests(const QJsonValue &v, Scenario &s)
{
    const QString base = top(QStringLiteral("requests"));
    const auto list =
        m_f.nonEmptyArray(v, base, ScenarioReader::maxRequests, QStringLiteral("requests"));
    if (!list)
        return false;
    s.requests.reserve(list->size());
    for (int i = 0; i < list->size(); ++i) {
        const QString path = W::at(base, i);
        auto request = readRequest(list->at(i), path, i, s);
        if (!request)
            return false;
        const auto seen = m_requests.constFind(request->id);
        if (seen != m_requests.cend()) {
            const QString other = W::at(base, seen.value());
            if (list->at(i).toObject().contains(QLatin1String("id")))
                return m_f.fail(
                    W::at(path, QStringLiteral("id")),
                    QStringLiteral("duplicate id %1 (also %2)").arg(W::quoted(request->id), other));
            return m_f.fail(path, QStringLiteral("its default id %1 is taken by %2; give it an "
                                                 "explicit \"id\"")
                                      .arg(W::quoted(request->id), other));
        }
        m_requests.insert(request->id, i);
        s.requests.push_back(*request);
    }
    return true;
}

std::optional<RequestSpec> ScenarioJsonReader::readRequest(const QJsonValue &v, const QString &path,
                                                           int index, const Scenario &s)
{
    const auto o = m_f.objectLike(
        v, path, QStringLiteral(R"({"client": "Client 1", "atMs": 0, "key": "K1"})"));
    if (!o || !m_f.onlyFields(
                  *o, path, {"id", "client", "atMs", "key", "rawKey", "body", "cluster", "server"}))
        return std::nullopt;
    RequestSpec r;

    r.id = QStringLiteral("R%1").arg(index + 1);
    if (o->contains(QLatin1String("id"))) {
        const auto id = m_f.label(o->value(QLatin1String("id")), W::at(path, QStringLiteral("id")),
                                  ScenarioReader::maxLabel,
                                  QStringLiteral("a request id string such as \"R1\""));
        if (!id)
            return std::nullopt;
        r.id = *id;
    }

    const QString clientPath = W::at(path, QStringLiteral("client"));
    const auto client =
        m_f.required(*o, path, QStringLiteral("client"),
                     QStringLiteral("the name of a client: %1").arg(W::listed(m_clientNames)));
    if (!client)
        return std::nullopt;
    r.client = client->isString() ? m_clients.value(client->toString(), -1) : -1;
    if (r.client < 0)
        return none(clientPath,
                    client->isString()
                        ? QStringLiteral("unknown client %1 (clients are: %2)")
                              .arg(W::describe(*client), W::listed(m_clientNames))
                        : QStringLiteral("must be the name of a client (clients are: %1), got %2")
                              .arg(W::listed(m_clientNames), W::describe(*client)));

    const QString atMsPath = W::at(path, QStringLiteral("atMs"));
    const auto atMs = m_f.required(
        *o, path, QStringLiteral("atMs"),
        QStringLiteral("the send time in ms, a number from 0 to %1").arg(ScenarioReader::maxAtMs));
    if (!atMs)
        return std::nullopt;
    if (!atMs->isDouble() || !(atMs->toDouble() >= 0) ||
        atMs->toDouble() > double(ScenarioReader::maxAtMs))
        return none(atMsPath, QStringLiteral("must be a number from 0 to %1 (ms), got %2")
                                  .arg(ScenarioReader::maxAtMs)
                                  .arg(W::describe(*atMs)));
    r.atUs = std::llround(atMs->toDouble() * 1000.0);

    const QString keyPath = W::at(path, QStringLiteral("key"));
    const QJsonValue key = o->value(QLatin1String("key"));
    if (key.isString() && key.toString().isEmpty())
        return none(keyPath, QStringLiteral("must not be empty (for an empty "
                                            "Idempotency-Key header use \"rawKey\": \"\")"));
    if (!key.isUndefined() && !key.isNull()) {
        const auto keyLabel =
            m_f.label(key, keyPath, ScenarioReader::maxLabel,
                      QStringLiteral("a key label string such as \"K1\" (or null for no key)"));
        if (!keyLabel)
            return std::nullopt;
        r.key = *keyLabel;
    }

    if (o->contains(QLatin1String("rawKey"))) {
        // The literal header value is data under test (a key with a tab must get its 400), so
        // it may hold any character; it is only ever written back JSON-escaped.
        const QJsonValue raw = o->value(QLatin1String("rawKey"));
        const QString rawPath = W::at(path, QStringLiteral("rawKey"));
        if (!raw.isString())
            return none(rawPath, QStringLiteral("must be a string (the literal "
                                                "Idempotency-Key header value), got %1")
                                     .arg(W::describe(raw)));
        if (raw.toString().size() > ScenarioReader::maxRawKey)
            return none(rawPath, QStringLiteral("must be at most %1 characters, got %2 "
                                                "characters")
                                     .arg(ScenarioReader::maxRawKey)
                                     .arg(raw.toString().size()));
        r.rawKey = raw.toString();
    }

    if (o->contains(QLatin1String("body"))) {
        const auto body = PaymentBodyReader::read(m_f, o->value(QLatin1String("body")),
                                                  W::at(path, QStringLiteral("body")), false);
        if (!body)
            return std::nullopt;
        r.body = *body;
    }

    if (o->contains(QLatin1String("cluster"))) {
        const auto cluster = m_f.oneOf(o->value(QLatin1String("cluster")),
                                       W::at(path, QStringLiteral("cluster")), {"A", "B"});
        if (!cluster)
            return std::nullopt;
        r.cluster = *cluster;
    }

    if (o->contains(QLatin1String("server"))) {
        const int servers = s.settings.serversPerCluster;
        const auto server = m_f.wholeNumber(
            o->value(QLatin1String("server")), W::at(path, QStringLiteral("server")), 1, servers,
            QStringLiteral("settings.serversPerCluster is %1").arg(servers));
        if (!server)
            return std::nullopt;
        r.server = int(*server - 1);
    }
    return r;
}

bool ScenarioJsonReader::readDrops(const QJsonValue &v, Scenario &s)
{
    const QString base = top(QStringLiteral("drops"));
    if (!v.isArray())
        return m_f.fail(base, QStringLiteral("must be an array of drops such as [{\"request\": "
                                             "\"R1\", \"message\": \"response\"}], got %1")
                                  .arg(W::describe(v)));
    const QJsonArray list = v.toArray();
    if (list.size() > ScenarioReader::maxDrops)
        return m_f.fail(base, QStringLiteral("must be an array of at most %1 drops (each "
                                             "request, attempt and message once), got %2 drops")
                                  .arg(ScenarioReader::maxDrops)
                                  .arg(list.size()));
    QStringList ids;
    for (const RequestSpec &r : s.requests)
        ids << r.id;
    QHash<DropKey, int> seen;
    s.drops.reserve(list.size());
    for (int i = 0; i < list.size(); ++i) {
        const QString path = W::at(base, i);
        const auto o = m_f.objectLike(
            list.at(i), path,
            QStringLiteral(R"({"request": "R1", "attempt": 1, "message": "response"})"));
        if (!o || !m_f.onlyFields(*o, path, {"request", "attempt", "message"}))
            return false;
        DropSpec drop;
        const QString requestPath = W::at(path, QStringLiteral("request"));
        const auto request = m_f.required(*o, path, QStringLiteral("request"),
                                          QStringLiteral("a request id: %1").arg(W::listed(ids)));
        if (!request)
            return false;
        if (!request->isString() || !m_requests.contains(request->toString()))
            return m_f.fail(requestPath,
                            request->isString()
                                ? QStringLiteral("unknown request %1 (request ids are: %2)")
                                      .arg(W::describe(*request), W::listed(ids))
                                : QStringLiteral("must be a request id (request ids are: %1), "
                                                 "got %2")
                                      .arg(W::listed(ids), W::describe(*request)));
        drop.request = request->toString();
        if (o->contains(QLatin1String("attempt"))) {
            const auto attempt = m_f.wholeNumber(
                o->value(QLatin1String("attempt")), W::at(path, QStringLiteral("attempt")), 1,
                ScenarioReader::maxAttempt,
                QStringLiteral("1 = the first attempt, 2 = the first retry"));
            if (!attempt)
                return false;
            drop.attempt = int(*attempt);
        }
        const auto message =
            m_f.required(*o, path, QStringLiteral("message"),
                         QStringLiteral("\"request\" or \"response\", the message to lose"));
        const auto point = message ? m_f.oneOf(*message, W::at(path, QStringLiteral("message")),
                                               {"request", "response"})
                                   : std::nullopt;
        if (!point)
            return false;
        drop.point = *point == 0 ? DropPoint::Request : DropPoint::Response;
        const DropKey dropKey{drop.request, drop.attempt, *point};
        const auto twin = seen.constFind(dropKey);
        if (twin != seen.cend())
            return m_f.fail(path, QStringLiteral("same drop as %1").arg(W::at(base, twin.value())));
        seen.insert(dropKey, i);
        s.drops.push_back(drop);
    }
    return true;
}

} // namespace

bool ScenarioReader::readSettings(const QJsonObject &o, const QString &path, Settings &settings,
                                  JsonFields &fields)
{
    QStringList known;
    for (const SettingInfo &info : settingInfos())
        known << info.json;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString at = W::at(path, it.key());
        if (!known.contains(it.key()))
            return fields.fail(at, W::unknownField(it.key(), known, QStringLiteral("setting")));
        if (auto error = settings.setFromJson(it.key(), it.value())) {
            // Settings says "settings.delayMs must be ..., got <the value as it is>": the path
            // goes in front, and the value is described as every reader does, escaped.
            QString what = *error;
            const QString own = W::at(QStringLiteral("settings"), it.key());
            if (what.startsWith(own + QLatin1Char(' ')))
                what = what.mid(own.size() + 1);
            const qsizetype got = what.indexOf(QLatin1String(", got "));
            if (got >= 0)
                what.truncate(got);
            return fields.fail(at, what + QStringLiteral(", got ") + W::describe(it.value()));
        }
    }
    return true;
}

std::optional<Scenario> ScenarioReader::read(const QJsonObject &root, const QString &path,
                                             JsonFields &fields)
{
    return ScenarioJsonReader(fields, path).read(root);
}

ScenarioLoad ScenarioReader::fromJson(const QByteArray &json, const QString &source)
{
    const JsonObjectLoad root =
        JsonDocumentReader::parseObject(json, {source, QStringLiteral("scenario"), maxFileBytes});
    if (!root.object)
        return {std::nullopt, root.error};
    JsonFields fields;
    auto scenario = read(*root.object, {}, fields);
    if (!scenario)
        return {std::nullopt, source + QStringLiteral(": ") + fields.error()};
    return {std::move(scenario), {}};
}

ScenarioLoad ScenarioReader::fromFile(const QString &path)
{
    const JsonBytesLoad file =
        JsonDocumentReader::readFile({path, QStringLiteral("scenario"), maxFileBytes});
    if (!file.bytes)
        return {std::nullopt, file.error};
    return fromJson(*file.bytes, path);
}

} // namespace idem
