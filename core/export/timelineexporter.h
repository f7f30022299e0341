#pragma once

#include "export/exporter.h"
#include "timeline/timelineschema.h"

#include <QByteArray>
#include <QJsonObject>

namespace idem {

/// The full timeline as JSON, schema "idemlab.timeline/1" (docs/timeline-format.md).
class TimelineExporter
{
public:
    static constexpr const char *schema = timelineSchema;
    [[nodiscard]] static QJsonObject toJson(const RunResult &run, const ExportRange &range = {});
    [[nodiscard]] static QByteArray render(const RunResult &run, const ExportRange &range = {});
};

} // namespace idem
