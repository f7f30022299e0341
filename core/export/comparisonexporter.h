#pragma once

#include "model/runresult.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace idem {

/// What the comparison page shows: two runs of one scenario, what each side changed, and
/// where their logs part (worked out by core/whatif; the exporter only draws it).
struct ComparisonPage
{
    const RunResult &left;
    const RunResult &right;
    QString leftName; ///< the left side's overrides ("--mutex off")
    QString rightName;
    std::optional<qint64> divergenceUs; ///< nullopt: the logs are the same
    QString divergenceLine;             ///< "first difference: event #6 at 21 ms, at Server A1"
    QString leftStep;                   ///< what the left run did there
    QString rightStep;
    /// The responses side by side: request, left answer, right answer.
    QVector<QStringList> responses;
};

/// `compare --export`: both timelines on one time axis, one above the other, with the first
/// difference marked across both; as an SVG, or an HTML page with the SVG inline, the
/// verdicts and the responses side by side (self-contained, no scripts).
class ComparisonExporter
{
public:
    [[nodiscard]] static QByteArray svg(const ComparisonPage &page);
    [[nodiscard]] static QByteArray html(const ComparisonPage &page);
    /// The bytes for `path` by its extension (.svg or .html); nullopt + error otherwise.
    [[nodiscard]] static std::optional<QByteArray> render(const ComparisonPage &page,
                                                          const QString &path, QString *error);
    /// Why `path` is not a comparison export (.svg or .html), or nullopt if it is.
    [[nodiscard]] static std::optional<QString> formatError(const QString &path);
};

} // namespace idem
