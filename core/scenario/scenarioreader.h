#pragma once

#include "model/scenario.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace idem {

class JsonFields;

/// A parsed scenario, or one line saying what was wrong.
struct ScenarioLoad
{
    std::optional<Scenario> scenario;
    QString error; ///< "<source>: <field>: <what was expected>", empty on success
};

/// Reads the JSON scenario format (docs/scenario-format.md), trusting nothing in it: every
/// field is checked, every reference resolved, and the time taken grows linearly with the
/// size of the file (checks for duplicates use hash sets, never a scan of what came before).
class ScenarioReader
{
public:
    static constexpr qint64 maxFileBytes = 16 * 1024 * 1024;
    static constexpr int maxClients = 50;
    static constexpr int maxRequests = 10'000;
    /// The first attempt and up to 10 retries (settings.retries).
    static constexpr int maxAttempt = 11;
    /// Every distinct drop: each request, attempt and message once.
    static constexpr int maxDrops = maxRequests * maxAttempt * 2;
    static constexpr qint64 maxAtMs = 86'400'000; ///< one day
    static constexpr int maxLabel = 64;           ///< names, ids, key labels, accounts
    static constexpr int maxTitle = 80;
    static constexpr int maxDescription = 500;
    static constexpr int maxRawKey = 65'536;

    /// Parses scenario JSON; `source` names it in errors (a file path or "preset NAME").
    [[nodiscard]] static ScenarioLoad fromJson(const QByteArray &json, const QString &source);
    /// Reads a scenario file.
    [[nodiscard]] static ScenarioLoad fromFile(const QString &path);
    /// Reads a scenario object found at `path` of a larger document (a timeline's
    /// "scenario"; empty for a scenario file). Problems go to `fields`.
    [[nodiscard]] static std::optional<Scenario> read(const QJsonObject &root, const QString &path,
                                                      JsonFields &fields);
    /// Reads a settings object at `path` into `settings` (a scenario's, a timeline's copy):
    /// unknown names, wrong types and ranges go to `fields` in the readers' one wording.
    static bool readSettings(const QJsonObject &o, const QString &path, Settings &settings,
                             JsonFields &fields);
};

} // namespace idem
