#include "scenario/scenarioloader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace idem {

namespace {

constexpr qint64 maxFileBytes = 16 * 1024 * 1024;
constexpr int maxClients = 50;
constexpr int maxRequests = 10'000;
constexpr qint64 maxAtMs = 86'400'000; // one day
constexpr qint64 maxAmount = 1'000'000'000;
constexpr int maxAttempt = 11; // the first attempt and up to 10 retries (settings.retries)
constexpr int maxLabel = 64;
constexpr int maxTitle = 80;
constexpr int maxDescription = 500;
constexpr int maxListed = 10; // names shown in "clients are: ..." before "and N more"

const QString &schemaId()
{
    static const QString id = QStringLiteral("idemlab.scenario/1");
    return id;
}

// ---- describing values and fields in error messages ------------------------------------

// A string as a JSON literal, cut short: keeps line breaks and quotes out of the one-line error.
QString quoted(QString s)
{
    if (s.size() > 40)
        s = s.left(37) + QLatin1String("...");
    const QByteArray array = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QString describe(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return v.toVariant().toString();
    case QJsonValue::String:
        return quoted(v.toString());
    case QJsonValue::Array:
        return v.toArray().isEmpty() ? QStringLiteral("an empty array")
                                     : QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString listed(const QStringList &names)
{
    if (names.size() <= maxListed)
        return names.join(QLatin1String(", "));
    return names.mid(0, maxListed).join(QLatin1String(", ")) +
           QStringLiteral(" and %1 more").arg(names.size() - maxListed);
}

int editDistance(const QString &a, const QString &b)
{
    QVector<int> row(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

QString unknownField(const QString &field, const QStringList &allowed, const QString &noun)
{
    QString best;
    int bestDistance = 3; // suggest only near misses: a typo, a wrong case
    for (const QString &candidate : allowed) {
        const int d = editDistance(field.toLower(), candidate.toLower());
        if (d < bestDistance && d < candidate.size()) {
            best = candidate;
            bestDistance = d;
        }
    }
    if (!best.isEmpty())
        return QStringLiteral("unknown %1 (did you mean \"%2\"?)").arg(noun, best);
    return QStringLiteral("unknown %1 (expected one of: %2)").arg(noun, allowed.join(", "));
}

QString clusterName(int index)
{
    return index == 1 ? QStringLiteral("B") : QStringLiteral("A");
}

QJsonValue msValue(qint64 us)
{
    // Whole milliseconds print as integers, the rest keep their fraction (as Settings does).
    if (us % 1000 == 0)
        return us / 1000;
    return double(us) / 1000.0;
}

// ---- JSON text: position, duplicate fields ----------------------------------------------

QString lineColumn(const QByteArray &json, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, json.size());
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(json[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) { // count characters, not UTF-8 continuation bytes
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

struct DuplicateField
{
    qsizetype offset;
    QString name;
};

// QJsonDocument keeps the last of two equal fields without a word; a file that says
// "mutex" twice is a mistake worth reporting. Runs on text that already parsed.
std::optional<DuplicateField> firstDuplicateField(const QByteArray &json)
{
    struct Level
    {
        bool object = false;
        bool expectKey = false;
        QSet<QString> keys;
    };
    QVector<Level> stack;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '{' || c == '[') {
            stack.push_back({c == '{', c == '{', {}});
        } else if (c == '}' || c == ']') {
            if (!stack.isEmpty())
                stack.pop_back();
        } else if (c == ',') {
            if (!stack.isEmpty() && stack.back().object)
                stack.back().expectKey = true;
        } else if (c == '"') {
            const qsizetype start = i;
            bool escaped = false;
            for (++i; i < json.size(); ++i) {
                if (escaped)
                    escaped = false;
                else if (json[i] == '\\')
                    escaped = true;
                else if (json[i] == '"')
                    break;
            }
            if (stack.isEmpty() || !stack.back().expectKey)
                continue;
            stack.back().expectKey = false;
            const QByteArray quoted = json.mid(start, i - start + 1);
            const QString key = quoted.contains('\\')
                                    ? QJsonDocument::fromJson("[" + quoted + "]")[0].toString()
                                    : QString::fromUtf8(quoted.mid(1, quoted.size() - 2));
            if (stack.back().keys.contains(key))
                return DuplicateField{start, key};
            stack.back().keys.insert(key);
        }
    }
    return std::nullopt;
}

// ---- the reader: walks the document, stops at the first problem ---------------------------

QString at(const QString &path, const QString &field)
{
    // An unknown field can be named anything; odd names are shown quoted, as in JSON.
    static const QRegularExpression plain(QStringLiteral("\\A[A-Za-z_][A-Za-z0-9_]{0,39}\\z"));
    if (!plain.match(field).hasMatch())
        return QStringLiteral("%1[%2]").arg(path, quoted(field));
    return path.isEmpty() ? field : path + QLatin1Char('.') + field;
}

QString at(const QString &path, int index)
{
    return QStringLiteral("%1[%2]").arg(path).arg(index);
}

class Reader
{
public:
    std::optional<Scenario> read(const QJsonObject &root);
    /// An HTTP request's body, where every field is required.
    std::optional<PaymentBody> readHttpBody(const QJsonObject &body, const QString &path)
    {
        return readBody(body, path, true);
    }
    [[nodiscard]] QString error() const { return m_error; }

private:
    bool fail(const QString &path, const QString &what)
    {
        if (m_error.isEmpty())
            m_error = path.isEmpty() ? what : path + QLatin1String(": ") + what;
        return false;
    }

    bool onlyFields(const QJsonObject &o, const QString &path, const QStringList &allowed);
    std::optional<QJsonValue> required(const QJsonObject &o, const QString &path,
                                       const QString &field, const QString &expected);
    std::optional<QString> label(const QJsonValue &v, const QString &path, int maxLength,
                                 const QString &what);
    std::optional<qint64> wholeNumber(const QJsonValue &v, const QString &path, qint64 min,
                                      qint64 max, const QString &note = {});
    std::optional<int> choice(const QJsonValue &v, const QString &path, const QStringList &options);
    std::optional<QJsonArray> array(const QJsonValue &v, const QString &path, int max,
                                    const QString &noun);
    std::optional<QJsonObject> object(const QJsonValue &v, const QString &path,
                                      const QString &example);

    bool readHeader(const QJsonObject &root, Scenario &s);
    bool readSettings(const QJsonValue &v, Settings &settings);
    bool readClients(const QJsonValue &v, QVector<ClientSpec> &clients);
    bool readRequests(const QJsonValue &v, Scenario &s);
    std::optional<RequestSpec> readRequest(const QJsonValue &v, const QString &path, int index,
                                           const Scenario &s);
    /// `fieldsRequired`: an HTTP body must name all three fields; a scenario may omit any.
    std::optional<PaymentBody> readBody(const QJsonValue &v, const QString &path,
                                        bool fieldsRequired = false);
    bool readDrops(const QJsonValue &v, Scenario &s);

    QString m_error;
};

bool Reader::onlyFields(const QJsonObject &o, const QString &path, const QStringList &allowed)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!allowed.contains(it.key()))
            return fail(at(path, it.key()), unknownField(it.key(), allowed, "field"));
    return true;
}

std::optional<QJsonValue> Reader::required(const QJsonObject &o, const QString &path,
                                           const QString &field, const QString &expected)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined()) {
        fail(at(path, field), QStringLiteral("missing (expected %1)").arg(expected));
        return std::nullopt;
    }
    return v;
}

std::optional<QString> Reader::label(const QJsonValue &v, const QString &path, int maxLength,
                                     const QString &what)
{
    if (!v.isString()) {
        fail(path, QStringLiteral("must be %1, got %2").arg(what, describe(v)));
        return std::nullopt;
    }
    const QString s = v.toString();
    const bool oneLine = std::none_of(s.begin(), s.end(), [](QChar c) {
        return c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
               c == QChar::ParagraphSeparator;
    });
    if (s.trimmed().isEmpty()) {
        fail(path, QStringLiteral("must not be empty or blank, got %1").arg(describe(v)));
        return std::nullopt;
    }
    if (s.size() > maxLength || !oneLine) {
        const QString got = oneLine ? QStringLiteral("%1 characters").arg(s.size())
                                    : QStringLiteral("a string with a line break or control "
                                                     "character");
        fail(path, QStringLiteral("must be 1 to %1 characters on one line, got %2")
                       .arg(maxLength)
                       .arg(got));
        return std::nullopt;
    }
    return s;
}

std::optional<qint64> Reader::wholeNumber(const QJsonValue &v, const QString &path, qint64 min,
                                          qint64 max, const QString &note)
{
    const double n = v.toDouble();
    if (!v.isDouble() || n != std::floor(n) || n < double(min) || n > double(max)) {
        fail(path, QStringLiteral("must be a whole number from %1 to %2%3, got %4")
                       .arg(min)
                       .arg(max)
                       .arg(note.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(note))
                       .arg(describe(v)));
        return std::nullopt;
    }
    return qint64(n);
}

std::optional<int> Reader::choice(const QJsonValue &v, const QString &path,
                                  const QStringList &options)
{
    const int index = v.isString() ? int(options.indexOf(v.toString())) : -1;
    if (index < 0) {
        QStringList quoted;
        for (const QString &o : options)
            quoted << QLatin1Char('"') + o + QLatin1Char('"');
        fail(path, QStringLiteral("must be %1, got %2")
                       .arg(quoted.join(QLatin1String(" or ")), describe(v)));
        return std::nullopt;
    }
    return index;
}

std::optional<QJsonArray> Reader::array(const QJsonValue &v, const QString &path, int max,
                                        const QString &noun)
{
    const QJsonArray a = v.toArray();
    if (!v.isArray() || a.isEmpty() || a.size() > max) {
        const QString got = v.isArray() && !a.isEmpty()
                                ? QStringLiteral("%1 %2").arg(a.size()).arg(noun)
                                : describe(v);
        fail(path,
             QStringLiteral("must be an array of 1 to %1 %2, got %3").arg(max).arg(noun, got));
        return std::nullopt;
    }
    return a;
}

std::optional<QJsonObject> Reader::object(const QJsonValue &v, const QString &path,
                                          const QString &example)
{
    if (!v.isObject()) {
        fail(path, QStringLiteral("must be an object like %1, got %2").arg(example, describe(v)));
        return std::nullopt;
    }
    return v.toObject();
}

std::optional<Scenario> Reader::read(const QJsonObject &root)
{
    Scenario s;
    if (!onlyFields(root, {},
                    {"schema", "name", "title", "description", "settings", "clients", "requests",
                     "drops"}) ||
        !readHeader(root, s))
        return std::nullopt;
    // Settings come first: a request's server is checked against serversPerCluster.
    if (root.contains("settings") && !readSettings(root.value("settings"), s.settings))
        return std::nullopt;
    const auto clients = required(root, {}, "clients", "an array of 1 to 50 clients");
    if (!clients || !readClients(*clients, s.clients))
        return std::nullopt;
    const auto requests = required(root, {}, "requests", "an array of 1 to 10000 requests");
    if (!requests || !readRequests(*requests, s))
        return std::nullopt;
    if (root.contains("drops") && !readDrops(root.value("drops"), s))
        return std::nullopt;
    return s;
}

bool Reader::readHeader(const QJsonObject &root, Scenario &s)
{
    if (root.contains("schema") && root.value("schema") != QJsonValue(schemaId()))
        return fail("schema", QStringLiteral("must be \"%1\" (the only version this build "
                                             "reads), got %2")
                                  .arg(schemaId(), describe(root.value("schema"))));

    const auto name = required(root, {}, "name",
                               "a name of lowercase letters, digits and "
                               "dashes, such as \"my-scenario\"");
    if (!name)
        return false;
    static const QRegularExpression namePattern(QStringLiteral("\\A[a-z0-9]+(-[a-z0-9]+)*\\z"));
    if (!name->isString() || name->toString().size() > maxLabel ||
        !namePattern.match(name->toString()).hasMatch())
        return fail("name", QStringLiteral("must be lowercase letters, digits and single "
                                           "dashes (at most %1 characters), such as "
                                           "\"my-scenario\", got %2")
                                .arg(maxLabel)
                                .arg(describe(*name)));
    s.name = name->toString();

    const auto title = required(root, {}, "title", "a short title string");
    const auto titleText =
        title ? label(*title, "title", maxTitle, "a short title string") : std::nullopt;
    if (!titleText)
        return false;
    s.title = *titleText;

    const auto description = required(root, {}, "description", "a one-line description string");
    const auto descriptionText = description ? label(*description, "description", maxDescription,
                                                     "a one-line description string")
                                             : std::nullopt;
    if (!descriptionText)
        return false;
    s.description = *descriptionText;
    return true;
}

bool Reader::readSettings(const QJsonValue &v, Settings &settings)
{
    if (!v.isObject())
        return fail("settings", QStringLiteral("must be an object of settings such as "
                                               "{\"mutex\": true}, got %1")
                                    .arg(describe(v)));
    QStringList known;
    for (const SettingInfo &info : settingInfos())
        known << info.json;
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString path = at("settings", it.key());
        if (!known.contains(it.key()))
            return fail(path, unknownField(it.key(), known, "setting"));
        if (auto error = settings.setFromJson(it.key(), it.value())) {
            // Settings says "settings.delayMs must be ..."; the path is already in front.
            QString what = *error;
            if (what.startsWith(path + QLatin1Char(' ')))
                what = what.mid(path.size() + 1);
            if (!what.contains(QLatin1String(", got ")))
                what += QStringLiteral(", got ") + describe(it.value());
            return fail(path, what);
        }
    }
    return true;
}

