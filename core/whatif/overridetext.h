#pragma once

#include "model/settings.h"

#include <QString>

#include <optional>

namespace idem {

/// A set of overrides typed as one piece of text ("--mutex on --lag-ms 500"), as `compare`'s
/// --left and --right take them: the words of `run`'s flags, read by the same parser.
class OverrideText
{
public:
    /// Applies `text` to `settings`; an error line starting with `what` ("--left") that names
    /// the bad word and the forms expected.
    [[nodiscard]] static std::optional<QString> apply(const QString &text, const QString &what,
                                                      Settings &settings);
    /// "--mutex on|off, --cache on|off, …": every override's form, for error lines.
    [[nodiscard]] static QString forms();
};

} // namespace idem
