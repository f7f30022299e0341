#pragma once

#include "timeline/exportrange.h"
#include "json/jsonfields.h"

#include <QHash>

namespace idem {

/// Reads the part of a timeline that happened: "nodes", "range", "endUs", "attempts" and
/// "events", into a RunResult, checking every reference (node ids, attempt indices) and the
/// order of the events. Part of TimelineReader; problems go to the shared JsonFields.
class EventLogReader
{
public:
    EventLogReader(JsonFields &fields, RunResult &run, ExportRange &range)
        : m_f(fields), m_run(run), m_range(range)
    {}

    /// Reads them all from the timeline's top-level object; false on the first problem.
    bool read(const QJsonObject &root);

    // The pieces, also read one at a time by the live event stream (live/eventstream.h).
    /// root.nodes into the run's nodes (ids unique, servers and DBs in a cluster).
    bool nodes(const QJsonObject &root);
    /// One entry of "attempts", appended to the run's attempts.
    bool attempt(const QJsonObject &o, const QString &path);
    /// One entry of "events", appended to the run's events (its request one of the run's
    /// attempts; the order along the log is checked by events()).
    bool event(const QJsonObject &o, const QString &path);

private:
    /// The node a field names by id; -1 for null (and on failure).
    int node(const QJsonObject &o, const QString &path, const QString &field);
    bool range(const QJsonObject &root);
    bool attempts(const QJsonObject &root);
    bool events(const QJsonObject &root);
    int requestIndex(const QJsonObject &o, const QString &path);

    JsonFields &m_f;
    RunResult &m_run;
    ExportRange &m_range;
    QHash<QString, int> m_nodeIds;
    QHash<QString, int> m_clients; ///< scenario client name → index
};

} // namespace idem