bool Reader::readClients(const QJsonValue &v, QVector<ClientSpec> &clients)
{
    const auto list = array(v, "clients", maxClients, "clients");
    if (!list)
        return false;
    QHash<QString, int> seen;
    for (int i = 0; i < list->size(); ++i) {
        const QString path = at("clients", i);
        const auto o = object(list->at(i), path, R"({"name": "Client 1", "region": "A"})");
        if (!o || !onlyFields(*o, path, {"name", "region"}))
            return false;
        const auto nameValue = required(*o, path, "name", "a client name such as \"Client 1\"");
        const auto name =
            nameValue ? label(*nameValue, at(path, "name"), maxLabel, "a client name string")
                      : std::nullopt;
        if (!name)
            return false;
        if (seen.contains(*name))
            return fail(at(path, "name"), QStringLiteral("duplicate client name \"%1\" (also "
                                                         "clients[%2])")
                                              .arg(*name)
                                              .arg(seen.value(*name)));
        seen.insert(*name, i);
        ClientSpec client;
        client.name = *name;
        if (o->contains("region")) {
            const auto region = choice(o->value("region"), at(path, "region"), {"A", "B"});
            if (!region)
                return false;
            client.region = *region;
        }
        clients.push_back(client);
    }
    return true;
}

bool Reader::readRequests(const QJsonValue &v, Scenario &s)
{
    const auto list = array(v, "requests", maxRequests, "requests");
    if (!list)
        return false;
    QHash<QString, int> seen;
    s.requests.reserve(list->size());
    for (int i = 0; i < list->size(); ++i) {
        const QString path = at("requests", i);
        auto request = readRequest(list->at(i), path, i, s);
        if (!request)
            return false;
        if (seen.contains(request->id)) {
            const QString other = at("requests", seen.value(request->id));
            if (list->at(i).toObject().contains("id"))
                return fail(
                    at(path, "id"),
                    QStringLiteral("duplicate id \"%1\" (also %2)").arg(request->id, other));
            return fail(path, QStringLiteral("its default id \"%1\" is taken by %2; give it an "
                                             "explicit \"id\"")
                                  .arg(request->id, other));
        }
        seen.insert(request->id, i);
        s.requests.push_back(*request);
    }
    return true;
}

