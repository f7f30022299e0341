#pragma once

#include "model/scenario.h"
#include "scenario/scenarioreader.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace idem {

/// Where the app gets a scenario: a preset by name or number, or a file. The format itself is
/// ScenarioReader's and ScenarioWriter's; the presets are Presets'.
class ScenarioLoader
{
public:
    /// Parses scenario JSON; `source` names it in errors (a file path or "preset NAME").
    [[nodiscard]] static ScenarioLoad fromJson(const QByteArray &json, const QString &source);
    /// Reads a scenario file.
    [[nodiscard]] static ScenarioLoad fromFile(const QString &path);
    /// A preset by name ("parallel-same-cluster") or number ("5"); a file path otherwise.
    [[nodiscard]] static ScenarioLoad load(const QString &presetOrPath);
    /// The scenario as JSON in the same format (fromJson(toJson(s)) == s).
    [[nodiscard]] static QJsonObject toJson(const Scenario &scenario);
    /// Preset names in truth-table order.
    [[nodiscard]] static QStringList presetNames();
    /// The default preset shown on start.
    [[nodiscard]] static QString defaultPreset();
};

} // namespace idem
