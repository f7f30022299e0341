#pragma once

#include "export/exporter.h"

#include <QByteArray>

namespace idem {

/// One row per event, RFC 4180 quoting, a header row.
class CsvExporter
{
public:
    [[nodiscard]] static QByteArray render(const RunResult &run, const ExportRange &range = {});
};

} // namespace idem