std::optional<RequestSpec> Reader::readRequest(const QJsonValue &v, const QString &path, int index,
                                               const Scenario &s)
{
    const auto o = object(v, path, R"({"client": "Client 1", "atMs": 0, "key": "K1"})");
    if (!o || !onlyFields(*o, path,
                          {"id", "client", "atMs", "key", "rawKey", "body", "cluster", "server"}))
        return std::nullopt;
    RequestSpec r;

    r.id = QStringLiteral("R%1").arg(index + 1);
    if (o->contains("id")) {
        const auto id =
            label(o->value("id"), at(path, "id"), maxLabel, "a request id string such as \"R1\"");
        if (!id)
            return std::nullopt;
        r.id = *id;
    }

    QStringList clientNames;
    for (const ClientSpec &c : s.clients)
        clientNames << c.name;
    const auto client = required(
        *o, path, "client", QStringLiteral("the name of a client: %1").arg(listed(clientNames)));
    if (!client)
        return std::nullopt;
    r.client = int(clientNames.indexOf(client->toString()));
    if (!client->isString() || r.client < 0) {
        fail(at(path, "client"),
             client->isString()
                 ? QStringLiteral("unknown client %1 (clients are: %2)")
                       .arg(describe(*client), listed(clientNames))
                 : QStringLiteral("must be the name of a client (clients are: %1), got %2")
                       .arg(listed(clientNames), describe(*client)));
        return std::nullopt;
    }

    const auto atMs =
        required(*o, path, "atMs",
                 QStringLiteral("the send time in ms, a number from 0 to %1").arg(maxAtMs));
    if (!atMs)
        return std::nullopt;
    if (!atMs->isDouble() || atMs->toDouble() < 0 || atMs->toDouble() > double(maxAtMs)) {
        fail(at(path, "atMs"), QStringLiteral("must be a number from 0 to %1 (ms), got %2")
                                   .arg(maxAtMs)
                                   .arg(describe(*atMs)));
        return std::nullopt;
    }
    r.atUs = std::llround(atMs->toDouble() * 1000.0);

    const QJsonValue key = o->value("key");
    if (key.isString() && key.toString().isEmpty()) {
        fail(at(path, "key"), QStringLiteral("must not be empty (for an empty "
                                             "Idempotency-Key header use \"rawKey\": \"\")"));
        return std::nullopt;
    }
    if (!key.isUndefined() && !key.isNull()) {
        const auto keyLabel = label(key, at(path, "key"), maxLabel,
                                    "a key label string such as \"K1\" (or null for no key)");
        if (!keyLabel)
            return std::nullopt;
        r.key = *keyLabel;
    }

    if (o->contains("rawKey")) {
        const QJsonValue raw = o->value("rawKey");
        if (!raw.isString()) {
            fail(at(path, "rawKey"), QStringLiteral("must be a string (the literal "
                                                    "Idempotency-Key header value), got %1")
                                         .arg(describe(raw)));
            return std::nullopt;
        }
        r.rawKey = raw.toString();
    }

    if (o->contains("body")) {
        const auto body = readBody(o->value("body"), at(path, "body"));
        if (!body)
            return std::nullopt;
        r.body = *body;
    }

    if (o->contains("cluster")) {
        const auto cluster = choice(o->value("cluster"), at(path, "cluster"), {"A", "B"});
        if (!cluster)
            return std::nullopt;
        r.cluster = *cluster;
    }

    if (o->contains("server")) {
        const auto server = wholeNumber(
            o->value("server"), at(path, "server"), 1, s.settings.serversPerCluster,
            QStringLiteral("settings.serversPerCluster is %1").arg(s.settings.serversPerCluster));
        if (!server)
            return std::nullopt;
        r.server = int(*server - 1);
    }
    return r;
}

