#pragma once

#include "whatif/sweepresult.h"

#include <QByteArray>
#include <QString>

namespace idem {

/// `sweep --plot`: the share of trials with an anomaly over the grid, as a line chart with
/// its 95 % interval band for one varied setting, a heat map for two (export/svgchart).
class SweepPlot
{
public:
    /// The SVG; `anomaly` picks the kind plotted ("any", "DUPLICATE_EFFECT", …).
    [[nodiscard]] static QByteArray svg(const SweepResult &result,
                                        const QString &anomaly = QStringLiteral("any"));
};

} // namespace idem
