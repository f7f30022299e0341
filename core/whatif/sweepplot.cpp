#include "whatif/sweepplot.h"

#include "export/svgchart.h"

#include <cmath>

namespace idem {

namespace {

QString kindWords(const QString &anomaly)
{
    if (anomaly == QLatin1String("any"))
        return QStringLiteral("an anomaly");
    return QStringLiteral("a ") + anomaly.toLower().replace(QLatin1Char('_'), QLatin1Char(' '));
}

double share(const TrialCounts &c, const QString &anomaly)
{
    return c.trials ? double(c.anomalyTrials.value(anomaly)) / c.trials : 0.0;
}

QString subtitle(const SweepResult &r)
{
    return QStringLiteral("%1 trials per point, seeds %2 to %3; the same seeds at every point")
        .arg(r.trials)
        .arg(r.seedFrom)
        .arg(r.seedFrom + quint64(std::max(r.trials, 1)) - 1);
}

} // namespace

QByteArray SweepPlot::svg(const SweepResult &r, const QString &anomaly)
{
    const QString title = QStringLiteral("%1: trials with %2").arg(r.scenario, kindWords(anomaly));
    if (r.axes.size() == 1) {
        const VaryAxis &axis = r.axes.first();
        LineChart c;
        c.title = title;
        c.subtitle = subtitle(r) + QStringLiteral("; the band is the 95 % Wilson interval");
        c.xTitle = axis.title();
        c.yTitle = QStringLiteral("trials with %1 (%)").arg(kindWords(anomaly));
        for (int i = 0; i < r.points.size(); ++i) {
            const TrialCounts &p = r.points[i];
            const WilsonInterval w = WilsonInterval::of(p.anomalyTrials.value(anomaly), p.trials);
            c.xLabels << axis.values[i];
            c.xs << (axis.numeric() ? axis.values[i].toDouble() : double(i));
            c.values << share(p, anomaly);
            c.lows << w.low;
            c.highs << w.high;
        }
        return SvgChart::line(c);
    }
    HeatMap m;
    m.title = title;
    m.subtitle = subtitle(r);
    m.xTitle = r.axes[0].title();
    m.yTitle = r.axes[1].title();
    m.xLabels = r.axes[0].values;
    m.yLabels = r.axes[1].values;
    m.legendTitle = QStringLiteral("share");
    for (const TrialCounts &p : r.points) {
        m.values << share(p, anomaly);
        m.cellTexts << QString::number(std::lround(share(p, anomaly) * 100)) + QStringLiteral(" %");
    }
    return SvgChart::heatMap(m);
}

} // namespace idem
