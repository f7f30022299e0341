#include "faults/faultreader.h"

#include "json/jsonfields.h"
#include "json/jsonwording.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace idem {

namespace {

using W = JsonWording;

const QStringList kinds = {"crash", "cacheDown",   "partition",       "duplicate",
                           "fail",  "dropReplica", "duplicateReplica"};
const QStringList clusters = {"A", "B"};
const QStringList steps = {"claim", "charge", "consume", "respond"};
const QStringList messages = {"request", "response"};
constexpr qint64 maxAtMs = 86'400'000; ///< as ScenarioReader::maxAtMs: one day
constexpr int maxAttempt = 11;         ///< as ScenarioReader::maxAttempt
constexpr int maxNth = 1'000'000;      ///< a replication message's place among its cluster's

/// The fields each kind takes, besides "kind".
QStringList fieldsOf(FaultKind kind)
{
    switch (kind) {
    case FaultKind::Crash:
        return {"kind", "server", "after", "request", "attempt", "downMs", "atMs"};
    case FaultKind::CacheDown:
    case FaultKind::Partition:
        return {"kind", "fromMs", "untilMs"};
    case FaultKind::Duplicate:
        return {"kind", "request", "attempt", "message"};
    case FaultKind::Fail:
        return {"kind", "request", "attempt", "status"};
    case FaultKind::DropReplica:
    case FaultKind::DuplicateReplica:
        return {"kind", "from", "nth", "atMs"};
    }
    return {};
}

class FaultObjectReader
{
public:
    FaultObjectReader(JsonFields &f, const Scenario &s) : m_f(f)
    {
        for (const RequestSpec &r : s.requests)
            m_ids << r.id;
        for (int c = 0; c < 2; ++c)
            for (int i = 1; i <= s.settings.serversPerCluster; ++i)
                m_servers << QStringLiteral("server-%1%2")
                                 .arg(c == 0 ? QLatin1Char('a') : QLatin1Char('b'))
                                 .arg(i);
    }

    std::optional<FaultSpec> read(const QJsonValue &v, const QString &path)
    {
        const auto o = m_f.objectLike(
            v, path,
            QStringLiteral(R"({"kind": "crash", "server": "server-a1", "after": "claim", )"
                           R"("request": "R1"})"));
        if (!o)
            return std::nullopt;
        const auto kindValue =
            m_f.required(*o, path, QStringLiteral("kind"), W::alternatives(kinds));
        const auto kind = kindValue
                              ? m_f.oneOf(*kindValue, W::at(path, QStringLiteral("kind")), kinds)
                              : std::nullopt;
        if (!kind)
            return std::nullopt;
        FaultSpec fault;
        fault.kind = FaultKind(*kind);
        if (!m_f.onlyFields(*o, path, fieldsOf(fault.kind)))
            return std::nullopt;
        switch (fault.kind) {
        case FaultKind::Crash:
            if (!server(*o, path, fault) || !crashMoment(*o, path, fault))
                return std::nullopt;
            if (o->contains(QLatin1String("downMs"))) {
                const auto down = m_f.wholeNumber(
                    o->value(QLatin1String("downMs")), W::at(path, QStringLiteral("downMs")), 1,
                    FaultReader::maxDownMs, QStringLiteral("ms the server stays down"));
                if (!down)
                    return std::nullopt;
                fault.downUs = *down * 1000;
            }
            return fault;
        case FaultKind::CacheDown:
        case FaultKind::Partition:
            if (!window(*o, path, fault))
                return std::nullopt;
            return fault;
        case FaultKind::Duplicate:
            if (!request(*o, path, fault) || !attempt(*o, path, fault))
                return std::nullopt;
            if (o->contains(QLatin1String("message"))) {
                const auto message = m_f.oneOf(o->value(QLatin1String("message")),
                                               W::at(path, QStringLiteral("message")), messages);
                if (!message)
                    return std::nullopt;
                fault.message = FaultMessage(*message);
            }
            return fault;
        case FaultKind::Fail:
            if (!request(*o, path, fault) || !attempt(*o, path, fault))
                return std::nullopt;
            if (o->contains(QLatin1String("status"))) {
                const auto status = m_f.wholeNumber(
                    o->value(QLatin1String("status")), W::at(path, QStringLiteral("status")), 400,
                    599, QStringLiteral("the HTTP error the operation fails with"));
                if (!status)
                    return std::nullopt;
                fault.status = int(*status);
            }
            return fault;
        case FaultKind::DropReplica:
        case FaultKind::DuplicateReplica:
            if (!replicaMessage(*o, path, fault))
                return std::nullopt;
            return fault;
        }
        return std::nullopt;
    }

private:
    bool server(const QJsonObject &o, const QString &path, FaultSpec &fault)
    {
        const auto v = m_f.required(o, path, QStringLiteral("server"),
                                    QStringLiteral("a server id: %1").arg(W::listed(m_servers)));
        if (!v)
            return false;
        if (!v->isString() || !m_servers.contains(v->toString()))
            return m_f.fail(W::at(path, QStringLiteral("server")),
                            QStringLiteral("must be a server id (%1), got %2")
                                .arg(W::listed(m_servers), W::describe(*v)));
        fault.server = v->toString();
        return true;
    }

