#include "export/comparisonexporter.h"

#include "export/palette.h"
#include "export/svgpainter.h"
#include "export/svgtimeline.h"
#include "export/xmltext.h"
#include "report/textreport.h"
#include "timeline/durationtext.h"
#include "timeline/timelineaxis.h"

#include <QFileInfo>
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
constexpr double laneSpacing = 30;
constexpr double sideHeader = 40; ///< a side's name and verdict above its lanes
constexpr double minPlotWidth = 880;
constexpr double maxPlotWidth = 6000;
constexpr double pxPerTime = 26;

QString title(const ComparisonPage &page)
{
    const Scenario &s = page.left.scenario;
    return (s.title.isEmpty() ? s.name : s.name + QStringLiteral(" — ") + s.title).simplified() +
           QStringLiteral(": compared on seed %1").arg(s.settings.seed);
}

struct Side
{
    const RunResult *run = nullptr;
    QString name;
    double top = 0; ///< of its header
    QVector<double> laneYs;
};

void writeSvg(QXmlStreamWriter &xml, const ComparisonPage &page)
{
    const ExportRange range;
    QVector<qint64> times =
        SvgTimeline::times(page.left, range) + SvgTimeline::times(page.right, range);
    times << 0 << range.clampedTo(page.left) << range.clampedTo(page.right);
    QVector<qint64> distinct = times;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());

    double widest = 60;
    for (const RunResult *run : {&page.left, &page.right})
        for (const Node &n : run->nodes)
            widest = std::max(widest, SvgPainter::textWidth(n.name, textSize) * 1.1);
    const double plotLeft = margin + std::min(widest + 20, 260.0);
    const double plotWidth =
        std::clamp(pxPerTime * double(distinct.size()), minPlotWidth, maxPlotWidth);
    const QString heading = title(page);
    // Under the title: where the runs part, and what each did there.
    QStringList lines{page.divergenceLine};
    if (page.divergenceUs)
        lines << page.leftName + QStringLiteral(": ") + page.leftStep
              << page.rightName + QStringLiteral(": ") + page.rightStep;
    double width = plotLeft + plotWidth + margin + 24;
    width = std::max(width, 2 * margin + SvgPainter::textWidth(heading, titleSize));
    for (const QString &l : lines)
        width = std::max(width, 2 * margin + SvgPainter::textWidth(l, textSize));
    width = std::ceil(width);

    Side sides[2] = {{&page.left, page.leftName, 0, {}}, {&page.right, page.rightName, 0, {}}};
    const double markerRow = margin + titleSize + 20 + 18 * double(lines.size() - 1) + 14;
    double y = markerRow + 16;
    for (Side &side : sides) {
        side.top = y;
        y += sideHeader;
        for (int i = 0; i < side.run->nodes.size(); ++i)
            side.laneYs.append(y + (i + 0.5) * laneSpacing);
        y += double(side.run->nodes.size()) * laneSpacing + 10;
    }
    const double axisY = y;
    const double height = std::ceil(axisY + 44 + margin);
    const TimelineAxis axis(times, plotLeft, plotWidth, 0.6 * smallSize);

    SvgPainter p(xml);
    p.begin(width, height, heading, lines.join(QStringLiteral(". ")));
    p.rect(QRectF(0, 0, width, height), palette.panel);
    p.text({margin, margin + titleSize}, heading, titleSize, palette.text, Anchor::Start, true);
    for (int i = 0; i < lines.size(); ++i)
        p.text({margin, margin + titleSize + 20 + 18 * i}, lines[i], textSize,
               i > 0               ? palette.text
               : page.divergenceUs ? palette.anomalyText
                                   : palette.okText,
               Anchor::Start, i == 0);

    for (const Side &side : sides) {
        const RunResult &run = *side.run;
        p.text({margin, side.top + 14}, side.name, textSize, palette.text, Anchor::Start, true);
        p.text({margin + SvgPainter::textWidth(side.name, textSize) + 12, side.top + 14},
               TextReport::settingsLine(run.scenario.settings), smallSize, palette.mutedText);
        p.text({margin, side.top + 31}, QStringLiteral("Verdict: ") + run.verdict.summary(),
               smallSize, run.verdict.ok() ? palette.okText : palette.anomalyText, Anchor::Start,
               true);
        for (int i = 0; i < run.nodes.size(); ++i)
            if (run.nodes[i].cluster >= 0)
                p.rect(QRectF(margin / 2, side.laneYs[i] - laneSpacing / 2, width - margin,
                              laneSpacing),
                       palette.band);
        for (int i = 0; i < run.nodes.size(); ++i) {
            p.line({plotLeft, side.laneYs[i]}, {plotLeft + plotWidth, side.laneYs[i]},
                   Stroke{palette.border, 1});
            p.text({margin, side.laneYs[i] + textSize / 3}, run.nodes[i].name.simplified(),
                   textSize, palette.mutedText);
        }
        SvgTimeline(run, range, axis, side.laneYs, laneSpacing).draw(p);
    }

    p.line({plotLeft, axisY}, {plotLeft + plotWidth, axisY}, Stroke{palette.mutedText, 1});
    for (const TimelineAxis::Gap &g : axis.gaps()) {
        for (const Side &side : sides)
            p.line({g.x, side.top + sideHeader}, {g.x, side.laneYs.last() + laneSpacing / 2},
                   Stroke{palette.mutedText, 1, QLatin1String("1 3")});
        if (g.labelled)
            p.text({g.x, axisY + 18}, durationText(g.duration, DurationUnit::Gap), smallSize,
                   palette.mutedText, Anchor::Middle);
    }
    for (const TimelineAxis::Tick &t : axis.ticks()) {
        p.line({t.x, axisY}, {t.x, axisY + 4},
               Stroke{t.major ? palette.mutedText : palette.border, 1});
        p.text({t.x, axisY + 18}, t.text, smallSize, t.major ? palette.text : palette.mutedText,
               Anchor::Middle);
    }
    p.text({plotLeft + plotWidth, axisY + 36}, QStringLiteral("time (ms), one axis for both runs"),
           smallSize, palette.mutedText, Anchor::End);

    if (page.divergenceUs) {
        // The first difference, over both runs' lanes (not their headings): where the reader
        // looks first.
        const double x = axis.x(*page.divergenceUs);
        const Stroke dashed{palette.anomaly, 2, QLatin1String("6 3")};
        p.beginGroup(page.divergenceLine);
        p.polygon({{x, markerRow + 8}, {x - 6, markerRow - 2}, {x + 6, markerRow - 2}},
                  palette.anomaly);
        p.text({x + 10, markerRow + 6}, QStringLiteral("first difference"), smallSize,
               palette.anomalyText, Anchor::Start, true);
        p.line({x, markerRow + 8}, {x, sides[0].top + 2}, dashed);
        for (const Side &side : sides)
            p.line({x, side.top + sideHeader}, {x, side.laneYs.last() + laneSpacing / 2}, dashed);
        p.line({x, axisY - 6}, {x, axisY + 6}, Stroke{palette.anomaly, 2});
        p.endGroup();
    }
    p.end();
}

