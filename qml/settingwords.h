#pragma once

#include "model/settings.h"

#include <QCoreApplication>
#include <QString>

namespace idem {

/// The settings in words a newcomer reads (the report's line says "replay original",
/// "loss 0"), for the line under a preset's description that says what differs from it.
class SettingWords
{
    Q_DECLARE_TR_FUNCTIONS(SettingWords)

public:
    /// "replication lag 27 ms (preset: 60 s) · mutex on (preset: off)": each setting that
    /// differs between `now` and `preset`, in the drawer's order; "" when none does.
    [[nodiscard]] static QString changed(const Settings &now, const Settings &preset);
};

} // namespace idem