std::optional<PaymentBody> Reader::readBody(const QJsonValue &v, const QString &path,
                                            bool fieldsRequired)
{
    const auto o = object(v, path, R"({"from": "A", "to": "B", "amount": 10})");
    if (!o || !onlyFields(*o, path, {"from", "to", "amount"}))
        return std::nullopt;
    if (fieldsRequired) {
        const std::pair<const char *, const char *> fields[] = {
            {"from", "an account name string"},
            {"to", "an account name string"},
            {"amount", "a whole number from 1"},
        };
        for (const auto &[field, expected] : fields)
            if (!required(*o, path, QLatin1String(field), QLatin1String(expected)))
                return std::nullopt;
    }
    PaymentBody body;
    const auto account = [&](const QString &field, QString &into) {
        if (!o->contains(field))
            return true;
        const auto name =
            label(o->value(field), at(path, field), maxLabel, "an account name string");
        if (name)
            into = *name;
        return bool(name);
    };
    if (!account("from", body.from) || !account("to", body.to))
        return std::nullopt;
    if (o->contains("amount")) {
        const auto amount = wholeNumber(o->value("amount"), at(path, "amount"), 1, maxAmount);
        if (!amount)
            return std::nullopt;
        body.amount = *amount;
    }
    return body;
}

bool Reader::readDrops(const QJsonValue &v, Scenario &s)
{
    if (!v.isArray())
        return fail("drops", QStringLiteral("must be an array of drops such as [{\"request\": "
                                            "\"R1\", \"message\": \"response\"}], got %1")
                                 .arg(describe(v)));
    QStringList ids;
    for (const RequestSpec &r : s.requests)
        ids << r.id;
    const QJsonArray list = v.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QString path = at("drops", i);
        const auto o =
            object(list.at(i), path, R"({"request": "R1", "attempt": 1, "message": "response"})");
        if (!o || !onlyFields(*o, path, {"request", "attempt", "message"}))
            return false;
        DropSpec drop;
        const auto request =
            required(*o, path, "request", QStringLiteral("a request id: %1").arg(listed(ids)));
        if (!request)
            return false;
        if (!request->isString() || !ids.contains(request->toString()))
            return fail(at(path, "request"),
                        request->isString()
                            ? QStringLiteral("unknown request %1 (request ids are: %2)")
                                  .arg(describe(*request), listed(ids))
                            : QStringLiteral("must be a request id (request ids are: %1), got %2")
                                  .arg(listed(ids), describe(*request)));
        drop.request = request->toString();
        if (o->contains("attempt")) {
            const auto attempt =
                wholeNumber(o->value("attempt"), at(path, "attempt"), 1, maxAttempt,
                            "1 = the first attempt, 2 = the first retry");
            if (!attempt)
                return false;
            drop.attempt = int(*attempt);
        }
        const auto message =
            required(*o, path, "message", "\"request\" or \"response\", the message to lose");
        const auto point =
            message ? choice(*message, at(path, "message"), {"request", "response"}) : std::nullopt;
        if (!point)
            return false;
        drop.point = *point == 0 ? DropPoint::Request : DropPoint::Response;
        for (int j = 0; j < s.drops.size(); ++j) {
            const DropSpec &d = s.drops[j];
            if (d.request == drop.request && d.attempt == drop.attempt && d.point == drop.point)
                return fail(path, QStringLiteral("same drop as drops[%1]").arg(j));
        }
        s.drops.push_back(drop);
    }
    return true;
}

