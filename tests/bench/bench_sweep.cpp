// Sweep throughput (issue 13): trials per second of preset 9 (burst) with --jobs 1 and
// --jobs 2, beside the floor measured in the same run: the very same trials' SQL (recorded
// with SimulationOptions::sqlTrace) replayed bare on one pair of DBs, each trial after a
// clear() as a sweep's thread reuses its DBs. Best of three for every figure; it prints the
// table and the targets (≥ 5,000 trials/s with 2 jobs, ≥ 0.5 × the floor, 2 jobs ≥ 1.7 × 1)
// and never fails on time.
//
//   build/tests/bench_sweep [TRIALS]        (ctest -L bench -R bench_sweep)

#include "bench/sqlfloor.h"
#include "scenario/scenarioloader.h"
#include "sim/simulation.h"
#include "whatif/sweep.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <cstdio>

using namespace idem;

namespace {

double sweepPerSecond(const SweepSpec &spec)
{
    double best = 0;
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        QString error;
        const auto r = Sweep::run(spec, {}, &error);
        if (!r)
            qFatal("sweep failed: %s", qPrintable(error));
        best = std::max(best, spec.trials * 1e9 / double(t.nsecsElapsed()));
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int trials = argc > 1 ? std::max(100, QString::fromLocal8Bit(argv[1]).toInt()) : 20'000;
    const ScenarioLoad load = ScenarioLoader::load(QStringLiteral("burst"));
    if (!load.scenario)
        qFatal("%s", qPrintable(load.error));

    SweepSpec spec;
    spec.scenario = *load.scenario;
    QString error;
    const auto axes = VaryAxis::parseAll({QStringLiteral("jitter-ms=0")}, &error);
    spec.axes = *axes;
    spec.trials = trials;

    // The floor: the same trials' SQL, recorded once (seeds 1..N at the one grid point).
    std::vector<SqlTrace> traces;
    traces.resize(size_t(trials));
    qint64 statements = 0;
    {
        SimulationDatabases databases;
        if (auto openError = databases.open())
            qFatal("%s", qPrintable(*openError));
        for (int i = 0; i < trials; ++i) {
            SimulationOptions options;
            options.databases = &databases;
            options.sqlTrace = &traces[size_t(i)];
            const auto outcome =
                Simulation::run(Sweep::trialScenario(spec, 0, spec.seedFrom + quint64(i)), options);
            if (!outcome.result)
                qFatal("%s", qPrintable(outcome.error));
            statements += qint64(traces[size_t(i)].size());
        }
    }
    double floor = 0;
    for (int i = 0; i < 3; ++i) {
        const SqlFloor::Result r = SqlFloor::replayTrials(traces);
        if (!r.error.isEmpty())
            qFatal("%s", qPrintable(r.error));
        floor = std::max(floor, r.requestsPerSecond());
    }
    spec.jobs = 1;
    const double one = sweepPerSecond(spec);
    spec.jobs = 2;
    const double two = sweepPerSecond(spec);

    std::printf("sweep throughput, preset 9 (burst), %d trials, %lld SQL statements a trial, "
                "%d cores\n",
                trials, static_cast<long long>(statements / trials), QThread::idealThreadCount());
    std::printf("  floor: the trials' SQL replayed bare, one thread  %8.0f trials/s\n", floor);
    std::printf(
        "  sweep --jobs 1                                    %8.0f trials/s  %.2f x floor\n", one,
        one / floor);
    std::printf("  sweep --jobs 2                                    %8.0f trials/s  %.2f x floor, "
                "%.2f x --jobs 1\n",
                two, two / floor, two / one);
    std::printf("  targets: >= 5,000 trials/s with --jobs 2 (%s), >= 0.5 x floor (%s), --jobs 2 "
                ">= 1.7 x --jobs 1 (%s)\n",
                two >= 5000 ? "met" : "not met", one / floor >= 0.5 ? "met" : "not met",
                two / one >= 1.7 ? "met" : "not met");
    return 0;
}