    bool step(const QJsonObject &o, const QString &path, FaultSpec &fault)
    {
        const auto v = m_f.required(
            o, path, QStringLiteral("after"),
            QStringLiteral("the step the server crashes after: %1").arg(W::alternatives(steps)));
        const auto index =
            v ? m_f.oneOf(*v, W::at(path, QStringLiteral("after")), steps) : std::nullopt;
        if (!index)
            return false;
        fault.step = FaultStep(*index);
        return true;
    }

    // Either a time (atMs: it dies then, whatever it is doing) or a step of a request's attempt.
    bool crashMoment(const QJsonObject &o, const QString &path, FaultSpec &fault)
    {
        if (!o.contains(QLatin1String("atMs")))
            return step(o, path, fault) && request(o, path, fault) && attempt(o, path, fault);
        for (const char *field : {"after", "request", "attempt"})
            if (o.contains(QLatin1String(field)))
                return m_f.fail(W::at(path, QString::fromLatin1(field)),
                                QStringLiteral("is not allowed with atMs: a crash happens either "
                                               "at a time (atMs) or after a step (after, request, "
                                               "attempt)"));
        const auto at =
            m_f.wholeNumber(o.value(QLatin1String("atMs")), W::at(path, QStringLiteral("atMs")), 0,
                            maxAtMs, QStringLiteral("ms when the server dies"));
        if (!at)
            return false;
        fault.atUs = *at * 1000;
        return true;
    }

    // A request id ("R1") or its number in the file (1 = the first request).
    bool request(const QJsonObject &o, const QString &path, FaultSpec &fault)
    {
        const QString at = W::at(path, QStringLiteral("request"));
        const auto v = m_f.required(
            o, path, QStringLiteral("request"),
            QStringLiteral("a request id (%1) or its number from 1").arg(W::listed(m_ids)));
        if (!v)
            return false;
        if (v->isDouble()) {
            const auto n = m_f.wholeNumber(*v, at, 1, m_ids.size(),
                                           QStringLiteral("the request's place in the file"));
            if (!n)
                return false;
            fault.request = m_ids.at(int(*n - 1));
            return true;
        }
        if (!v->isString() || !m_ids.contains(v->toString()))
            return m_f.fail(at, v->isString()
                                    ? QStringLiteral("unknown request %1 (request ids are: %2)")
                                          .arg(W::describe(*v), W::listed(m_ids))
                                    : QStringLiteral("must be a request id (%1) or its number, "
                                                     "got %2")
                                          .arg(W::listed(m_ids), W::describe(*v)));
        fault.request = v->toString();
        return true;
    }

    bool attempt(const QJsonObject &o, const QString &path, FaultSpec &fault)
    {
        if (!o.contains(QLatin1String("attempt")))
            return true;
        const auto n = m_f.wholeNumber(
            o.value(QLatin1String("attempt")), W::at(path, QStringLiteral("attempt")), 1,
            maxAttempt, QStringLiteral("1 = the first attempt, 2 = the first retry"));
        if (!n)
            return false;
        fault.attempt = int(*n);
        return true;
    }

