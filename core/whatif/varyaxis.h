#pragma once

#include "model/settings.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace idem {

/// One varied setting of a sweep (`--vary lag-ms=0:10000:500`, `--vary jitter-ms=0,5,20`,
/// `--vary mutex=off,on`): which row of the settings table, and the values it takes, each as
/// an override would type it.
struct VaryAxis
{
    QString flag;  ///< "lag-ms": the override's name (the scenario-file name is also read)
    QString json;  ///< "lagMs"
    QString label; ///< "Replication lag"
    QString unit;  ///< "ms", or empty
    SettingKind kind = SettingKind::Millis;
    QStringList values; ///< "0", "500", …; "on", "off"; "seed", "original"

    /// The most values one axis takes, and the most grid points of a sweep.
    static constexpr int maxValues = 1000;
    static constexpr int maxAxes = 2;

    /// Reads NAME=FROM:TO:STEP or NAME=V1,V2,…; every value is checked against the setting's
    /// own range. An error line naming what was wrong and what was expected.
    [[nodiscard]] static std::optional<VaryAxis> parse(const QString &text, QString *error);
    /// The axis of setting `name` (flag or file name) over `values` (FROM:TO:STEP or
    /// V1,V2,…), as parse() reads the two sides of "="; the error line names only the fault.
    [[nodiscard]] static std::optional<VaryAxis> of(const QString &name, const QString &values,
                                                    QString *error);
    /// Reads each --vary and checks them together: one or two, each setting once.
    [[nodiscard]] static std::optional<QVector<VaryAxis>> parseAll(const QStringList &texts,
                                                                   QString *error);
    /// Whether the values are numbers (a line chart spaces them by value).
    [[nodiscard]] bool numeric() const;
    /// "Replication lag (ms)": an axis title for a plot.
    [[nodiscard]] QString title() const;
    /// The grammar, for --help and error lines.
    [[nodiscard]] static QString grammar();
};

} // namespace idem