// ---- presets ----------------------------------------------------------------------------

struct Preset
{
    int number = 0;
    QString name;
    QString path;
};

const QVector<Preset> &presets()
{
    static const QVector<Preset> list = [] {
        // Files are named "<number>-<name>.json"; the number is the truth-table row.
        static const QRegularExpression pattern(QStringLiteral("\\A(\\d+)-([a-z0-9-]+)\\.json\\z"));
        const QString dir = QStringLiteral(":/scenarios");
        QVector<Preset> found;
        for (const QString &file : QDir(dir).entryList(QDir::Files)) {
            const auto m = pattern.match(file);
            if (m.hasMatch())
                found.push_back({m.captured(1).toInt(), m.captured(2), dir + '/' + file});
        }
        std::sort(found.begin(), found.end(),
                  [](const Preset &a, const Preset &b) { return a.number < b.number; });
        return found;
    }();
    return list;
}

std::optional<Preset> findPreset(const QString &nameOrNumber)
{
    const bool digits =
        !nameOrNumber.isEmpty() && nameOrNumber.size() <= 3 &&
        std::all_of(nameOrNumber.begin(), nameOrNumber.end(), [](QChar c) { return c.isDigit(); });
    for (const Preset &p : presets())
        if (p.name == nameOrNumber || (digits && p.number == nameOrNumber.toInt()))
            return p;
    return std::nullopt;
}