void cell(QXmlStreamWriter &xml, const QString &name, const QString &text,
          const QString &cssClass = {})
{
    xml.writeStartElement(name);
    if (!cssClass.isEmpty())
        xml.writeAttribute(QStringLiteral("class"), cssClass);
    xml.writeCharacters(xmlSafeText(text));
    xml.writeEndElement();
}

QString css()
{
    return QStringLiteral(
               "body { font: 14px/1.45 DejaVu Sans, Verdana, Arial, sans-serif; color: %1; "
               "background: %2; margin: 0; padding: 24px; }\n"
               "main { max-width: 1400px; margin: 0 auto; background: %3; padding: 20px 28px; "
               "border-radius: 8px; }\n"
               "h1 { font-size: 22px; margin: 0 0 4px; }\n"
               "h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 1px solid %4; }\n"
               "p.difference { font-weight: bold; color: %5; }\n"
               "p.same { font-weight: bold; color: %6; }\n"
               "figure { margin: 0; overflow-x: auto; }\n"
               "figure svg { display: block; max-width: 100%; height: auto; }\n"
               "table { border-collapse: collapse; width: 100%; font-size: 13px; }\n"
               "th, td { border: 1px solid %4; padding: 3px 8px; text-align: left; }\n"
               "th { background: %7; }\n"
               "td.ok { color: %6; } td.anomaly { color: %5; }\n"
               "tr.differs td { background: %8; }\n")
        .arg(palette.text, palette.background, palette.panel, palette.border, palette.anomalyText,
             palette.okText, palette.band, palette.anomalyFill);
}

} // namespace

