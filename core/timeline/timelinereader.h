#pragma once

#include "timeline/exportrange.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace idem {

/// A timeline read back from JSON, or one line saying what was wrong.
struct TimelineLoad
{
    std::optional<RunResult> run; ///< the run as recorded: replay it, do not re-run it
    ExportRange range;            ///< the events the file holds (its "range")
    QString error;                ///< "<source>: <JSON path>: <what was expected>"
};

/// Reads the JSON timeline format, schema "idemlab.timeline/1" (docs/timeline-format.md),
/// back into the run it was exported from: TimelineExporter::render(load.run, load.range)
/// gives the file's bytes again, and the app replays it exactly as recorded.
///
/// Nothing in the file is trusted: malformed JSON, a wrong type anywhere, an unknown schema,
/// absurd sizes and references that point nowhere are refused with one line naming the JSON
/// path and what was expected. Fields the reader does not know are ignored, as the format's
/// versioning rule asks.
class TimelineReader
{
public:
    static constexpr qint64 maxFileBytes = 64 * 1024 * 1024;
    static constexpr int maxEvents = 1'000'000;
    static constexpr int maxAttempts = 200'000;
    static constexpr int maxNodes = 1'000;
    static constexpr int maxRows = 200'000;    ///< per database table
    static constexpr int maxShortText = 256;   ///< ids, names, labels, keys
    static constexpr int maxLongText = 65'536; ///< captions, SQL, response bodies, raw keys

    /// Parses timeline JSON; `source` names it in errors (a file path).
    [[nodiscard]] static TimelineLoad fromJson(const QByteArray &json, const QString &source);
    /// Reads a timeline file.
    [[nodiscard]] static TimelineLoad fromFile(const QString &path);

    /// True when `path` is a readable file holding a JSON object that is a timeline: its
    /// "schema" starts "idemlab.timeline/" (any version), or it has no schema but "events" and
    /// "nodes". Tells a timeline from a scenario file before loading either.
    [[nodiscard]] static bool isTimelineFile(const QString &path);
};

} // namespace idem