ScenarioLoad failure(const QString &error)
{
    return {std::nullopt, error};
}

QString tooLarge(const QString &source, qint64 bytes, bool atLeast)
{
    return QStringLiteral("%1: too large (%2%3 bytes; scenario files may be at most 16 MiB)")
        .arg(source, atLeast ? QStringLiteral("more than ") : QString())
        .arg(atLeast ? maxFileBytes : bytes);
}

// The top-level JSON object of `json`, or an error line that starts with `source`.
std::optional<QJsonObject> topObject(const QByteArray &json, const QString &source,
                                     const QString &what, QString *error)
{
    if (json.trimmed().isEmpty()) {
        *error =
            source + QStringLiteral(": empty (expected a JSON object describing %1)").arg(what);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Qt refuses a bare number or string at the top; say so plainly rather than
        // "illegal value".
        const QJsonDocument wrapped = QJsonDocument::fromJson("[" + json + "]");
        if (wrapped.isArray() && wrapped.array().size() == 1)
            *error = source + QStringLiteral(": top level: must be a JSON object, got ") +
                     describe(wrapped.array().at(0));
        else
            *error =
                QStringLiteral("%1: %2: malformed JSON (%3)")
                    .arg(source, lineColumn(json, parseError.offset), parseError.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = source + QStringLiteral(": top level: must be a JSON object, got ") +
                 describe(doc.array());
        return std::nullopt;
    }
    if (const auto duplicate = firstDuplicateField(json)) {
        *error = QStringLiteral("%1: %2: duplicate field %3 (each field may appear once)")
                     .arg(source, lineColumn(json, duplicate->offset), quoted(duplicate->name));
        return std::nullopt;
    }
    return doc.object();
}

} // namespace

