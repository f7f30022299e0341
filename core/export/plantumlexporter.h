#pragma once

#include "export/exporter.h"

#include <QByteArray>

namespace idem {

/// A PlantUML sequence diagram of the run: the same story as the Mermaid export, with
/// `database` lifelines for the DBs, `collections` for the cache and status colours.
class PlantUmlExporter
{
public:
    [[nodiscard]] static QByteArray render(const RunResult &run, const ExportRange &range = {});
};

} // namespace idem
