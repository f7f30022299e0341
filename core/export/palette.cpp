#include "export/palette.h"

namespace idem {

QLatin1String Palette::statusColor(int status) const
{
    switch (status) {
    case 0:
        return request;
    case 200:
        return status200;
    case 201:
        return status201;
    case 400:
        return status400;
    case 409:
        return status409;
    case 422:
        return status422;
    default:
        return statusOther;
    }
}

QVariantMap Palette::toVariantMap() const
{
    QVariantMap map;
#define IDEM_PALETTE_ENTRY(name, light, dark) map.insert(QStringLiteral(#name), QString(name));
    IDEM_PALETTE_COLOURS(IDEM_PALETTE_ENTRY)
#undef IDEM_PALETTE_ENTRY
    return map;
}

const Palette &Palette::light()
{
#define IDEM_PALETTE_LIGHT(name, light, dark) QLatin1String(light),
    static const Palette palette{IDEM_PALETTE_COLOURS(IDEM_PALETTE_LIGHT)};
#undef IDEM_PALETTE_LIGHT
    return palette;
}

const Palette &Palette::dark()
{
#define IDEM_PALETTE_DARK(name, light, dark) QLatin1String(dark),
    static const Palette palette{IDEM_PALETTE_COLOURS(IDEM_PALETTE_DARK)};
#undef IDEM_PALETTE_DARK
    return palette;
}

} // namespace idem
