#pragma once

#include "runresult.h"

#include <QString>

#include <limits>
#include <optional>

namespace idem {

/// The part of a run to export: events with from ≤ t ≤ to (µs); the whole run by default.
struct ExportRange
{
    qint64 fromUs = 0;
    qint64 toUs = std::numeric_limits<qint64>::max();
};

/// Writes a run to a file whose extension picks the format (.json, .csv, .mmd).
class Exporter
{
public:
    /// Formats this exporter writes, as extensions without the dot.
    [[nodiscard]] static QStringList formats();
    /// The file's contents in the format its extension names; nullopt + error if unknown.
    [[nodiscard]] static std::optional<QByteArray> render(const RunResult &run, const QString &path,
                                                          const ExportRange &range, QString *error);
    /// Renders and writes atomically (QSaveFile); returns an error line, or nullopt on success.
    [[nodiscard]] static std::optional<QString> write(const RunResult &run, const QString &path,
                                                      const ExportRange &range = {});
};

} // namespace idem
