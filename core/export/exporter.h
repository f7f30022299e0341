#pragma once

#include "model/runresult.h"

#include <QString>

#include <limits>
#include <optional>
#include <vector>

namespace idem {

/// The part of a run to export: events with from ≤ t ≤ to (µs); the whole run by default.
///
/// An event belongs to the range by its own time `t` alone. A message sent inside the range
/// is drawn whole even if it arrives after `toUs`; one sent before `fromUs` is left out even
/// if it arrives inside (its `deliver` / `receive` event is kept in the JSON and CSV).
struct ExportRange
{
    qint64 fromUs = 0;
    qint64 toUs = std::numeric_limits<qint64>::max();

    [[nodiscard]] bool contains(qint64 t) const { return t >= fromUs && t <= toUs; }
    /// `toUs` cut to the end of `run` (the later of its endUs and its last event).
    [[nodiscard]] qint64 clampedTo(const RunResult &run) const;
};

/// One format the exporter writes: a row of the one table of formats (Exporter::table()).
struct ExportFormat
{
    QString suffix;      ///< the file extension that picks it, without the dot: "mmd"
    QString name;        ///< what a menu calls it: "Mermaid"
    QString description; ///< one line saying what the file is good for
    QByteArray (*render)(const RunResult &run, const ExportRange &range) = nullptr;
};

/// Writes a run to a file whose extension picks the format (the rows of table()).
class Exporter
{
public:
    /// Every format, in the order a menu offers them. Adding a format = its writer + a row.
    /// Names and descriptions are English; translate them in the context "ExportFormat".
    [[nodiscard]] static const std::vector<ExportFormat> &table();
    /// The row for `suffix` (any case), or nullptr.
    [[nodiscard]] static const ExportFormat *find(const QString &suffix);
    /// Formats this exporter writes, as extensions without the dot (table()'s suffixes).
    [[nodiscard]] static QStringList formats();
    /// Why `path` cannot be exported to (no or an unknown extension), or nullopt if it can.
    [[nodiscard]] static std::optional<QString> formatError(const QString &path);
    /// The file's contents in the format its extension names; nullopt + error if unknown.
    [[nodiscard]] static std::optional<QByteArray> render(const RunResult &run, const QString &path,
                                                          const ExportRange &range, QString *error);
    /// Renders and writes atomically (QSaveFile); returns an error line, or nullopt on success.
    /// On failure an existing file at `path` is left as it was.
    [[nodiscard]] static std::optional<QString> write(const RunResult &run, const QString &path,
                                                      const ExportRange &range = {});
    /// Writes `bytes` to `path` atomically (QSaveFile); an error line, or nullopt on success.
    [[nodiscard]] static std::optional<QString> writeFile(const QString &path,
                                                          const QByteArray &bytes);
};

} // namespace idem
