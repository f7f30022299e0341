#pragma once

#include "exporter.h"

#include <QByteArray>

namespace idem {

/// A Mermaid `sequenceDiagram` of the messages between nodes.
class MermaidExporter
{
public:
    [[nodiscard]] static QByteArray render(const RunResult &run, const ExportRange &range = {});
};

} // namespace idem
