#pragma once

#include "export/exporter.h"

#include <QByteArray>

namespace idem {

/// One self-contained page (well-formed XHTML, also read as HTML): the SVG timeline inline,
/// the verdict, the settings, the requests and the event table with captions; inline CSS with
/// print rules; no scripts and no external references, so it opens offline in any browser.
class HtmlExporter
{
public:
    [[nodiscard]] static QByteArray render(const RunResult &run, const ExportRange &range = {});
};

} // namespace idem
