#pragma once

#include <QLatin1String>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QVector>

class QXmlStreamWriter;

namespace idem {

/// How an SVG stroke is drawn.
struct SvgStroke
{
    QLatin1String colour;
    double width = 1;
    QLatin1String dash = QLatin1String(); ///< stroke-dasharray, empty = solid
};

/// Writes SVG shapes (lines, polygons, text) as plain elements with presentation attributes:
/// vector only, no markers, scripts, CSS or external references, so any viewer, QSvgRenderer
/// (SVG Tiny 1.2) included, draws it crisp at any zoom. Numbers have at most two decimals.
class SvgPainter
{
public:
    enum class Anchor
    {
        Start,
        Middle,
        End,
    };
    using Stroke = SvgStroke;

    explicit SvgPainter(QXmlStreamWriter &xml) : m_xml(xml) {}

    /// Opens the <svg> element (width × height px, viewBox to match) with its title and
    /// description.
    void begin(double width, double height, const QString &title, const QString &description);
    void end();
    /// A group; `tooltip` becomes its <title>, shown by browsers on hover.
    void beginGroup(const QString &tooltip = {});
    void endGroup();

    void line(QPointF a, QPointF b, const Stroke &stroke);
    void polyline(const QVector<QPointF> &points, const Stroke &stroke);
    void polygon(const QVector<QPointF> &points, QLatin1String fill,
                 const Stroke &stroke = SvgStroke{});
    void rect(const QRectF &r, QLatin1String fill, double opacity = 1.0);
    void circle(QPointF centre, double radius, QLatin1String fill, const Stroke &stroke);
    /// Text whose baseline starts (or is centred, or ends) at `at`; `degrees` turns it about
    /// that point.
    void text(QPointF at, const QString &text, double size, QLatin1String fill,
              Anchor anchor = Anchor::Start, bool bold = false, double degrees = 0);

    /// "12", "12.5", "-0.25".
    [[nodiscard]] static QString number(double value);
    /// How wide `text` is drawn at `size`, without a font engine (core has no QtGui): DejaVu
    /// Sans averages a little under 0.6 em a character, so this errs on the wide side. Every
    /// SVG export lays out its text with it.
    [[nodiscard]] static double textWidth(const QString &text, double size)
    {
        return 0.6 * size * double(text.size());
    }

private:
    void strokeAttributes(const Stroke &stroke);
    [[nodiscard]] static QString points(const QVector<QPointF> &points);

    QXmlStreamWriter &m_xml;
};

} // namespace idem