ScenarioLoad ScenarioLoader::fromJson(const QByteArray &input, const QString &source)
{
    if (input.size() > maxFileBytes)
        return failure(tooLarge(source, input.size(), false));
    QByteArray json = input;
    if (json.startsWith("\xEF\xBB\xBF")) // a UTF-8 byte order mark some editors write
        json.remove(0, 3);
    QString error;
    const auto root = topObject(json, source, QStringLiteral("a scenario"), &error);
    if (!root)
        return failure(error);

    Reader reader;
    auto scenario = reader.read(*root);
    if (!scenario)
        return failure(source + QStringLiteral(": ") + reader.error());
    return {std::move(scenario), {}};
}

PaymentBodyLoad ScenarioLoader::paymentBody(const QByteArray &json)
{
    const QString source = QStringLiteral("body");
    QString error;
    const auto root = topObject(json, source, QStringLiteral("a payment"), &error);
    if (!root)
        return {std::nullopt, error};
    Reader reader;
    auto body = reader.readHttpBody(*root, source);
    if (!body)
        return {std::nullopt, reader.error()};
    return {std::move(body), {}};
}

ScenarioLoad ScenarioLoader::fromFile(const QString &path)
{
    if (QFileInfo(path).isDir())
        return failure(path + QStringLiteral(": cannot read (is a directory)"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(QStringLiteral("%1: cannot read (%2)").arg(path, file.errorString()));
    if (!file.isSequential() && file.size() > maxFileBytes)
        return failure(tooLarge(path, file.size(), false));
    // Pipes and devices have no size: read one byte past the limit to tell.
    const QByteArray bytes = file.read(maxFileBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return failure(QStringLiteral("%1: cannot read (%2)").arg(path, file.errorString()));
    if (bytes.size() > maxFileBytes)
        return failure(tooLarge(path, bytes.size(), true));
    return fromJson(bytes, path);
}

ScenarioLoad ScenarioLoader::load(const QString &presetOrPath)
{
    if (const auto preset = findPreset(presetOrPath)) {
        QFile file(preset->path);
        const QString source = QStringLiteral("preset ") + preset->name;
        if (!file.open(QIODevice::ReadOnly))
            return failure(QStringLiteral("%1: cannot read (%2)").arg(source, file.errorString()));
        return fromJson(file.readAll(), source);
    }
    if (QFileInfo::exists(presetOrPath))
        return fromFile(presetOrPath);
    return failure(QStringLiteral("unknown preset or file \"%1\" (run 'idemlab-cli list' for "
                                  "presets)")
                       .arg(presetOrPath));
}

QJsonObject ScenarioLoader::toJson(const Scenario &s)
{
    QJsonArray clients;
    for (const ClientSpec &c : s.clients)
        clients.append(QJsonObject{{"name", c.name}, {"region", clusterName(c.region)}});

    QJsonArray requests;
    for (const RequestSpec &r : s.requests) {
        QJsonObject o{
            {"id", r.id},
            {"client",
             r.client >= 0 && r.client < s.clients.size() ? s.clients[r.client].name : QString()},
            {"atMs", msValue(r.atUs)},
            {"key", r.key ? QJsonValue(*r.key) : QJsonValue(QJsonValue::Null)},
            {"body",
             QJsonObject{{"from", r.body.from}, {"to", r.body.to}, {"amount", r.body.amount}}},
        };
        if (r.rawKey)
            o.insert("rawKey", *r.rawKey);
        if (r.cluster >= 0)
            o.insert("cluster", clusterName(r.cluster));
        if (r.server >= 0)
            o.insert("server", r.server + 1);
        requests.append(o);
    }

    QJsonArray drops;
    for (const DropSpec &d : s.drops)
        drops.append(QJsonObject{
            {"request", d.request},
            {"attempt", d.attempt},
            {"message", d.point == DropPoint::Request ? "request" : "response"},
        });

    return {
        {"schema", schemaId()},
        {"name", s.name},
        {"title", s.title},
        {"description", s.description},
        {"settings", s.settings.toJson()},
        {"clients", clients},
        {"requests", requests},
        {"drops", drops},
    };
}

QStringList ScenarioLoader::presetNames()
{
    QStringList names;
    for (const Preset &p : presets())
        names << p.name;
    return names;
}

QString ScenarioLoader::defaultPreset()
{
    return QStringLiteral("parallel-two-clusters");
}

} // namespace idem
