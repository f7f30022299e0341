#pragma once

#include "model/runresult.h"
#include "whatif/divergence.h"

#include <QString>

#include <optional>

namespace idem {

struct ComparisonOutcome;
struct ComparisonSide;

/// One scenario run twice on the same seed, each side with its own overrides: the two runs
/// and where their logs part (`idemlab-cli compare`).
struct Comparison
{
    QString leftText;  ///< the left side's overrides as typed ("--mutex off")
    QString rightText; ///< the right side's
    RunResult left;
    RunResult right;
    std::optional<Divergence> divergence; ///< nullopt: the two logs are the same

    /// Both sides of `scenario` (its settings already carrying the common overrides); an
    /// error line for bad override text (naming the side) or a run the engine refused. A side
    /// may not change the seed: both runs draw the same random numbers.
    [[nodiscard]] static ComparisonOutcome run(const Scenario &scenario, const QString &leftText,
                                               const QString &rightText);
    /// One side alone (the app re-runs only the side whose overrides changed): `scenario` with
    /// `text` applied, run; the error line starts with `what` ("--left").
    [[nodiscard]] static ComparisonSide runSide(const Scenario &scenario, const QString &text,
                                                const QString &what);
};

/// One side's run, or why there is none.
struct ComparisonSide
{
    std::optional<RunResult> run;
    QString error;
};

/// A comparison, or why there is none.
struct ComparisonOutcome
{
    std::optional<Comparison> comparison;
    QString error;
};

} // namespace idem
