#pragma once

#include "model/runresult.h"
#include "timeline/exportrange.h"

#include <QString>

#include <optional>
#include <vector>

namespace idem {

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
