#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace idem {

/// One of the scenarios that ship with the app (resources/scenarios/<number>-<name>.json).
struct Preset
{
    int number = 0; ///< its row in the truth table
    QString name;   ///< "parallel-same-cluster"
    QString path;   ///< the resource path, ":/scenarios/5-parallel-same-cluster.json"
};

/// The registry of presets, found in the resources once, in truth-table order.
class Presets
{
public:
    [[nodiscard]] static const QVector<Preset> &all();
    /// A preset by name ("parallel-same-cluster") or number ("5").
    [[nodiscard]] static std::optional<Preset> find(const QString &nameOrNumber);
    [[nodiscard]] static QStringList names();
    /// The preset shown on start.
    [[nodiscard]] static QString defaultName();
};

} // namespace idem
