#include "scrubticks.h"

#include <QPainter>
#include <QQuickWindow>
#include <QSGRendererInterface>

#include <cmath>

namespace idem {

ScrubTicks::ScrubTicks(QQuickItem *parent) : QQuickPaintedItem(parent)
{
    // Repainted only when what it shows changes; between, the texture is reused.
    connect(this, &QQuickItem::widthChanged, this, [this] { update(); });
    connect(this, &QQuickItem::heightChanged, this, [this] { update(); });
}

void ScrubTicks::setTicks(const QVariantList &ticks)
{
    m_ticksVariant = ticks;
    m_ticks.clear();
    m_ticks.reserve(ticks.size());
    for (const QVariant &tick : ticks)
        m_ticks.append(tick.toDouble());
    emit ticksChanged();
    update();
}

void ScrubTicks::setColor(const QColor &color)
{
    if (color == m_color)
        return;
    m_color = color;
    emit colorChanged();
    update();
}

void ScrubTicks::setTickOpacity(qreal opacity)
{
    if (qFuzzyCompare(opacity, m_tickOpacity))
        return;
    m_tickOpacity = opacity;
    emit tickOpacityChanged();
    update();
}

void ScrubTicks::paint(QPainter *painter)
{
    QColor c = m_color;
    c.setAlphaF(float(c.alphaF() * m_tickOpacity));
    // The ticks span the width less a margin each side, where the end ticks' halves go.
    const double w = width() - 2 * margin;
    const double h = height();
    // A 1 px wide rectangle centred on its place, on the pixel a Rectangle there would cover:
    // the one whose centre is in it under OpenGL, QPainter's own rounding in the software
    // renderer (offscreen screenshots). Each tick is drawn over those before it.
    const bool software =
        window() && window()->rendererInterface()->graphicsApi() == QSGRendererInterface::Software;
    for (const double t : std::as_const(m_ticks)) {
        const double x = margin + t * w - 0.5;
        painter->fillRect(QRectF(software ? x : std::ceil(x - 0.5), 0, 1, h), c);
    }
}

} // namespace idem
