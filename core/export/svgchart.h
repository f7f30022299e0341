#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

namespace idem {

/// A share (0 to 1) over one varied setting, with its interval: a line chart with a band.
struct LineChart
{
    QString title;
    QString subtitle;
    QString xTitle; ///< "Replication lag (ms)"
    QString yTitle; ///< "trials with an anomaly (%)"
    QStringList xLabels;
    QVector<double> xs;     ///< each point's place on the x axis (values, or 0, 1, 2 … for words)
    QVector<double> values; ///< 0 to 1
    QVector<double> lows;
    QVector<double> highs;
};

/// A share (0 to 1) over two varied settings: a heat map, one cell per grid point.
struct HeatMap
{
    QString title;
    QString subtitle;
    QString xTitle;
    QString yTitle;
    QStringList xLabels;
    QStringList yLabels;
    QVector<double> values; ///< x outermost: values[x * yLabels.size() + y], 0 to 1
    QStringList cellTexts;  ///< the same order: what each cell reads ("40 %")
    QString legendTitle;    ///< "trials with an anomaly"
};

/// Plots for slides: plain SVG 1.1 as the timeline exports are (vector shapes and <text>
/// only, so QSvgRenderer draws them too), on white, with the palette's colours.
class SvgChart
{
public:
    [[nodiscard]] static QByteArray line(const LineChart &chart);
    [[nodiscard]] static QByteArray heatMap(const HeatMap &map);
};

} // namespace idem
