#include "export/svgexporter.h"

#include "export/palette.h"
#include "export/svgpainter.h"
#include "export/svgtimeline.h"
#include "report/textreport.h"
#include "timeline/timelineaxis.h"

#include <QXmlStreamWriter>

#include <algorithm>
#include <cmath>

namespace idem {

namespace {

const Palette &palette = Palette::light(); // exports are drawn on white

using Stroke = SvgPainter::Stroke;
using Anchor = SvgPainter::Anchor;

constexpr double margin = 16;
constexpr double titleSize = 16;
constexpr double textSize = 12;
constexpr double smallSize = 11;
constexpr double laneSpacing = 34;
constexpr double minPlotWidth = 880;
constexpr double maxPlotWidth = 6000;
constexpr double pxPerTime = 26; ///< plot width per distinct time, up to the maximum

enum class Swatch
{
    Arrow,
    Lost,
    BackUp,
    Anomaly,
    Timeout,
    Operation,
    Lock,
};

struct LegendItem
{
    QString text;
    Swatch swatch = Swatch::Arrow;
    Stroke stroke = {};
    bool solidHead = false;

    [[nodiscard]] double width() const { return 38 + SvgPainter::textWidth(text, smallSize); }
};

QVector<LegendItem> legendItems()
{
    QVector<LegendItem> items{
        {QStringLiteral("request"), Swatch::Arrow, SvgTimeline::messageStroke(0), true}};
    for (const int status : {200, 201, 400, 409, 422})
        items.append(
            {QString::number(status), Swatch::Arrow, SvgTimeline::messageStroke(status), false});
    items.append(
        {QStringLiteral("other status"), Swatch::Arrow, SvgTimeline::messageStroke(599), false});
    items.append(
        {QStringLiteral("DB / cache query"), Swatch::Arrow, SvgTimeline::queryStroke, true});
    items.append({QStringLiteral("result"), Swatch::Arrow, SvgTimeline::resultStroke, false});
    items.append(
        {QStringLiteral("replication"), Swatch::Arrow, SvgTimeline::replicateStroke, false});
    items.append({QStringLiteral("conflict"), Swatch::Arrow, SvgTimeline::conflictStroke, false});
    items.append({QStringLiteral("lost message / crash"), Swatch::Lost});
    items.append({QStringLiteral("back up"), Swatch::BackUp});
    items.append({QStringLiteral("anomaly"), Swatch::Anomaly});
    items.append({QStringLiteral("timeout"), Swatch::Timeout});
    items.append({QStringLiteral("operation"), Swatch::Operation});
    items.append({QStringLiteral("lock wait / held"), Swatch::Lock});
    return items;
}

// Where each legend item goes: left to right, wrapping at `width`.
QVector<QPointF> legendPlaces(const QVector<LegendItem> &items, double width, double top)
{
    QVector<QPointF> places;
    double x = margin;
    double y = top;
    for (const LegendItem &item : items) {
        if (x > margin && x + item.width() > width - margin) {
            x = margin;
            y += 22;
        }
        places.append({x, y});
        x += item.width() + 18;
    }
    return places;
}

struct Layout
{
    QStringList header; ///< title, settings, verdict, range
    double labelWidth = 0;
    double plotLeft = 0;
    double plotWidth = 0;
    double lanesTop = 0;
    QVector<double> laneYs;
    double axisY = 0;
    double legendY = 0;
    double width = 0;
    double height = 0;
};

QStringList headerLines(const RunResult &run, const ExportRange &range)
{
    const Scenario &s = run.scenario;
    QString title = s.name;
    if (!s.title.isEmpty())
        title += QStringLiteral(" — ") + s.title;
    const qint64 runEnd = ExportRange{}.clampedTo(run);
    const qint64 to = range.clampedTo(run);
    const QString span = range.fromUs <= 0 && to >= runEnd
                             ? QStringLiteral("The whole run: %1")
                                   .arg(durationText(runEnd, DurationUnit::Milliseconds))
                             : QStringLiteral("Events from %1 to %2 of a run of %3")
                                   .arg(durationText(range.fromUs, DurationUnit::Milliseconds),
                                        durationText(to, DurationUnit::Milliseconds),
                                        durationText(runEnd, DurationUnit::Milliseconds));
    return {
        title.simplified(),
        QStringLiteral("Settings: ") + TextReport::settingsLine(s.settings),
        QStringLiteral("Verdict: ") + run.verdict.summary(),
        span + QStringLiteral(" · time axis in ms; quiet stretches over 40 ms are shortened"),
    };
}

Layout layoutFor(const RunResult &run, const ExportRange &range, int distinctTimes)
{
    Layout l;
    l.header = headerLines(run, range);
    double widest = 60;
    for (const Node &n : run.nodes)
        widest = std::max(widest, SvgPainter::textWidth(n.name, textSize) * 1.1);
    l.labelWidth = std::min(widest + 20, 260.0);
    l.plotLeft = margin + l.labelWidth;
    l.plotWidth = std::clamp(pxPerTime * distinctTimes, minPlotWidth, maxPlotWidth);
    l.lanesTop = margin + titleSize + 3 * 18 + 22;
    for (int i = 0; i < run.nodes.size(); ++i)
        l.laneYs.append(l.lanesTop + (i + 0.5) * laneSpacing);
    l.axisY = l.lanesTop + double(run.nodes.size()) * laneSpacing + 6;
    l.legendY = l.axisY + 52;
    l.width = l.plotLeft + l.plotWidth + margin + 24;
    for (int i = 0; i < l.header.size(); ++i)
        l.width = std::max(
            l.width, 2 * margin + SvgPainter::textWidth(l.header[i], i ? textSize : titleSize));
    l.width = std::ceil(l.width); // whole pixels: the same size in every viewer
    l.height = std::ceil(legendPlaces(legendItems(), l.width, l.legendY).last().y() + 12 + margin);
    return l;
}

void drawHeader(SvgPainter &p, const Layout &l, const RunResult &run)
{
    double y = margin + titleSize;
    p.text({margin, y}, l.header[0], titleSize, palette.text, Anchor::Start, true);
    y += 20;
    p.text({margin, y}, l.header[1], textSize, palette.mutedText);
    y += 18;
    p.text({margin, y}, l.header[2], textSize,
           run.verdict.ok() ? palette.okText : palette.anomalyText, Anchor::Start, true);
    y += 18;
    p.text({margin, y}, l.header[3], smallSize, palette.mutedText);
}

void drawLanes(SvgPainter &p, const Layout &l, const RunResult &run)
{
    // The clusters' lanes sit on a faint band, so "A" and "B" read as groups.
    const double half = laneSpacing / 2;
    for (int i = 0; i < run.nodes.size(); ++i)
        if (run.nodes[i].cluster >= 0)
            p.rect(QRectF(margin / 2, l.laneYs[i] - half, l.width - margin, laneSpacing),
                   palette.band);
    for (int i = 0; i < run.nodes.size(); ++i) {
        const Node &n = run.nodes[i];
        const bool store = n.kind == NodeKind::Database || n.kind == NodeKind::Cache;
        p.line({l.plotLeft, l.laneYs[i]}, {l.plotLeft + l.plotWidth, l.laneYs[i]},
               Stroke{palette.border, 1});
        p.text({margin, l.laneYs[i] + textSize / 3}, n.name.simplified(), textSize,
               store ? palette.text : palette.mutedText, Anchor::Start, store);
    }
}

void drawAxis(SvgPainter &p, const Layout &l, const TimelineAxis &axis)
{
    const double top = l.lanesTop;
    const double base = l.axisY;
    p.line({l.plotLeft, base}, {l.plotLeft + l.plotWidth, base}, Stroke{palette.mutedText, 1});
    for (const TimelineAxis::Gap &g : axis.gaps()) {
        // A broken axis: the lanes pause at a dotted line, the axis at a double zig-zag.
        p.line({g.x, top}, {g.x, base}, Stroke{palette.mutedText, 1, QLatin1String("1 3")});
        p.rect(QRectF(g.x - 5, base - 5, 10, 10), palette.panel);
        for (const double dx : {-2.5, 2.5})
            p.polyline({{g.x + dx - 2, base + 5},
                        {g.x + dx + 1, base + 1},
                        {g.x + dx - 1, base - 1},
                        {g.x + dx + 2, base - 5}},
                       Stroke{palette.mutedText, 1.2});
        if (g.labelled)
            p.text({g.x, base + 18}, durationText(g.duration, DurationUnit::Gap), smallSize,
                   palette.mutedText, Anchor::Middle);
    }
    for (const TimelineAxis::Tick &t : axis.ticks()) {
        p.line({t.x, base}, {t.x, base + 4},
               Stroke{t.major ? palette.mutedText : palette.border, 1});
        p.text({t.x, base + 18}, t.text, smallSize, t.major ? palette.text : palette.mutedText,
               Anchor::Middle);
    }
    p.text({l.plotLeft + l.plotWidth, base + 36}, QStringLiteral("time (ms)"), smallSize,
           palette.mutedText, Anchor::End);
}

void drawSwatch(SvgPainter &p, const LegendItem &item, QPointF at)
{
    const double x = at.x();
    const double y = at.y();
    const Stroke red{palette.anomaly, 2.2};
    const Stroke hand{palette.anomaly, 1.6};
    switch (item.swatch) {
    case Swatch::Arrow:
        p.line({x, y}, {x + 28, y}, item.stroke);
        if (item.solidHead)
            p.polygon({{x + 32, y}, {x + 25, y - 3.2}, {x + 25, y + 3.2}}, item.stroke.colour);
        else
            p.polyline({{x + 25, y - 3.2}, {x + 32, y}, {x + 25, y + 3.2}},
                       Stroke{item.stroke.colour, 1.2});
        break;
    case Swatch::Lost:
        p.line({x + 12, y - 4}, {x + 20, y + 4}, red);
        p.line({x + 12, y + 4}, {x + 20, y - 4}, red);
        break;
    case Swatch::BackUp:
        p.polygon({{x + 16, y - 5.5}, {x + 21, y + 3.5}, {x + 11, y + 3.5}}, palette.status201);
        break;
    case Swatch::Anomaly:
        p.polygon({{x + 16, y - 6}, {x + 22, y}, {x + 16, y + 6}, {x + 10, y}}, palette.anomaly);
        break;
    case Swatch::Timeout:
        p.circle({x + 16, y}, 4.5, palette.panel, hand);
        p.line({x + 16, y}, {x + 16, y - 3}, hand);
        p.line({x + 16, y}, {x + 18.5, y}, hand);
        break;
    case Swatch::Operation:
        p.rect(QRectF(x + 2, y - 3, 28, 6), palette.request, 0.3);
        break;
    case Swatch::Lock:
        p.line({x + 2, y}, {x + 14, y}, Stroke{palette.status409, 2, QLatin1String("2 2")});
        p.line({x + 17, y}, {x + 30, y}, Stroke{palette.status409, 2});
        break;
    }
    p.text({x + 38, y + 4}, item.text, smallSize, palette.text);
}

void drawLegend(SvgPainter &p, const Layout &l)
{
    const QVector<LegendItem> items = legendItems();
    const QVector<QPointF> places = legendPlaces(items, l.width, l.legendY);
    for (int i = 0; i < items.size(); ++i)
        drawSwatch(p, items[i], places[i]);
}

} // namespace

void SvgExporter::write(QXmlStreamWriter &xml, const RunResult &run, const ExportRange &range)
{
    QVector<qint64> times = SvgTimeline::times(run, range);
    const qint64 to = range.clampedTo(run);
    if (range.fromUs <= to) // the axis spans the range even where nothing happens
        times << range.fromUs << to;
    QVector<qint64> distinct = times;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());

    const Layout l = layoutFor(run, range, int(distinct.size()));
    const TimelineAxis axis(times, l.plotLeft, l.plotWidth, 0.6 * smallSize);
    SvgPainter p(xml);
    p.begin(l.width, l.height, l.header[0],
            l.header.mid(1).join(QStringLiteral(". ")) + QStringLiteral("."));
    p.rect(QRectF(0, 0, l.width, l.height), palette.panel);
    drawHeader(p, l, run);
    drawLanes(p, l, run);
    drawAxis(p, l, axis);
    SvgTimeline(run, range, axis, l.laneYs, laneSpacing).draw(p);
    drawLegend(p, l);
    p.end();
}

QByteArray SvgExporter::render(const RunResult &run, const ExportRange &range)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(1);
    xml.writeStartDocument();
    write(xml, run, range);
    xml.writeEndDocument();
    return out;
}

} // namespace idem
