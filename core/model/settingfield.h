#pragma once

#include "model/settings.h"

#include <variant>
#include <vector>

namespace idem {

/// Which member of Settings a row of the settings table reads and writes.
using SettingMember =
    std::variant<bool Settings::*, qint64 Settings::*, int Settings::*, double Settings::*,
                 quint64 Settings::*, ReplayMode Settings::*, ErrorPolicy Settings::*,
                 CacheFailure Settings::*, KeyScope Settings::*>;

/// One row of the settings table: how the setting is described, where it lives, its range.
struct SettingField
{
    SettingInfo info;
    SettingMember member;
    qint64 min = 0;
    qint64 max = 0; ///< for Millis: milliseconds; for Count: the count

    /// Choice: the words of valueName ("seed|original"), in the order of the enum's values.
    [[nodiscard]] QStringList words() const { return info.valueName.split(QLatin1Char('|')); }
    /// Choice: the index of the word the member holds.
    [[nodiscard]] int choiceIndex(const Settings &s) const;
    /// Choice: sets the member to the value of the word at `index`.
    void setChoice(Settings &s, int index) const;
};

/// Seeds travel through JSON numbers: keep them exactly representable as doubles.
inline constexpr quint64 maxSettingSeed = (quint64(1) << 53) - 1;

/// The one table of settings (model/settingstable.cpp), in a stable order.
[[nodiscard]] const std::vector<SettingField> &settingFields();

} // namespace idem
