#pragma once

#include "export/palette.h"

#include <QObject>
#include <QVariantMap>

namespace idem {

/// Both palettes as one object, each a map of colour name → "#rrggbb": QML's `Palettes`
/// singleton (registered by qml/palettessingleton.h), from which Theme.qml takes its colours.
class Palettes : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QVariantMap light READ light CONSTANT FINAL)
    Q_PROPERTY(QVariantMap dark READ dark CONSTANT FINAL)

public:
    using QObject::QObject;

    [[nodiscard]] QVariantMap light() const { return m_light; }
    [[nodiscard]] QVariantMap dark() const { return m_dark; }

private:
    QVariantMap m_light = Palette::light().toVariantMap();
    QVariantMap m_dark = Palette::dark().toVariantMap();
};

} // namespace idem