    // The cluster that sends it, and either its place among that cluster's messages (nth) or
    // a time (atMs: the first it sends at or after then).
    bool replicaMessage(const QJsonObject &o, const QString &path, FaultSpec &fault)
    {
        const auto from = m_f.required(o, path, QStringLiteral("from"),
                                       QStringLiteral("the cluster that sends the message: %1")
                                           .arg(W::alternatives(clusters)));
        const auto cluster =
            from ? m_f.oneOf(*from, W::at(path, QStringLiteral("from")), clusters) : std::nullopt;
        if (!cluster)
            return false;
        fault.cluster = *cluster;
        if (o.contains(QLatin1String("atMs"))) {
            if (o.contains(QLatin1String("nth")))
                return m_f.fail(W::at(path, QStringLiteral("nth")),
                                QStringLiteral("is not allowed with atMs: the message is either "
                                               "the nth the cluster sends or the first it sends "
                                               "at or after atMs"));
            const auto at = m_f.wholeNumber(
                o.value(QLatin1String("atMs")), W::at(path, QStringLiteral("atMs")), 0, maxAtMs,
                QStringLiteral("ms from which the next message is meant"));
            if (!at)
                return false;
            fault.atUs = *at * 1000;
            return true;
        }
        if (!o.contains(QLatin1String("nth")))
            return true;
        const auto nth = m_f.wholeNumber(
            o.value(QLatin1String("nth")), W::at(path, QStringLiteral("nth")), 1, maxNth,
            QStringLiteral("1 = the first replication message the cluster sends"));
        if (!nth)
            return false;
        fault.nth = int(*nth);
        return true;
    }

    bool window(const QJsonObject &o, const QString &path, FaultSpec &fault)
    {
        const auto fromValue = m_f.required(o, path, QStringLiteral("fromMs"),
                                            QStringLiteral("when it starts, in ms"));
        const auto from = fromValue
                              ? m_f.wholeNumber(*fromValue, W::at(path, QStringLiteral("fromMs")),
                                                0, maxAtMs, QStringLiteral("ms"))
                              : std::nullopt;
        if (!from)
            return false;
        const auto untilValue =
            m_f.required(o, path, QStringLiteral("untilMs"), QStringLiteral("when it ends, in ms"));
        const auto until =
            untilValue ? m_f.wholeNumber(*untilValue, W::at(path, QStringLiteral("untilMs")),
                                         *from + 1, maxAtMs, QStringLiteral("after fromMs"))
                       : std::nullopt;
        if (!until)
            return false;
        fault.fromUs = *from * 1000;
        fault.untilUs = *until * 1000;
        return true;
    }

    JsonFields &m_f;
    QStringList m_ids;
    QStringList m_servers;
};

} // namespace

bool FaultReader::read(const QJsonValue &v, const QString &path, Scenario &scenario,
                       JsonFields &fields)
{
    if (!v.isArray())
        return fields.fail(path, QStringLiteral("must be an array of faults such as [{\"kind\": "
                                                "\"crash\", \"server\": \"server-a1\", \"after\": "
                                                "\"claim\", \"request\": \"R1\"}], got %1")
                                     .arg(W::describe(v)));
    const QJsonArray list = v.toArray();
    if (list.size() > maxFaults)
        return fields.fail(path, QStringLiteral("must be an array of at most %1 faults, got %2")
                                     .arg(maxFaults)
                                     .arg(list.size()));
    FaultObjectReader reader(fields, scenario);
    for (int i = 0; i < list.size(); ++i) {
        const auto fault = reader.read(list.at(i), W::at(path, i));
        if (!fault)
            return false;
        scenario.faults.push_back(*fault);
    }
    return true;
}

