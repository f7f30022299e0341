#pragma once

#include "model/runresult.h"
#include "model/scenario.h"
#include "whatif/sweepresult.h"
#include "whatif/varyaxis.h"

#include <QString>

#include <atomic>

#include <functional>
#include <optional>

namespace idem {

/// What a sweep runs: a scenario over a grid of one or two varied settings, N seeded trials
/// per grid point (seeds S, S+1, …, the same at every point), on `jobs` threads, optionally
/// only the K-th of N slices of the trials.
struct SweepSpec
{
    Scenario scenario; ///< with the common overrides applied
    QVector<VaryAxis> axes;
    int trials = 1;
    quint64 seedFrom = 1;
    int jobs = 0;       ///< threads; 0 = every core
    int shardIndex = 0; ///< 1-based K of --shard K/N; 0 = the whole sweep
    int shardCount = 0;
    /// Set (from any thread) to stop the sweep before its next trial: run() then gives no
    /// result and says how far it got. Null: it runs to the end.
    const std::atomic<bool> *cancel = nullptr;
};

/// Runs a sweep. The numbers depend only on the spec, never on `jobs` or the order the
/// threads finish in: each trial is the engine's run of its seed, counted into its point.
class Sweep
{
public:
    /// Called from the worker threads (one at a time) as trials finish.
    using Progress = std::function<void(qint64 done, qint64 total)>;

    /// The sweep's result, or nullopt and an error line (a run the engine refused).
    [[nodiscard]] static std::optional<SweepResult> run(const SweepSpec &spec,
                                                        const Progress &progress, QString *error);
    /// The scenario of grid point `point` with seed `seed`: what its trial runs.
    [[nodiscard]] static Scenario trialScenario(const SweepSpec &spec, int point, quint64 seed);
    /// What one run counts for at its grid point.
    [[nodiscard]] static TrialCounts count(const RunResult &run);
    /// Whether job `job` (point × trials + trial) belongs to shard K of N: every N-th from K.
    [[nodiscard]] static bool inShard(qint64 job, int shardIndex, int shardCount);
    /// The trials a spec runs (in its shard).
    [[nodiscard]] static qint64 jobCount(const SweepSpec &spec);
};

} // namespace idem
