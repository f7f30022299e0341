#pragma once

#include "model/settings.h"

#include <QCoreApplication>
#include <QString>

namespace idem {

/// The settings in words a newcomer reads (the report's line says "replay original",
/// "loss 0"), for the line under a preset's description that says what differs from it
/// and for the notice when live servers restart. Read from the settings table.
class SettingWords
{
    Q_DECLARE_TR_FUNCTIONS(SettingWords)

public:
    /// "mutex on (preset: off) · replication lag 27 ms (preset: 60 s)": each setting of the
    /// settings table that differs between `now` and `before`, in the table's order, with
    /// the drawer's label and words; `was` names `before` ("preset"). "" when none differs.
    /// With `serversOnly`, only the settings the servers read (SettingUse::Servers).
    [[nodiscard]] static QString changed(const Settings &now, const Settings &before,
                                         const QString &was, bool serversOnly = false);
};

} // namespace idem
