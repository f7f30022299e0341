#pragma once

#include "model/runresult.h"
#include "model/scenario.h"
#include "whatif/varyaxis.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <functional>
#include <optional>

namespace idem {

/// Which anomaly a hunt looks for.
enum class Invariant
{
    Duplicate, ///< a key charged more than once (DUPLICATE_EFFECT)
    Stuck,     ///< a key left CREATED for good (STUCK_KEY)
    Collision, ///< two payments under one key (KEY_COLLISION)
    Any,       ///< any of them
};

/// What a hunt runs: the scenario, the settings grid it may pick from, what breaks, and how
/// many runs the search may spend.
struct HuntSpec
{
    Scenario scenario; ///< with the common overrides applied
    QVector<VaryAxis> axes;
    Invariant invariant = Invariant::Any;
    int budget = 1000; ///< runs the search may spend (the shrink's runs are counted apart)
    quint64 seedFrom = 1;
    /// When set and true, the hunt stops before its next run (the app's Cancel); the result
    /// then says `cancelled`.
    const std::atomic<bool> *cancel = nullptr;
};

/// One accepted shrink step: what it took away, and the scenario it left, which still fails.
struct HuntStep
{
    QString what; ///< "dropped request R5"
    Scenario scenario;
};

/// What a hunt found, or what it searched without finding anything.
struct HuntResult
{
    bool found = false;
    bool cancelled = false; ///< stopped by HuntSpec::cancel: what was searched, nothing found
    int searchRuns = 0;     ///< runs spent by the search (≤ the budget)
    int shrinkRuns = 0;     ///< runs spent by the shrink, rejected steps included
    QString
        candidate; ///< how the first failing run differed from the scenario: "seed 3, jitter 12 ms"
    QStringList searched; ///< what the search went through, for the "nothing found" report
    Scenario failing;     ///< the first failing scenario as found (its seed fixed)
    QVector<HuntStep> steps;
    Scenario minimal; ///< the smallest scenario that still fails: a file `run` and the app open
    RunResult minimalRun;
    QVector<Anomaly> broken; ///< the minimal run's anomalies that break the invariant

    /// The broken anomalies in brief: "DUPLICATE_EFFECT on K1, STUCK_KEY on K2".
    [[nodiscard]] QString brokenText() const;
};

/// Searches seeds, the grid and small mutations of a scenario (timing shifts, jitter, loss,
/// faults) for a run that breaks the invariant, then shrinks it step by step (drop requests,
/// faults, drops, clients; lower jitter and loss; round times) to the smallest scenario that
/// still fails. Every candidate and every step is a run of the engine; the search is
/// deterministic: the same spec finds the same failure.
class Hunt
{
public:
    /// Called after every run: the phase ("search", "shrink"), the runs done in it, and the
    /// search's budget.
    using Progress = std::function<void(const QString &phase, int runs, int budget)>;

    [[nodiscard]] static std::optional<HuntResult> run(const HuntSpec &spec,
                                                       const Progress &progress, QString *error);
    /// The run's anomalies that break `invariant`.
    [[nodiscard]] static QVector<Anomaly> breaking(const RunResult &run, Invariant invariant);
    /// "duplicate" → Invariant::Duplicate; nullopt and an error line for another word.
    [[nodiscard]] static std::optional<Invariant> invariantNamed(const QString &word,
                                                                 QString *error);
    [[nodiscard]] static QString invariantWord(Invariant invariant);
    /// What breaking it means, as a verb phrase: "charges a key more than once".
    [[nodiscard]] static QString breakingText(Invariant invariant);
    /// Its negation: "never charges a key more than once".
    [[nodiscard]] static QString holdingText(Invariant invariant);
    /// "2 requests, 1 client, no fault": what a scenario holds, for the step list.
    [[nodiscard]] static QString sizeText(const Scenario &scenario);
};

} // namespace idem
