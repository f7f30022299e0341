#include "model/settings.h"

#include <cmath>
#include <variant>

namespace idem {

namespace {

using Kind = SettingKind;

using Member = std::variant<bool Settings::*, qint64 Settings::*, int Settings::*,
                            double Settings::*, ReplayMode Settings::*, quint64 Settings::*>;

struct Field
{
    SettingInfo info;
    Member member;
    qint64 min = 0;
    qint64 max = 0; // for Millis: milliseconds; for Count: the count
};

constexpr qint64 hourMs = 3'600'000;
constexpr qint64 dayMs = 24 * hourMs;
// Seeds travel through JSON numbers: keep them exactly representable as doubles.
constexpr quint64 maxSeed = (quint64(1) << 53) - 1;

// The one table of settings: the scenario file, the overrides, --help and the GUI's drawer
// are all read from it. A new setting is a row here plus the code that uses it.
const std::vector<Field> &fields()
{
    static const std::vector<Field> table = {
        {{"mutex",
          "mutex",
          "on|off",
          "Per-key lock inside each cluster around lookup + insert",
          Kind::Toggle,
          {"Mutex",
           {},
           0,
           1,
           1,
           false,
           "A per-key lock inside each cluster makes lookup + insert one step, so a parallel "
           "duplicate gets 409 (as SELECT … FOR UPDATE does in PostgreSQL). It cannot span "
           "two clusters."}},
         &Settings::mutex},
        {{"cache",
          "cache",
          "on|off",
          "Claim keys first in the shared cache (SET NX) across clusters",
          Kind::Toggle,
          {"Shared cache",
           {},
           0,
           1,
           1,
           false,
           "Both clusters claim each key first in one shared cache, as Redis SET key NX does, "
           "so a duplicate sent to the other cluster sees the claim."}},
         &Settings::cache},
        {{"replication",
          "replication",
          "on|off",
          "Copy DB rows to the other cluster after the lag",
          Kind::Toggle,
          {"Replication",
           {},
           0,
           1,
           1,
           false,
           "Copies each database's rows to the other cluster after the replication lag, as "
           "asynchronous replication between regions does (PostgreSQL, MySQL)."}},
         &Settings::replication},
        {{"serversPerCluster",
          "servers",
          "N",
          "Servers in each cluster (1-8)",
          Kind::Count,
          {"Servers per cluster",
           {},
           1,
           8,
           1,
           false,
           "How many servers each cluster runs behind the router; each takes requests on "
           "its own, like the instances behind a load balancer."}},
         &Settings::serversPerCluster,
         1,
         8},
        {{"delayMs",
          "delay-ms",
          "N",
          "Network delay between a client and the router, each way",
          Kind::Millis,
          {"Network delay", "ms", 0, 500, 5, false,
           "How long a message takes between a client and the router, each way. A phone on a "
           "mobile network sees 50 to 300 ms."}},
         &Settings::delayUs,
         0,
         hourMs},
        {{"routerMs",
          "router-ms",
          "N",
          "Latency between the router and a server, each way",
          Kind::Millis,
          {"Router to server", "ms", 0, 100, 1, false,
           "How long a message takes between the router and a server, each way: inside one "
           "data centre, about a millisecond."}},
         &Settings::routerUs,
         0,
         hourMs},
        {{"dbMs",
          "db-ms",
          "N",
          "Round trip of one query between a server and its DB",
          Kind::Millis,
          {"Database query", "ms", 0, 100, 1, false,
           "The round trip of one SQL query between a server and its cluster's database "
           "(SQLite here; PostgreSQL nearby answers in a few ms)."}},
         &Settings::dbUs,
         0,
         hourMs},
        {{"cacheMs",
          "cache-ms",
          "N",
          "Round trip of one command between a server and the cache",
          Kind::Millis,
          {"Cache command", "ms", 0, 100, 1, false,
           "The round trip of one command between a server and the shared cache; a Redis "
           "in another region costs tens of ms."}},
         &Settings::cacheUs,
         0,
         hourMs},
        {{"opMs",
          "op-ms",
          "N",
          "Duration of the business operation (the charge)",
          Kind::Millis,
          {"Operation time", "ms", 0, 2000, 10, false,
           "How long the payment itself takes on a server (a card network answers in 0.3 to "
           "2 s): the window in which a duplicate finds the key still CREATED."}},
         &Settings::opUs,
         0,
         hourMs},
        {{"lagMs",
          "lag-ms",
          "N",
          "Replication lag between DB A and DB B",
          Kind::Millis,
          {"Replication lag", "ms", 0, 600000, 10, true,
           "How long a write in one cluster's database takes to reach the other's. Between "
           "regions it is usually under a second, and minutes when a replica falls behind."}},
         &Settings::lagUs,
         0,
         dayMs},
        {{"timeoutMs",
          "timeout-ms",
          "N",
          "Client timeout per attempt",
          Kind::Millis,
          {"Client timeout", "ms", 10, 600000, 10, true,
           "How long a client waits for an answer before it gives up on an attempt, and "
           "retries if retries are on. Browsers and SDKs wait from seconds to a minute."}},
         &Settings::timeoutUs,
         1,
         dayMs},
        {{"retries",
          "retries",
          "N",
          "Retries after a timeout, same key (0-10)",
          Kind::Count,
          {"Retries",
           {},
           0,
           10,
           1,
           false,
           "How many times a client sends the request again after a timeout, with the same "
           "key, as the Stripe and AWS SDKs do."}},
         &Settings::retries,
         0,
         10},
        {{"backoffMs",
          "backoff-ms",
          "N",
          "Pause between a timeout and the retry",
          Kind::Millis,
          {"Retry backoff", "ms", 0, 60000, 10, true,
           "How long a client waits after a timeout before it retries. Real clients back off "
           "exponentially, with jitter, so retries do not arrive all at once."}},
         &Settings::backoffUs,
         0,
         hourMs},
        {{"jitterMs",
          "jitter-ms",
          "N",
          "Random extra latency on each network hop, 0 to N",
          Kind::Millis,
          {"Network jitter", "ms", 0, 500, 5, false,
           "A random extra delay, from 0 to this much, on every network hop: messages overtake "
           "each other as they do on a busy network."}},
         &Settings::jitterUs,
         0,
         hourMs},
        {{"loss",
          "loss",
          "P",
          "Probability that a network message is lost (0-1)",
          Kind::Probability,
          {"Message loss",
           {},
           0,
           1,
           0.01,
           false,
           "The chance that any one network message is lost: 0.05 loses one in twenty. A lost "
           "reply is what makes a client retry a payment that went through."}},
         &Settings::loss},
        {{"cacheTtlMs",
          "cache-ttl-ms",
          "N",
          "Time-to-live of a key in the shared cache",
          Kind::Millis,
          {"Cache key lifetime", "ms", 1000, 30 * dayMs, 1000, true,
           "How long the shared cache remembers a key (its TTL). Stripe keeps idempotency "
           "keys for at least 24 hours."}},
         &Settings::cacheTtlUs,
         1,
         30 * dayMs},
        {{"replay",
          "replay",
          "seed|original",
          "Answer to a finished duplicate: 200 + body, or the original 201",
          Kind::Choice,
          {"Replay a finished request as",
           {},
           0,
           1,
           1,
           false,
           "How a duplicate of a finished request is answered: 200 with the stored body, or "
           "the original 201 and body with the header Idempotent-Replayed: true, as Stripe "
           "answers.",
           {"200 + stored body", "original 201"}}},
         &Settings::replay},
        {{"seed",
          "seed",
          "N",
          "Seed of the pseudo-random generator",
          Kind::Seed,
          {"Random seed",
           {},
           0,
           double(maxSeed),
           1,
           false,
           "The seed of the pseudo-random generator that draws jitter and loss: the same seed "
           "gives the same run, event for event."}},
         &Settings::seed},
    };
    return table;
}

const Field *byJson(const QString &name)
{
    for (const auto &f : fields())
        if (f.info.json == name)
            return &f;
    return nullptr;
}

const Field *byFlag(const QString &name)
{
    for (const auto &f : fields())
        if (f.info.flag == name)
            return &f;
    return nullptr;
}

QJsonValue read(const Settings &s, const Field &f)
{
    switch (f.info.kind) {
    case Kind::Toggle:
        return s.*std::get<bool Settings::*>(f.member);
    case Kind::Millis: {
        const qint64 us = s.*std::get<qint64 Settings::*>(f.member);
        // Whole milliseconds print as integers, the rest keep their fraction.
        if (us % 1000 == 0)
            return us / 1000;
        return double(us) / 1000.0;
    }
    case Kind::Count:
        return s.*std::get<int Settings::*>(f.member);
    case Kind::Probability:
        return s.*std::get<double Settings::*>(f.member);
    case Kind::Choice:
        return s.*std::get<ReplayMode Settings::*>(f.member) == ReplayMode::Seed ? "seed"
                                                                                 : "original";
    case Kind::Seed:
        return double(s.*std::get<quint64 Settings::*>(f.member));
    }
    return {};
}

// Stores an already-typed value; returns an error for values out of range.
std::optional<QString> store(Settings &s, const Field &f, const QVariant &v, const QString &what,
                             QString given = {})
{
    if (given.isEmpty())
        given = v.toString();
    switch (f.info.kind) {
    case Kind::Toggle:
        s.*std::get<bool Settings::*>(f.member) = v.toBool();
        return {};
    case Kind::Millis: {
        const double ms = v.toDouble();
        if (!std::isfinite(ms) || ms < double(f.min) || ms > double(f.max))
            return QStringLiteral("%1 must be between %2 and %3 ms, got %4")
                .arg(what)
                .arg(f.min)
                .arg(f.max)
                .arg(given);
        s.*std::get<qint64 Settings::*>(f.member) = qint64(std::llround(ms * 1000.0));
        return {};
    }
    case Kind::Count: {
        const double n = v.toDouble();
        if (n != std::floor(n) || n < double(f.min) || n > double(f.max))
            return QStringLiteral("%1 must be a whole number from %2 to %3, got %4")
                .arg(what)
                .arg(f.min)
                .arg(f.max)
                .arg(given);
        s.*std::get<int Settings::*>(f.member) = int(n);
        return {};
    }
    case Kind::Probability: {
        const double p = v.toDouble();
        if (!std::isfinite(p) || p < 0.0 || p > 1.0)
            return QStringLiteral("%1 must be a probability from 0 to 1, got %2").arg(what, given);
        s.*std::get<double Settings::*>(f.member) = p;
        return {};
    }
    case Kind::Choice: {
        const QString mode = v.toString();
        if (mode == QLatin1String("seed"))
            s.*std::get<ReplayMode Settings::*>(f.member) = ReplayMode::Seed;
        else if (mode == QLatin1String("original"))
            s.*std::get<ReplayMode Settings::*>(f.member) = ReplayMode::Original;
        else
            return QStringLiteral("%1 must be \"seed\" or \"original\", got \"%2\"")
                .arg(what, mode);
        return {};
    }
    case Kind::Seed: {
        const double n = v.toDouble();
        if (n != std::floor(n) || n < 0 || n > double(maxSeed))
            return QStringLiteral("%1 must be a whole number from 0 to %2, got %3")
                .arg(what)
                .arg(maxSeed)
                .arg(given);
        s.*std::get<quint64 Settings::*>(f.member) = quint64(n);
        return {};
    }
    }
    return QStringLiteral("unknown setting");
}

QString expectedType(Kind kind)
{
    switch (kind) {
    case Kind::Toggle:
        return QStringLiteral("true or false");
    case Kind::Choice:
        return QStringLiteral("\"seed\" or \"original\"");
    default:
        return QStringLiteral("a number");
    }
}

// Text as an override or a typed value gives it: on|off, a word of the choice, or a number.
std::optional<QString> setText(Settings &s, const Field &f, const QString &value,
                               const QString &what)
{
    if (f.info.kind == Kind::Toggle) {
        if (value == QLatin1String("on") || value == QLatin1String("true"))
            return store(s, f, true, what);
        if (value == QLatin1String("off") || value == QLatin1String("false"))
            return store(s, f, false, what);
        return QStringLiteral("%1 takes on or off, got \"%2\"").arg(what, value);
    }
    if (f.info.kind == Kind::Choice)
        return store(s, f, value, what);
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok)
        return QStringLiteral("%1 takes %2, got \"%3\"").arg(what, f.info.valueName, value);
    return store(s, f, number, what, value);
}

} // namespace

