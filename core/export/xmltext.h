#pragma once

#include <QString>

namespace idem {

/// `text` with the characters XML 1.0 cannot hold (control characters other than tab, line
/// feed and carriage return; unpaired surrogates; U+FFFE and U+FFFF) replaced by U+FFFD, so a
/// caption or key sent as arbitrary bytes never makes an SVG or HTML export ill-formed.
[[nodiscard]] QString xmlSafeText(const QString &text);

} // namespace idem
