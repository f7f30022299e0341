#include "model/settings.h"

#include <cmath>
#include <variant>

namespace idem {

namespace {

enum class Kind
{
    Toggle,
    Millis,
    Count,
    Probability,
    Replay,
    Seed,
};

using Member = std::variant<bool Settings::*, qint64 Settings::*, int Settings::*,
                            double Settings::*, ReplayMode Settings::*, quint64 Settings::*>;

struct Field
{
    SettingInfo info;
    Kind kind;
    Member member;
    qint64 min = 0;
    qint64 max = 0; // for Millis: milliseconds; for Count: the count
};

constexpr qint64 hourMs = 3'600'000;
constexpr qint64 dayMs = 24 * hourMs;
// Seeds travel through JSON numbers: keep them exactly representable as doubles.
constexpr quint64 maxSeed = (quint64(1) << 53) - 1;

const std::vector<Field> &fields()
{
    static const std::vector<Field> table = {
        {{"mutex", "mutex", "on|off", "Per-key lock inside each cluster around lookup + insert"},
         Kind::Toggle,
         &Settings::mutex},
        {{"cache", "cache", "on|off",
          "Claim keys first in the shared cache (SET NX) across clusters"},
         Kind::Toggle,
         &Settings::cache},
        {{"replication", "replication", "on|off",
          "Copy DB rows to the other cluster after the lag"},
         Kind::Toggle,
         &Settings::replication},
        {{"serversPerCluster", "servers", "N", "Servers in each cluster (1-8)"},
         Kind::Count,
         &Settings::serversPerCluster,
         1,
         8},
        {{"delayMs", "delay-ms", "N", "Network delay between a client and the router, each way"},
         Kind::Millis,
         &Settings::delayUs,
         0,
         hourMs},
        {{"routerMs", "router-ms", "N", "Latency between the router and a server, each way"},
         Kind::Millis,
         &Settings::routerUs,
         0,
         hourMs},
        {{"dbMs", "db-ms", "N", "Round trip of one query between a server and its DB"},
         Kind::Millis,
         &Settings::dbUs,
         0,
         hourMs},
        {{"cacheMs", "cache-ms", "N", "Round trip of one command between a server and the cache"},
         Kind::Millis,
         &Settings::cacheUs,
         0,
         hourMs},
        {{"opMs", "op-ms", "N", "Duration of the business operation (the charge)"},
         Kind::Millis,
         &Settings::opUs,
         0,
         hourMs},
        {{"lagMs", "lag-ms", "N", "Replication lag between DB A and DB B"},
         Kind::Millis,
         &Settings::lagUs,
         0,
         dayMs},
        {{"timeoutMs", "timeout-ms", "N", "Client timeout per attempt"},
         Kind::Millis,
         &Settings::timeoutUs,
         1,
         dayMs},
        {{"retries", "retries", "N", "Retries after a timeout, same key (0-10)"},
         Kind::Count,
         &Settings::retries,
         0,
         10},
        {{"backoffMs", "backoff-ms", "N", "Pause between a timeout and the retry"},
         Kind::Millis,
         &Settings::backoffUs,
         0,
         hourMs},
        {{"jitterMs", "jitter-ms", "N", "Random extra latency on each network hop, 0 to N"},
         Kind::Millis,
         &Settings::jitterUs,
         0,
         hourMs},
        {{"loss", "loss", "P", "Probability that a network message is lost (0-1)"},
         Kind::Probability,
         &Settings::loss},
        {{"cacheTtlMs", "cache-ttl-ms", "N", "Time-to-live of a key in the shared cache"},
         Kind::Millis,
         &Settings::cacheTtlUs,
         1,
         30 * dayMs},
        {{"replay", "replay", "seed|original",
          "Answer to a finished duplicate: 200 + body, or the original 201"},
         Kind::Replay,
         &Settings::replay},
        {{"seed", "seed", "N", "Seed of the pseudo-random generator"}, Kind::Seed, &Settings::seed},
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
    switch (f.kind) {
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
    case Kind::Replay:
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
    switch (f.kind) {
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
    case Kind::Replay: {
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
    case Kind::Replay:
        return QStringLiteral("\"seed\" or \"original\"");
    default:
        return QStringLiteral("a number");
    }
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

std::optional<QString> Settings::setFromJson(const QString &field, const QJsonValue &value)
{
    const Field *f = byJson(field);
    if (!f)
        return QStringLiteral("unknown setting \"%1\"").arg(field);
    const QString what = QStringLiteral("settings.%1").arg(field);
    const bool ok = (f->kind == Kind::Toggle && value.isBool()) ||
                    (f->kind == Kind::Replay && value.isString()) ||
                    (f->kind != Kind::Toggle && f->kind != Kind::Replay && value.isDouble());
    if (!ok)
        return QStringLiteral("%1 must be %2").arg(what, expectedType(f->kind));
    return store(*this, *f, value.toVariant(), what);
}

std::optional<QString> Settings::setFromOverride(const QString &flag, const QString &value)
{
    const Field *f = byFlag(flag);
    if (!f)
        return QStringLiteral("unknown override --%1").arg(flag);
    const QString what = QStringLiteral("--%1").arg(flag);
    if (f->kind == Kind::Toggle) {
        if (value == QLatin1String("on") || value == QLatin1String("true"))
            return store(*this, *f, true, what);
        if (value == QLatin1String("off") || value == QLatin1String("false"))
            return store(*this, *f, false, what);
        return QStringLiteral("%1 takes on or off, got \"%2\"").arg(what, value);
    }
    if (f->kind == Kind::Replay)
        return store(*this, *f, value, what);
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok)
        return QStringLiteral("%1 takes %2, got \"%3\"").arg(what, f->info.valueName, value);
    return store(*this, *f, number, what, value);
}

bool Settings::operator==(const Settings &o) const
{
    return toJson() == o.toJson();
}

} // namespace idem
