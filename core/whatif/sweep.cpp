#include "whatif/sweep.h"

#include "sim/simulation.h"

#include <QThread>

#include <atomic>
#include <mutex>
#include <thread>

namespace idem {

namespace {

int pointCount(const SweepSpec &spec)
{
    int n = 1;
    for (const VaryAxis &a : spec.axes)
        n *= int(a.values.size());
    return n;
}

// The values of grid point `point`, first axis outermost (as SweepResult::pointValues).
QStringList valuesAt(const SweepSpec &spec, int point)
{
    SweepResult shape;
    shape.axes = spec.axes;
    return shape.pointValues(point);
}

} // namespace

bool Sweep::inShard(qint64 job, int shardIndex, int shardCount)
{
    return shardCount <= 0 || job % shardCount == shardIndex - 1;
}

qint64 Sweep::jobCount(const SweepSpec &spec)
{
    const qint64 all = qint64(pointCount(spec)) * spec.trials;
    if (spec.shardCount <= 0)
        return all;
    // Jobs K-1, K-1+N, K-1+2N, … below `all`.
    const qint64 first = spec.shardIndex - 1;
    return first < all ? (all - 1 - first) / spec.shardCount + 1 : 0;
}

Scenario Sweep::trialScenario(const SweepSpec &spec, int point, quint64 seed)
{
    Scenario s = spec.scenario;
    const QStringList values = valuesAt(spec, point);
    for (int a = 0; a < spec.axes.size(); ++a) {
        // The values were checked when the axis was read: this cannot fail.
        const auto error = s.settings.setFromText(spec.axes[a].json, values[a], spec.axes[a].flag);
        Q_ASSERT(!error);
    }
    s.settings.seed = seed;
    return s;
}

TrialCounts Sweep::count(const RunResult &run)
{
    TrialCounts c;
    c.trials = 1;
    for (const Anomaly &a : run.verdict.anomalies)
        c.anomalyTrials[a.type] = 1;
    if (!run.verdict.anomalies.isEmpty())
        c.anomalyTrials[QStringLiteral("any")] = 1;
    for (const Attempt &a : run.attempts) {
        switch (a.outcome) {
        case AttemptOutcome::Answered:
            c.statusCounts[QString::number(a.status)] += 1;
            c.latencyUs[a.receivedUs - a.sentUs] += 1;
            break;
        case AttemptOutcome::TimedOut:
            c.statusCounts[QStringLiteral("timeout")] += 1;
            break;
        case AttemptOutcome::Pending:
            c.statusCounts[QStringLiteral("pending")] += 1;
            break;
        }
    }
    return c;
}

std::optional<SweepResult> Sweep::run(const SweepSpec &spec, const Progress &progress,
                                      QString *error)
{
    const int points = pointCount(spec);
    const qint64 all = qint64(points) * spec.trials;
    QVector<qint64> jobs; // this shard's jobs, in order
    jobs.reserve(jobCount(spec));
    for (qint64 j = 0; j < all; ++j)
        if (inShard(j, spec.shardIndex, spec.shardCount))
            jobs.append(j);
    const qint64 total = jobs.size();
    int threads = spec.jobs > 0 ? spec.jobs : QThread::idealThreadCount();
    threads = int(std::max<qint64>(1, std::min<qint64>(threads, total)));

    // Each thread sums into its own grid; sums do not depend on who ran what, nor when.
    QVector<QVector<TrialCounts>> sums(threads, QVector<TrialCounts>(points));
    std::atomic<qint64> next{0};
    std::mutex lock; // progress calls and the first error
    qint64 done = 0;
    qint64 failedJob = -1;
    QString failure;
    auto work = [&](int thread) {
        // One pair of DBs per thread, cleared for each trial, instead of two opened per trial.
        SimulationDatabases databases;
        if (auto openError = databases.open()) {
            std::lock_guard<std::mutex> guard(lock);
            if (failedJob < 0) {
                failedJob = 0;
                failure = *openError;
            }
            next = total;
            return;
        }
        SimulationOptions options;
        options.databases = &databases;
        for (qint64 i = next++; i < total; i = next++) {
            if (spec.cancel && spec.cancel->load()) {
                next = total;
                return;
            }
            const qint64 job = jobs[i];
            const int point = int(job / spec.trials);
            const quint64 seed = spec.seedFrom + quint64(job % spec.trials);
            const Simulation::RunOrError outcome =
                Simulation::run(trialScenario(spec, point, seed), options);
            std::lock_guard<std::mutex> guard(lock);
            if (!outcome.result) {
                if (failedJob < 0 || job < failedJob) {
                    failedJob = job;
                    failure =
                        QStringLiteral("trial with seed %1 at %2: %3")
                            .arg(seed)
                            .arg(valuesAt(spec, point).join(QStringLiteral(", ")), outcome.error);
                }
                next = total; // stop the others
                return;
            }
            sums[thread][point].add(count(*outcome.result));
            ++done;
            if (progress)
                progress(done, total);
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(work, t);
    work(0);
    for (std::thread &t : pool)
        t.join();
    if (failedJob >= 0) {
        *error = failure;
        return std::nullopt;
    }
    if (done < total) {
        *error = QStringLiteral("cancelled after %1 of %2 trials").arg(done).arg(total);
        return std::nullopt;
    }

    SweepResult r;
    r.scenario = spec.scenario.name;
    r.settings = spec.scenario.settings.toJson();
    r.settings.remove(QStringLiteral("seed")); // the trials pick theirs
    r.axes = spec.axes;
    r.trials = spec.trials;
    r.seedFrom = spec.seedFrom;
    r.shardIndex = spec.shardCount > 0 ? spec.shardIndex : 0;
    r.shardCount = std::max(0, spec.shardCount);
    r.points.resize(points);
    for (const QVector<TrialCounts> &grid : sums)
        for (int p = 0; p < points; ++p)
            r.points[p].add(grid[p]);
    return r;
}

} // namespace idem
