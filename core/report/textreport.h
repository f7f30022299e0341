#pragma once

#include "model/runresult.h"

#include <QString>

namespace idem {

/// The short readable report `idemlab-cli run` prints: requests and their responses, side
/// effects per key, anomalies and a one-line verdict.
class TextReport
{
public:
    [[nodiscard]] static QString render(const RunResult &run);
    /// "mutex off · cache on · delay 20 ms · ..." — the settings people change most.
    [[nodiscard]] static QString settingsLine(const Settings &settings);
};

} // namespace idem