QByteArray ComparisonExporter::svg(const ComparisonPage &page)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(1);
    xml.writeStartDocument();
    writeSvg(xml, page);
    xml.writeEndDocument();
    return out;
}

QByteArray ComparisonExporter::html(const ComparisonPage &page)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(1);
    xml.writeDTD(QStringLiteral("<!DOCTYPE html>"));
    xml.writeStartElement(QStringLiteral("html"));
    xml.writeDefaultNamespace(QStringLiteral("http://www.w3.org/1999/xhtml"));
    xml.writeAttribute(QStringLiteral("lang"), QStringLiteral("en"));
    xml.writeStartElement(QStringLiteral("head"));
    xml.writeEmptyElement(QStringLiteral("meta"));
    xml.writeAttribute(QStringLiteral("charset"), QStringLiteral("utf-8"));
    cell(xml, QStringLiteral("title"), title(page));
    cell(xml, QStringLiteral("style"), css());
    xml.writeEndElement(); // head
    xml.writeStartElement(QStringLiteral("body"));
    xml.writeStartElement(QStringLiteral("main"));
    cell(xml, QStringLiteral("h1"), title(page));
    cell(xml, QStringLiteral("p"), page.divergenceLine,
         page.divergenceUs ? QStringLiteral("difference") : QStringLiteral("same"));
    if (page.divergenceUs) {
        xml.writeStartElement(QStringLiteral("table"));
        xml.writeStartElement(QStringLiteral("tr"));
        cell(xml, QStringLiteral("th"), page.leftName);
        cell(xml, QStringLiteral("td"), page.leftStep);
        xml.writeEndElement();
        xml.writeStartElement(QStringLiteral("tr"));
        cell(xml, QStringLiteral("th"), page.rightName);
        cell(xml, QStringLiteral("td"), page.rightStep);
        xml.writeEndElement();
        xml.writeEndElement();
    }
    cell(xml, QStringLiteral("h2"), QStringLiteral("Both runs on one time axis"));
    xml.writeStartElement(QStringLiteral("figure"));
    writeSvg(xml, page);
    xml.writeEndElement();

    cell(xml, QStringLiteral("h2"), QStringLiteral("Verdicts"));
    xml.writeStartElement(QStringLiteral("table"));
    for (const auto &[name, run] :
         {std::pair{page.leftName, &page.left}, std::pair{page.rightName, &page.right}}) {
        xml.writeStartElement(QStringLiteral("tr"));
        cell(xml, QStringLiteral("th"), name);
        cell(xml, QStringLiteral("td"), TextReport::settingsLine(run->scenario.settings));
        cell(xml, QStringLiteral("td"), run->verdict.summary(),
             run->verdict.ok() ? QStringLiteral("ok") : QStringLiteral("anomaly"));
        xml.writeEndElement();
    }
    xml.writeEndElement();

    cell(xml, QStringLiteral("h2"), QStringLiteral("Responses side by side"));
    xml.writeStartElement(QStringLiteral("table"));
    xml.writeStartElement(QStringLiteral("tr"));
    for (const QString &h : {QStringLiteral("request"), page.leftName, page.rightName})
        cell(xml, QStringLiteral("th"), h);
    xml.writeEndElement();
    for (const QStringList &row : page.responses) {
        xml.writeStartElement(QStringLiteral("tr"));
        if (row.value(1) != row.value(2))
            xml.writeAttribute(QStringLiteral("class"), QStringLiteral("differs"));
        for (const QString &text : row)
            cell(xml, QStringLiteral("td"), text);
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndElement(); // main
    xml.writeEndElement(); // body
    xml.writeEndElement(); // html
    xml.writeEndDocument();
    if (out.startsWith('\n')) // auto-formatting puts a line break before the DOCTYPE
        out.remove(0, 1);
    out.append('\n');
    return out;
}

std::optional<QString> ComparisonExporter::formatError(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg") || suffix == QLatin1String("html"))
        return {};
    return QStringLiteral("--export %1: a comparison is exported as .svg or .html, got \"%2\"")
        .arg(path, suffix.isEmpty() ? QStringLiteral("no extension") : QLatin1Char('.') + suffix);
}

std::optional<QByteArray> ComparisonExporter::render(const ComparisonPage &page,
                                                     const QString &path, QString *error)
{
    if (auto why = formatError(path)) {
        *error = *why;
        return std::nullopt;
    }
    return QFileInfo(path).suffix().toLower() == QLatin1String("svg") ? svg(page) : html(page);
}

} // namespace idem
