#include "export/svgpainter.h"

#include "export/xmltext.h"

#include <QXmlStreamWriter>

#include <cmath>

namespace idem {

namespace {

const char *const fontFamily = "DejaVu Sans, Verdana, Arial, sans-serif";

} // namespace

QString SvgPainter::number(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("0");
    QString text = QString::number(std::round(value * 100) / 100, 'f', 2);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text == QLatin1String("-0") ? QStringLiteral("0") : text;
}

QString SvgPainter::points(const QVector<QPointF> &points)
{
    QStringList parts;
    parts.reserve(points.size());
    for (const QPointF &p : points)
        parts << number(p.x()) + QLatin1Char(',') + number(p.y());
    return parts.join(QLatin1Char(' '));
}

void SvgPainter::begin(double width, double height, const QString &title,
                       const QString &description)
{
    m_xml.writeStartElement(QStringLiteral("svg"));
    m_xml.writeDefaultNamespace(QStringLiteral("http://www.w3.org/2000/svg"));
    m_xml.writeAttribute(QStringLiteral("version"), QStringLiteral("1.1"));
    m_xml.writeAttribute(QStringLiteral("width"), number(width));
    m_xml.writeAttribute(QStringLiteral("height"), number(height));
    m_xml.writeAttribute(QStringLiteral("viewBox"),
                         QStringLiteral("0 0 %1 %2").arg(number(width), number(height)));
    m_xml.writeAttribute(QStringLiteral("font-family"), QLatin1String(fontFamily));
    m_xml.writeAttribute(QStringLiteral("role"), QStringLiteral("img"));
    m_xml.writeTextElement(QStringLiteral("title"), xmlSafeText(title));
    m_xml.writeTextElement(QStringLiteral("desc"), xmlSafeText(description));
}

void SvgPainter::end()
{
    m_xml.writeEndElement();
}

void SvgPainter::beginGroup(const QString &tooltip)
{
    m_xml.writeStartElement(QStringLiteral("g"));
    if (!tooltip.isEmpty())
        m_xml.writeTextElement(QStringLiteral("title"), xmlSafeText(tooltip));
}

void SvgPainter::endGroup()
{
    m_xml.writeEndElement();
}

void SvgPainter::strokeAttributes(const Stroke &stroke)
{
    m_xml.writeAttribute(QStringLiteral("stroke"), stroke.colour);
    m_xml.writeAttribute(QStringLiteral("stroke-width"), number(stroke.width));
    if (!stroke.dash.isEmpty())
        m_xml.writeAttribute(QStringLiteral("stroke-dasharray"), stroke.dash);
}

void SvgPainter::line(QPointF a, QPointF b, const Stroke &stroke)
{
    m_xml.writeEmptyElement(QStringLiteral("line"));
    m_xml.writeAttribute(QStringLiteral("x1"), number(a.x()));
    m_xml.writeAttribute(QStringLiteral("y1"), number(a.y()));
    m_xml.writeAttribute(QStringLiteral("x2"), number(b.x()));
    m_xml.writeAttribute(QStringLiteral("y2"), number(b.y()));
    strokeAttributes(stroke);
}

void SvgPainter::polyline(const QVector<QPointF> &pts, const Stroke &stroke)
{
    m_xml.writeEmptyElement(QStringLiteral("polyline"));
    m_xml.writeAttribute(QStringLiteral("points"), points(pts));
    m_xml.writeAttribute(QStringLiteral("fill"), QStringLiteral("none"));
    strokeAttributes(stroke);
    m_xml.writeAttribute(QStringLiteral("stroke-linecap"), QStringLiteral("round"));
}

void SvgPainter::polygon(const QVector<QPointF> &pts, QLatin1String fill, const Stroke &stroke)
{
    m_xml.writeEmptyElement(QStringLiteral("polygon"));
    m_xml.writeAttribute(QStringLiteral("points"), points(pts));
    m_xml.writeAttribute(QStringLiteral("fill"), fill);
    if (!stroke.colour.isEmpty())
        strokeAttributes(stroke);
}

void SvgPainter::rect(const QRectF &r, QLatin1String fill, double opacity)
{
    m_xml.writeEmptyElement(QStringLiteral("rect"));
    m_xml.writeAttribute(QStringLiteral("x"), number(r.x()));
    m_xml.writeAttribute(QStringLiteral("y"), number(r.y()));
    m_xml.writeAttribute(QStringLiteral("width"), number(std::max(0.0, r.width())));
    m_xml.writeAttribute(QStringLiteral("height"), number(std::max(0.0, r.height())));
    m_xml.writeAttribute(QStringLiteral("fill"), fill);
    if (opacity < 1.0)
        m_xml.writeAttribute(QStringLiteral("fill-opacity"), number(opacity));
}

void SvgPainter::circle(QPointF centre, double radius, QLatin1String fill, const Stroke &stroke)
{
    m_xml.writeEmptyElement(QStringLiteral("circle"));
    m_xml.writeAttribute(QStringLiteral("cx"), number(centre.x()));
    m_xml.writeAttribute(QStringLiteral("cy"), number(centre.y()));
    m_xml.writeAttribute(QStringLiteral("r"), number(radius));
    m_xml.writeAttribute(QStringLiteral("fill"), fill);
    strokeAttributes(stroke);
}

void SvgPainter::text(QPointF at, const QString &content, double size, QLatin1String fill,
                      Anchor anchor, bool bold, double degrees)
{
    m_xml.writeStartElement(QStringLiteral("text"));
    m_xml.writeAttribute(QStringLiteral("x"), number(at.x()));
    m_xml.writeAttribute(QStringLiteral("y"), number(at.y()));
    m_xml.writeAttribute(QStringLiteral("font-size"), number(size));
    m_xml.writeAttribute(QStringLiteral("fill"), fill);
    if (anchor != Anchor::Start)
        m_xml.writeAttribute(QStringLiteral("text-anchor"), anchor == Anchor::Middle
                                                                ? QStringLiteral("middle")
                                                                : QStringLiteral("end"));
    if (bold)
        m_xml.writeAttribute(QStringLiteral("font-weight"), QStringLiteral("bold"));
    if (degrees != 0)
        m_xml.writeAttribute(QStringLiteral("transform"),
                             QStringLiteral("rotate(%1 %2 %3)")
                                 .arg(number(degrees), number(at.x()), number(at.y())));
    // Line breaks would collapse to spaces anyway; writing them as spaces keeps lines short.
    QString oneLine = xmlSafeText(content);
    oneLine.replace(QLatin1Char('\n'), QLatin1Char(' '))
        .replace(QLatin1Char('\r'), QLatin1Char(' '));
    m_xml.writeCharacters(oneLine);
    m_xml.writeEndElement();
}

} // namespace idem
