#pragma once

#include "model/scenario.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace idem {

/// A parsed scenario, or one line saying what was wrong.
struct ScenarioLoad
{
    std::optional<Scenario> scenario;
    QString error; ///< "<source>: <field>: <what was expected>", empty on success
};

/// A `POST /payments` body, or one line saying what was wrong.
struct PaymentBodyLoad
{
    std::optional<PaymentBody> body;
    QString error; ///< "body.amount: must be a whole number ...", empty on success
};

/// Reads and writes the JSON scenario format (docs/scenario-format.md) and finds presets.
class ScenarioLoader
{
public:
    /// Parses scenario JSON; `source` names it in errors (a file path or "preset NAME").
    [[nodiscard]] static ScenarioLoad fromJson(const QByteArray &json, const QString &source);
    /// Reads a scenario file.
    [[nodiscard]] static ScenarioLoad fromFile(const QString &path);
    /// A preset by name ("parallel-same-cluster") or number ("5"); a file path otherwise.
    [[nodiscard]] static ScenarioLoad load(const QString &presetOrPath);
    /// The scenario as JSON in the same format (fromJson(toJson(s)) == s).
    [[nodiscard]] static QJsonObject toJson(const Scenario &scenario);
    /// Parses the JSON body of an HTTP `POST /payments`: "from", "to" and "amount" are all
    /// required and checked as a scenario file's request body is (live mode).
    [[nodiscard]] static PaymentBodyLoad paymentBody(const QByteArray &json);
    /// Preset names in truth-table order.
    [[nodiscard]] static QStringList presetNames();
    /// The default preset shown on start.
    [[nodiscard]] static QString defaultPreset();
};

} // namespace idem
