#pragma once

#include "export/palettes.h"

#include <QJSEngine>
#include <QQmlEngine>
#include <QtQml/qqmlregistration.h>

namespace idem {

/// The core's palettes (export/palette.h) as QML's `Palettes` singleton: `Palettes.light` and
/// `Palettes.dark` map each colour's name to "#rrggbb". A QML_FOREIGN wrapper, so the core
/// class stays free of QML and QML cannot `new` it past create().
struct PalettesSingleton
{
    Q_GADGET
    QML_FOREIGN(idem::Palettes)
    QML_NAMED_ELEMENT(Palettes)
    QML_SINGLETON

public:
    static Palettes *create(QQmlEngine *, QJSEngine *) { return new Palettes; }
};

} // namespace idem