const std::vector<SettingInfo> &settingInfos()
{
    static const std::vector<SettingInfo> infos = [] {
        std::vector<SettingInfo> out;
        for (const auto &f : fields())
            out.push_back(f.info);
        return out;
    }();
    return infos;
}

QJsonObject Settings::toJson() const
{
    QJsonObject o;
    for (const auto &f : fields())
        o.insert(f.info.json, read(*this, f));
    return o;
}

QString Settings::valueText(const QString &json) const
{
    const Field *f = byJson(json);
    if (!f)
        return {};
    const QJsonValue v = read(*this, *f);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("on") : QStringLiteral("off");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    return v.toString();
}

std::optional<QString> Settings::setFromJson(const QString &field, const QJsonValue &value)
{
    const Field *f = byJson(field);
    if (!f)
        return QStringLiteral("unknown setting \"%1\"").arg(field);
    const QString what = QStringLiteral("settings.%1").arg(field);
    const bool ok =
        (f->info.kind == Kind::Toggle && value.isBool()) ||
        (f->info.kind == Kind::Choice && value.isString()) ||
        (f->info.kind != Kind::Toggle && f->info.kind != Kind::Choice && value.isDouble());
    if (!ok)
        return QStringLiteral("%1 must be %2").arg(what, expectedType(f->info.kind));
    return store(*this, *f, value.toVariant(), what);
}

std::optional<QString> Settings::setFromOverride(const QString &flag, const QString &value)
{
    const Field *f = byFlag(flag);
    if (!f)
        return QStringLiteral("unknown override --%1").arg(flag);
    return setText(*this, *f, value, QStringLiteral("--%1").arg(flag));
}

std::optional<QString> Settings::setFromText(const QString &json, const QString &text,
                                             const QString &what)
{
    const Field *f = byJson(json);
    if (!f)
        return QStringLiteral("unknown setting \"%1\"").arg(json);
    return setText(*this, *f, text.trimmed(), what);
}

bool Settings::operator==(const Settings &o) const
{
    return toJson() == o.toJson();
}

} // namespace idem
