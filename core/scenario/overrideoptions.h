#pragma once

#include "model/settings.h"

#include <QCommandLineParser>

#include <optional>

namespace idem {

/// The settings overrides (`--mutex on`, `--delay-ms 40`, ...) shared by idemlab-cli and idemlab.
class OverrideOptions
{
public:
    /// Adds one option per setting to `parser`.
    static void addTo(QCommandLineParser &parser);
    /// Applies the overrides present in `parser` to `settings`; an error line on bad input.
    [[nodiscard]] static std::optional<QString> apply(const QCommandLineParser &parser,
                                                      Settings &settings);
};

} // namespace idem
