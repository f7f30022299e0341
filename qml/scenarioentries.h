#pragma once

#include "model/scenario.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>
#include <utility>

namespace idem {

/// The drops and faults of a scenario as the editor panel shows them: one line in words each,
/// and the fields to change it with, each a map of `name` (as the file spells it, or "when"),
/// `label`, `value` (its text) and `choices` (empty: typed).
class ScenarioEntries
{
    Q_DECLARE_TR_FUNCTIONS(ScenarioEntries)

public:
    /// "R2's response", "R2's retry 1's request": a drop as a noun.
    [[nodiscard]] static QString dropText(const DropSpec &drop);
    /// "Server A1 crashes after the claim of R1, down 5 s".
    [[nodiscard]] static QString faultText(const FaultSpec &fault);
    [[nodiscard]] static QVariantList dropFields(const DropSpec &drop, const Scenario &scenario);
    [[nodiscard]] static QVariantList faultFields(const FaultSpec &fault, const Scenario &scenario);
    /// What the panel's "+ Fault" offers, in FaultKind order: "Crash a server", …
    [[nodiscard]] static QStringList kindChoices();
    /// The file field and text a pick of the "when" field stands for: a crash "at a time" is
    /// `atMs` at `playheadUs`, "after a step" is `after` claim; a replication fault "by
    /// number" is `nth` 1. Nothing for a pick that is not one of whenChoices(kind).
    [[nodiscard]] static std::optional<std::pair<QString, QString>>
    whenField(FaultKind kind, const QString &pick, qint64 playheadUs);

private:
    [[nodiscard]] static QStringList whenChoices(FaultKind kind);
};

} // namespace idem
