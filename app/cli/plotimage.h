#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace idem::cli {

/// Whether this idemlab-cli can draw an SVG as a PNG (it was built with Qt Svg).
[[nodiscard]] bool canWritePng();
/// Draws `svg` into a PNG at `path` (QSvgRenderer, twice the SVG's size), atomically; an
/// error line, or nullopt on success. Needs a QGuiApplication.
[[nodiscard]] std::optional<QString> writePng(const QByteArray &svg, const QString &path);

} // namespace idem::cli
