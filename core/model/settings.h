#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace idem {

/// How a duplicate of a finished request is answered.
enum class ReplayMode
{
    Seed,     ///< 200 OK with the stored body (the seed design)
    Original, ///< the stored 201 and body, with `Idempotent-Replayed: true`
};

/// What happens to a claim whose business operation failed (DESIGN.md, errorPolicy).
enum class ErrorPolicy
{
    Store,   ///< the error is the stored result and is replayed (Stripe, the IETF draft)
    Release, ///< the claim is deleted so a retry runs again (AWS Powertools)
};

/// What a server does when the shared cache cannot be reached (cacheFailure).
enum class CacheFailure
{
    Closed, ///< answer 503 Service Unavailable
    Open,   ///< fall back to the cluster DB alone
};

/// What a key is unique within (keyScope).
enum class KeyScope
{
    Global, ///< one key space for every client
    Client, ///< unique per (client, key), as the draft's security advice says
};

/// Every knob of a run: toggles, latencies (µs), client policy, seed.
struct Settings
{
    bool mutex = false;
    bool cache = false;
    bool replication = true;
    int serversPerCluster = 2;
    qint64 delayUs = 20'000;   ///< client <-> router, each way
    qint64 routerUs = 1'000;   ///< router <-> server, each way
    qint64 dbUs = 2'000;       ///< server <-> DB, a query's round trip
    qint64 cacheUs = 5'000;    ///< server <-> cache, a command's round trip
    qint64 opUs = 300'000;     ///< the business operation
    qint64 lagUs = 60'000'000; ///< replication lag between the two DBs
    qint64 timeoutUs = 1'000'000;
    int retries = 0;
    qint64 backoffUs = 0; ///< pause between a timeout and the retry
    qint64 jitterUs = 0;  ///< uniform extra latency on each network hop, [0, jitter]
    double loss = 0.0;    ///< probability that a network message is lost
    qint64 cacheTtlUs = 86'400'000'000;
    ReplayMode replay = ReplayMode::Seed;
    qint64 leaseUs = 0;  ///< a CREATED claim older than this may be taken over; 0 = never
    bool atomic = false; ///< ledger row and CONSUMED in one local transaction
    qint64 keyTtlUs = 86'400'000'000; ///< keys are reaped this long after their claim
    ErrorPolicy errorPolicy = ErrorPolicy::Store;
    CacheFailure cacheFailure = CacheFailure::Closed;
    KeyScope keyScope = KeyScope::Global;
    bool retryErrors = false; ///< clients also retry after a 409 or 5xx answer
    quint64 seed = 1;

    /// The settings as a JSON object with the scenario-file field names (ms units).
    [[nodiscard]] QJsonObject toJson() const;

    /// One field (by scenario-file name) as it would be typed: "on", "20", "0.05", "original".
    [[nodiscard]] QString valueText(const QString &json) const;

    /// Sets one field from a scenario-file value; returns an error sentence on failure.
    std::optional<QString> setFromJson(const QString &field, const QJsonValue &value);

    /// Sets one field from a command-line override (`--delay-ms 40` → "delay-ms", "40").
    std::optional<QString> setFromOverride(const QString &flag, const QString &value);

    /// Sets the field named `json` from typed text ("40", "on", "original"), the way an
    /// override does; an error sentence naming the setting `what` on failure.
    std::optional<QString> setFromText(const QString &json, const QString &text,
                                       const QString &what);

    /// Whether every setting the servers read (SettingUse::Servers) is the same in both:
    /// live mode's servers need no restart for a change of the others.
    [[nodiscard]] bool sameForServers(const Settings &other) const;

    bool operator==(const Settings &other) const;
    bool operator!=(const Settings &other) const { return !(*this == other); }
};

/// What kind of value a setting holds, and so which control shows it.
enum class SettingKind
{
    Toggle,      ///< on or off: a switch
    Millis,      ///< a duration in ms: a slider and a typed value
    Count,       ///< a whole number: a slider and a typed value
    Probability, ///< 0 to 1: a slider and a typed value
    Choice,      ///< one of the words of `valueName` ("seed|original")
    Seed,        ///< a whole number with no useful range to slide over: typed only
};

/// How the GUI's settings drawer shows one setting: one row per setting, built from this.
struct SettingControl
{
    QString label;      ///< short, for a row of the drawer: "Network delay"
    QString unit;       ///< what a typed value is in: "ms", or empty
    double minimum = 0; ///< the slider's range (a typed value may go as far as the file's)
    double maximum = 0;
    /// A linear slider's step; for a log slider its smallest value above 0.
    double step = 1;
    bool logScale = false; ///< stops 1, 1.5, 2, 3, 4, 5, 6, 8 per decade (plus 0 if minimum is 0)
    QString tip;           ///< a sentence or two for a newcomer, with a real system's way
    QStringList choiceLabels; ///< Choice: a label for each word of valueName
};

/// Who reads a setting: the simulated world only (clients, the network), or the servers too,
/// so that live mode's real servers restart when it changes.
enum class SettingUse
{
    Simulation, ///< clients, the network, the seed: live mode has real ones instead
    Servers,    ///< the claim handler, the cache, the databases, replication
};

/// Describes one setting for option parsers, scenario files and the GUI.
struct SettingInfo
{
    QString json;        ///< scenario-file field, e.g. "delayMs"
    QString flag;        ///< command-line override without dashes, e.g. "delay-ms"; empty if none
    QString valueName;   ///< e.g. "N", "on|off"
    QString description; ///< one line for --help
    SettingKind kind = SettingKind::Toggle;
    SettingControl control;
    SettingUse use = SettingUse::Simulation;
};

/// All settings, in a stable order.
[[nodiscard]] const std::vector<SettingInfo> &settingInfos();

} // namespace idem
