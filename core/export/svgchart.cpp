#include "export/svgchart.h"

#include "export/palette.h"
#include "export/svgpainter.h"

#include <QXmlStreamWriter>

#include <algorithm>
#include <cmath>
#include <functional>

namespace idem {

namespace {

const Palette &palette = Palette::light(); // exports are drawn on white

using Stroke = SvgPainter::Stroke;
using Anchor = SvgPainter::Anchor;

constexpr double width = 960;
constexpr double height = 600;
constexpr double titleSize = 20;
constexpr double textSize = 14;
constexpr double smallSize = 12;
constexpr double left = 96;
constexpr double right = 40;
constexpr double top = 92;
constexpr double bottom = 90;

QByteArray document(const std::function<void(SvgPainter &)> &draw)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(1);
    xml.writeStartDocument();
    SvgPainter p(xml);
    draw(p);
    xml.writeEndDocument();
    return out;
}

void heading(SvgPainter &p, const QString &title, const QString &subtitle)
{
    p.rect(QRectF(0, 0, width, height), palette.panel);
    p.text({24, 36}, title, titleSize, palette.text, Anchor::Start, true);
    p.text({24, 60}, subtitle, smallSize, palette.mutedText);
}

// "#rrggbb" between two colours, `t` from 0 to 1.
QByteArray mix(QLatin1String from, QLatin1String to, double t)
{
    const auto channel = [](QLatin1String c, int i) {
        return QByteArray(c.data() + 1 + 2 * i, 2).toInt(nullptr, 16);
    };
    QByteArray out("#");
    for (int i = 0; i < 3; ++i) {
        const int v = int(std::lround(channel(from, i) + (channel(to, i) - channel(from, i)) * t));
        out += QByteArray::number(v, 16).rightJustified(2, '0');
    }
    return out;
}

QString percent(double share)
{
    return QString::number(std::lround(share * 100)) + QStringLiteral(" %");
}

} // namespace

QByteArray SvgChart::line(const LineChart &c)
{
    return document([&](SvgPainter &p) {
        p.begin(width, height, c.title, c.subtitle);
        heading(p, c.title, c.subtitle);
        const double plotW = width - left - right;
        const double plotH = height - top - bottom;
        double lo = c.xs.isEmpty() ? 0 : *std::min_element(c.xs.cbegin(), c.xs.cend());
        double hi = c.xs.isEmpty() ? 1 : *std::max_element(c.xs.cbegin(), c.xs.cend());
        if (hi <= lo) {
            lo -= 1;
            hi += 1;
        }
        const auto x = [&](double v) { return left + (v - lo) / (hi - lo) * plotW; };
        const auto y = [&](double share) { return top + (1 - share) * plotH; };

        // The grid and the y axis: 0 to 100 % in steps of 20.
        for (int i = 0; i <= 5; ++i) {
            const double share = i / 5.0;
            p.line({left, y(share)}, {left + plotW, y(share)},
                   Stroke{i == 0 ? palette.mutedText : palette.border, 1});
            p.text({left - 8, y(share) + smallSize / 3}, percent(share), smallSize,
                   palette.mutedText, Anchor::End);
        }
        p.line({left, top}, {left, top + plotH}, Stroke{palette.mutedText, 1});
        // Tick labels: every point while they fit, else every k-th.
        double widest = 0;
        for (const QString &l : c.xLabels)
            widest = std::max(widest, SvgPainter::textWidth(l, smallSize) + 8);
        const int every = c.xs.size() > 1
                              ? std::max(1, int(std::ceil(widest / (plotW / double(c.xs.size())))))
                              : 1;
        for (int i = 0; i < c.xs.size(); ++i) {
            p.line({x(c.xs[i]), top + plotH}, {x(c.xs[i]), top + plotH + 5},
                   Stroke{palette.mutedText, 1});
            if (i % every == 0 || i == c.xs.size() - 1)
                p.text({x(c.xs[i]), top + plotH + 20}, c.xLabels.value(i), smallSize, palette.text,
                       Anchor::Middle);
        }
        p.text({left + plotW / 2, height - 40}, c.xTitle, textSize, palette.text, Anchor::Middle,
               true);
        p.text({28, top + plotH / 2}, c.yTitle, textSize, palette.text, Anchor::Middle, true, -90);

        // The 95 % band, then the line and its points over it.
        QVector<QPointF> band;
        for (int i = 0; i < c.xs.size(); ++i)
            band.append({x(c.xs[i]), y(c.highs.value(i))});
        for (int i = int(c.xs.size()) - 1; i >= 0; --i)
            band.append({x(c.xs[i]), y(c.lows.value(i))});
        const QByteArray bandFill = mix(palette.panel, palette.accent, 0.22);
        p.beginGroup(QStringLiteral("95 % Wilson interval"));
        if (band.size() >= 2)
            p.polygon(band, QLatin1String(bandFill));
        p.endGroup();
        QVector<QPointF> points;
        for (int i = 0; i < c.xs.size(); ++i)
            points.append({x(c.xs[i]), y(c.values.value(i))});
        if (points.size() >= 2)
            p.polyline(points, Stroke{palette.accent, 2.5});
        for (int i = 0; i < points.size(); ++i) {
            p.beginGroup(QStringLiteral("%1: %2 (95 %: %3 to %4)")
                             .arg(c.xLabels.value(i), percent(c.values.value(i)),
                                  percent(c.lows.value(i)), percent(c.highs.value(i))));
            p.circle(points[i], 4, palette.accent, Stroke{palette.panel, 1.5});
            p.endGroup();
        }
        // The legend, top right.
        const double lx = width - right - 250;
        p.line({lx, 76}, {lx + 24, 76}, Stroke{palette.accent, 2.5});
        p.text({lx + 30, 80}, QStringLiteral("share of trials"), smallSize, palette.text);
        p.rect(QRectF(lx + 130, 70, 24, 12), QLatin1String(bandFill));
        p.text({lx + 160, 80}, QStringLiteral("95 % interval"), smallSize, palette.text);
        p.end();
    });
}

