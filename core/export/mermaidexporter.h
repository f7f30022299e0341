#pragma once

#include "export/exporter.h"

#include <QByteArray>

namespace idem {

/// A Mermaid `sequenceDiagram` of the run (docs/timeline-format.md), using only syntax the
/// Mermaid documentation gives for sequence diagrams, so GitHub renders it as is.
class MermaidExporter
{
public:
    [[nodiscard]] static QByteArray render(const RunResult &run, const ExportRange &range = {});
};

} // namespace idem
