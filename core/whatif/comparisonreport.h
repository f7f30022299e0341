#pragma once

#include "export/comparisonexporter.h"
#include "whatif/comparison.h"

#include <QJsonObject>
#include <QString>

namespace idem {

/// What `idemlab-cli compare` prints: the first difference, the two verdicts and the
/// responses side by side, as text or as one JSON object (--json).
class ComparisonReport
{
public:
    [[nodiscard]] static QString render(const Comparison &comparison);
    /// {"scenario", "seed", "left": {"overrides", "settings", "verdict"}, "right": {…},
    /// "divergence": {"event", "timeUs", "node", "left", "right"} or null, "responses": […]}.
    [[nodiscard]] static QJsonObject toJson(const Comparison &comparison);
    /// "first difference: event #6 at 21 ms, at Server A1" or "no difference: …".
    [[nodiscard]] static QString divergenceLine(const Comparison &comparison);
    /// What one side did at the divergence: its caption, or that its log had ended.
    [[nodiscard]] static QString sideStep(const std::optional<Event> &event);
    /// One attempt's answer for the side-by-side table: "201 Created at 350 ms (Server A1)".
    [[nodiscard]] static QString answerText(const RunResult &run, const Attempt &attempt);

    /// The comparison as the exporter draws it (`compare --export`).
    [[nodiscard]] static ComparisonPage page(const Comparison &comparison);

    /// A row of the responses side by side: one attempt of one request, in either run.
    struct ResponseRow
    {
        QString request;
        int attempt = 1;
        const Attempt *left = nullptr; ///< nullptr: the left run made no such attempt
        const Attempt *right = nullptr;
    };
    /// The attempts of both runs, request by request (scenario order), attempt by attempt.
    [[nodiscard]] static QVector<ResponseRow> responseRows(const Comparison &comparison);
};

} // namespace idem
