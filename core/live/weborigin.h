#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace idem {

/// An --allow-origin value as browsers send it in Origin: "scheme://host[:port]", lower-case,
/// without a default port; nullopt and a one-line error naming what was expected otherwise.
/// What it returns, given again, comes back the same.
[[nodiscard]] std::optional<QByteArray> webOrigin(const QString &given, QString *error);

} // namespace idem
