#pragma once

#include "model/scenario.h"

#include <QJsonObject>
#include <QString>

namespace idem {

/// Writes a scenario in the JSON scenario format (docs/scenario-format.md):
/// ScenarioReader reads back exactly what this writes.
class ScenarioWriter
{
public:
    /// "idemlab.scenario/1".
    [[nodiscard]] static const QString &schema();
    /// The scenario as JSON (ScenarioReader::read(toJson(s)) == s).
    [[nodiscard]] static QJsonObject toJson(const Scenario &scenario);
};

} // namespace idem
