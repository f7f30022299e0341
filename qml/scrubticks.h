#pragma once

#include <QColor>
#include <QQuickPaintedItem>
#include <QVariantList>
#include <QVector>
#include <QtQml/qqmlregistration.h>

namespace idem {

/// The scrub bar's event ticks (Playback::eventTicks, up to 4,096 of them): a 1 px line at
/// each position across the item's width less `margin` each side (where the end ticks'
/// outer halves go), painted once into one texture, not one QML item
/// each. Painted again only when the ticks, the size or the colour change, so a frame of the
/// playback draws one textured quad for all of them.
class ScrubTicks : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    /// Where each tick goes, 0 (the left edge) to 1 (the right edge).
    Q_PROPERTY(QVariantList ticks READ ticks WRITE setTicks NOTIFY ticksChanged)
    Q_PROPERTY(QColor color READ color WRITE setColor NOTIFY colorChanged)
    /// Each tick's own opacity: ticks closer than a pixel add up, darker, as overlapping
    /// translucent lines do.
    Q_PROPERTY(qreal tickOpacity READ tickOpacity WRITE setTickOpacity NOTIFY tickOpacityChanged)

public:
    /// Pixels each side of the span the ticks are placed on.
    static constexpr double margin = 1;

    explicit ScrubTicks(QQuickItem *parent = nullptr);

    void paint(QPainter *painter) override;

    [[nodiscard]] QVariantList ticks() const { return m_ticksVariant; }
    void setTicks(const QVariantList &ticks);
    [[nodiscard]] QColor color() const { return m_color; }
    void setColor(const QColor &color);
    [[nodiscard]] qreal tickOpacity() const { return m_tickOpacity; }
    void setTickOpacity(qreal opacity);

signals:
    void ticksChanged();
    void colorChanged();
    void tickOpacityChanged();

private:
    QVariantList m_ticksVariant;
    QVector<double> m_ticks;
    QColor m_color = Qt::gray;
    qreal m_tickOpacity = 1;
};

} // namespace idem
