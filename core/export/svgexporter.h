#pragma once

#include "export/exporter.h"

#include <QByteArray>

class QXmlStreamWriter;

namespace idem {

/// A space-time diagram of the run like the app's timeline view: a lane per node in scene
/// order, the events drawn across them over a time axis in ms, a title with the scenario, its
/// settings and the verdict, and a legend. Plain SVG 1.1 (vector shapes and <text> only).
class SvgExporter
{
public:
    [[nodiscard]] static QByteArray render(const RunResult &run, const ExportRange &range = {});
    /// Writes the <svg> element into `xml` (the HTML export embeds it).
    static void write(QXmlStreamWriter &xml, const RunResult &run, const ExportRange &range);
};

} // namespace idem
