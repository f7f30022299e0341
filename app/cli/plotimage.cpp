#include "plotimage.h"

#ifdef IDEMLAB_HAS_SVG
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgRenderer>
#endif

namespace idem::cli {

bool canWritePng()
{
#ifdef IDEMLAB_HAS_SVG
    return true;
#else
    return false;
#endif
}

std::optional<QString> writePng(const QByteArray &svg, const QString &path)
{
#ifdef IDEMLAB_HAS_SVG
    QSvgRenderer renderer(svg);
    if (!renderer.isValid())
        return QStringLiteral("%1: the plot's SVG did not render").arg(path);
    QImage image(renderer.defaultSize() * 2, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        renderer.render(&painter);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return {};
#else
    return QStringLiteral("--plot %1: this idemlab-cli was built without Qt Svg, so it writes "
                          "the plot as .svg only")
        .arg(path);
#endif
}

} // namespace idem::cli