FaultReader::SpecLoad FaultReader::parseSpec(const QString &spec)
{
    // KIND[:SERVER][:NAME=VALUE]...; names are the file's in dashes: down-ms = downMs.
    static const QHash<QString, QString> kindNames = {{"crash", "crash"},
                                                      {"cache-down", "cacheDown"},
                                                      {"partition", "partition"},
                                                      {"duplicate", "duplicate"},
                                                      {"fail", "fail"},
                                                      {"drop-replica", "dropReplica"},
                                                      {"duplicate-replica", "duplicateReplica"}};
    static const QHash<QString, QString> fieldNames = {
        {"after", "after"},     {"request", "request"}, {"attempt", "attempt"},
        {"down-ms", "downMs"},  {"from-ms", "fromMs"},  {"until-ms", "untilMs"},
        {"message", "message"}, {"status", "status"},   {"server", "server"},
        {"at-ms", "atMs"},      {"from", "from"},       {"nth", "nth"}};
    SpecLoad load;
    const QStringList parts = spec.split(QLatin1Char(':'));
    const QString kind = parts.value(0).trimmed();
    if (!kindNames.contains(kind)) {
        load.error = QStringLiteral("--fault %1: unknown kind %2 (expected crash, "
                                    "cache-down, partition, duplicate, fail, drop-replica or "
                                    "duplicate-replica)")
                         .arg(W::quoted(spec), W::quoted(kind));
        return load;
    }
    load.object.insert(QStringLiteral("kind"), kindNames.value(kind));
    static const QRegularExpression number(QStringLiteral("\\A[0-9]+\\z"));
    for (int i = 1; i < parts.size(); ++i) {
        const QString &part = parts.at(i);
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq < 0) {
            if (i == 1 && kind == QLatin1String("crash")) {
                load.object.insert(QStringLiteral("server"), part);
                continue;
            }
            load.error = QStringLiteral("--fault %1: %2 is not NAME=VALUE")
                             .arg(W::quoted(spec), W::quoted(part));
            return load;
        }
        const QString name = part.left(eq);
        const QString value = part.mid(eq + 1);
        if (!fieldNames.contains(name)) {
            load.error = QStringLiteral("--fault %1: unknown field %2 (expected after, "
                                        "request, attempt, at-ms, down-ms, from-ms, until-ms, "
                                        "message, status, from or nth)")
                             .arg(W::quoted(spec), W::quoted(name));
            return load;
        }
        const QString field = fieldNames.value(name);
        if (load.object.contains(field)) {
            load.error =
                QStringLiteral("--fault %1: %2 given twice").arg(W::quoted(spec), W::quoted(name));
            return load;
        }
        // Numbers stay numbers (request=1 is the first request); the reader checks the rest.
        if (number.match(value).hasMatch() && value.size() <= 15)
            load.object.insert(field, value.toDouble());
        else
            load.object.insert(field, value);
    }
    return load;
}

std::optional<QString> FaultReader::addSpecs(const QStringList &specs, Scenario &scenario)
{
    if (scenario.faults.size() + specs.size() > maxFaults)
        return QStringLiteral("--fault given %1 times; a scenario holds at most %2 faults")
            .arg(specs.size())
            .arg(maxFaults);
    for (const QString &spec : specs) {
        const SpecLoad load = parseSpec(spec);
        if (!load.error.isEmpty())
            return load.error;
        JsonFields fields;
        FaultObjectReader reader(fields, scenario);
        const auto fault = reader.read(load.object, QString());
        if (!fault)
            return QStringLiteral("--fault %1: %2").arg(W::quoted(spec), fields.error());
        scenario.faults.push_back(*fault);
    }
    return {};
}

const QStringList &FaultReader::crashSteps()
{
    return steps;
}

QString FaultReader::specHelp()
{
    return QStringLiteral(
        "Faults (--fault SPEC, repeatable; the same faults as a scenario's \"faults\"):\n"
        "  crash:SERVER:after=claim|charge|consume|respond:request=R[:attempt=N][:down-ms=MS]\n"
        "  crash:SERVER:at-ms=T[:down-ms=MS]   the server dies at T, whatever it is doing\n"
        "  cache-down:from-ms=T:until-ms=T     the shared cache does not answer\n"
        "  partition:from-ms=T:until-ms=T      the replication link is cut (rows queue)\n"
        "  duplicate:request=R[:attempt=N][:message=request|response]\n"
        "  fail:request=R[:attempt=N][:status=502]   the charge itself fails\n"
        "  drop-replica:from=A|B[:nth=N|:at-ms=T]   the link loses one replication message\n"
        "  duplicate-replica:from=A|B[:nth=N|:at-ms=T]   ... or delivers it twice\n"
        "    (the nth the cluster sends, 1 = the first, or the first it sends at or after T)\n"
        "  R is a request id (R1) or its number (1); e.g.\n"
        "  --fault crash:server-a1:after=claim:request=1:attempt=1:down-ms=5000\n");
}

} // namespace idem