QByteArray SvgChart::heatMap(const HeatMap &m)
{
    return document([&](SvgPainter &p) {
        p.begin(width, height, m.title, m.subtitle);
        heading(p, m.title, m.subtitle);
        double widest = 0;
        for (const QString &l : m.yLabels)
            widest = std::max(widest, SvgPainter::textWidth(l, smallSize));
        const double plotLeft = std::max(left, 56 + widest + 12);
        const double legendW = 90;
        const double plotW = width - plotLeft - right - legendW;
        const double plotH = height - top - bottom;
        const int nx = std::max(1, int(m.xLabels.size()));
        const int ny = std::max(1, int(m.yLabels.size()));
        const double cw = plotW / nx;
        const double ch = plotH / ny;
        const bool texts = cw >= 36 && ch >= 18; // a number per cell while it fits
        for (int xi = 0; xi < nx; ++xi)
            for (int yi = 0; yi < ny; ++yi) {
                const int i = xi * ny + yi;
                const double share = m.values.value(i);
                // Low rows at the bottom, as a y axis reads.
                const QRectF cell(plotLeft + xi * cw, top + (ny - 1 - yi) * ch, cw, ch);
                p.beginGroup(
                    QStringLiteral("%1, %2: %3")
                        .arg(m.xLabels.value(xi), m.yLabels.value(yi), m.cellTexts.value(i)));
                const QByteArray fill = mix(palette.panel, palette.anomaly, share);
                p.rect(cell, QLatin1String(fill));
                if (texts)
                    p.text({cell.center().x(), cell.center().y() + smallSize / 3},
                           m.cellTexts.value(i), smallSize,
                           share > 0.55 ? palette.onColour : palette.text, Anchor::Middle);
                p.endGroup();
            }
        p.polygon({{plotLeft, top},
                   {plotLeft + plotW, top},
                   {plotLeft + plotW, top + plotH},
                   {plotLeft, top + plotH}},
                  QLatin1String("none"), Stroke{palette.mutedText, 1});
        const int everyX = std::max(
            1,
            int(std::ceil((SvgPainter::textWidth(m.xLabels.value(nx - 1), smallSize) + 8) / cw)));
        for (int xi = 0; xi < nx; ++xi)
            if (xi % everyX == 0 || xi == nx - 1)
                p.text({plotLeft + (xi + 0.5) * cw, top + plotH + 20}, m.xLabels.value(xi),
                       smallSize, palette.text, Anchor::Middle);
        const int everyY = std::max(1, int(std::ceil((smallSize + 4) / ch)));
        for (int yi = 0; yi < ny; ++yi)
            if (yi % everyY == 0 || yi == ny - 1)
                p.text({plotLeft - 8, top + (ny - 1 - yi + 0.5) * ch + smallSize / 3},
                       m.yLabels.value(yi), smallSize, palette.text, Anchor::End);
        p.text({plotLeft + plotW / 2, height - 40}, m.xTitle, textSize, palette.text,
               Anchor::Middle, true);
        p.text({28, top + plotH / 2}, m.yTitle, textSize, palette.text, Anchor::Middle, true, -90);
        // The colour scale, right of the map.
        const double sx = plotLeft + plotW + 30;
        for (int i = 0; i < 20; ++i) {
            const QByteArray fill = mix(palette.panel, palette.anomaly, (i + 0.5) / 20);
            p.rect(QRectF(sx, top + plotH * (1 - (i + 1) / 20.0), 18, plotH / 20 + 0.5),
                   QLatin1String(fill));
        }
        p.polygon({{sx, top}, {sx + 18, top}, {sx + 18, top + plotH}, {sx, top + plotH}},
                  QLatin1String("none"), Stroke{palette.mutedText, 1});
        for (int i = 0; i <= 4; ++i)
            p.text({sx + 24, top + plotH * (1 - i / 4.0) + smallSize / 3}, percent(i / 4.0),
                   smallSize, palette.mutedText);
        p.text({sx + 9, top - 10}, m.legendTitle, smallSize, palette.mutedText, Anchor::Middle);
        p.end();
    });
}

} // namespace idem
