#pragma once

#include "model/runresult.h"
#include "timeline/exportrange.h"

#include <QString>

#include <optional>

namespace idem {

/// Writes a run to a file whose extension picks the format (.json, .csv, .mmd, .puml, .svg,
/// .html).
class Exporter
{
public:
    /// Formats this exporter writes, as extensions without the dot.
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
