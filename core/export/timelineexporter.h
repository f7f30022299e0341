#pragma once

#include "export/exporter.h"
#include "timeline/timelineschema.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>

namespace idem {

/// The full timeline as JSON, schema "idemlab.timeline/1" (docs/timeline-format.md).
class TimelineExporter
{
public:
    static constexpr const char *schema = timelineSchema;
    [[nodiscard]] static QJsonObject toJson(const RunResult &run, const ExportRange &range = {});
    [[nodiscard]] static QByteArray render(const RunResult &run, const ExportRange &range = {});

    // The pieces, also written one at a time by the live event stream (live/eventstream.h).
    /// "nodes": the run's nodes.
    [[nodiscard]] static QJsonArray nodesJson(const RunResult &run);
    /// One entry of "events" (its "why" from the run's nodes and settings).
    [[nodiscard]] static QJsonObject eventJson(const RunResult &run, const Event &e);
    /// One entry of "attempts" (the client named from the run's scenario or nodes).
    [[nodiscard]] static QJsonObject attemptJson(const RunResult &run, const Attempt &a);
    /// One cluster of "databases": {"idempotencyKeys": [...], "ledger": [...]}.
    [[nodiscard]] static QJsonObject databaseJson(const QVector<KeyRow> &keys,
                                                  const QVector<LedgerRow> &ledger);
};

} // namespace idem
