#include "bench/enginebenchmark.h"

#include "bench/sqlfloor.h"
#include "scenario/scenarioloader.h"
#include "sim/simulation.h"

#include <QElapsedTimer>
#include <QSysInfo>
#include <QThread>

namespace idem {

Scenario EngineBenchmark::throughputScenario(int requests)
{
    Scenario s;
    s.name = QStringLiteral("bench");
    s.title = QStringLiteral("Engine throughput");
    s.description = QStringLiteral("%1 requests with unique keys over both clusters").arg(requests);
    s.settings.mutex = true;
    s.settings.cache = true;
    s.settings.replication = true;
    s.clients = {{QStringLiteral("Client A"), 0}, {QStringLiteral("Client B"), 1}};
    s.requests.reserve(requests);
    for (int i = 0; i < requests; ++i) {
        RequestSpec r;
        r.id = QStringLiteral("R%1").arg(i + 1);
        r.client = i % 2;
        r.atUs = qint64(i) * 100; // 10,000 requests per virtual second, many in flight
        r.key = QStringLiteral("K%1").arg(i + 1);
        s.requests.append(r);
    }
    return s;
}

EngineBenchmark::Figures EngineBenchmark::measure(int requests, int repeats)
{
    Figures f;
    f.requests = requests;
    const Scenario scenario = throughputScenario(requests);
    // The floor is this very run's SQL: record it once, then replay it bare.
    SqlTrace trace;
    {
        SimulationOptions options;
        options.sqlTrace = &trace;
        const auto outcome = Simulation::run(scenario, options);
        if (!outcome.result) {
            f.error = outcome.error;
            return f;
        }
        f.statements = qint64(trace.size());
    }
    // Floor and engine alternate, each keeping its best run: on a shared machine the
    // slowest runs measure the neighbours, not the code.
    for (int i = 0; i < repeats; ++i) {
        const SqlFloor::Result floor = SqlFloor::replay(trace, requests);
        if (!floor.error.isEmpty()) {
            f.error = floor.error;
            return f;
        }
        f.floorPerSecond = std::max(f.floorPerSecond, floor.requestsPerSecond());

        QElapsedTimer timer;
        timer.start();
        const auto outcome = Simulation::run(scenario);
        const qint64 ns = timer.nsecsElapsed();
        if (!outcome.result) {
            f.error = outcome.error;
            return f;
        }
        f.events = outcome.result->events.size();
        f.simulatedPerSecond = std::max(f.simulatedPerSecond, requests * 1e9 / double(ns));
    }
    for (const QString &name : ScenarioLoader::presetNames()) {
        const ScenarioLoad load = ScenarioLoader::load(name);
        if (!load.scenario)
            continue;
        double best = 1e18;
        for (int i = 0; i < std::max(repeats, 5); ++i) {
            QElapsedTimer timer;
            timer.start();
            const auto outcome = Simulation::run(*load.scenario);
            best = std::min(best, double(timer.nsecsElapsed()) / 1e6);
            Q_UNUSED(outcome);
        }
        f.presets.append({name, best});
    }
    return f;
}

QString EngineBenchmark::format(const Figures &f)
{
    QString out;
    out += QStringLiteral("Engine benchmark: %1 requests, unique keys over both clusters, mutex + "
                          "cache + replication on (best of runs)\n")
               .arg(f.requests);
    out += QStringLiteral("machine: %1, %2 cores, Qt %3\n")
               .arg(QSysInfo::prettyProductName())
               .arg(QThread::idealThreadCount())
               .arg(QString::fromLatin1(qVersion()));
    out += QStringLiteral("  simulated requests/s  %1  (%2 events, %3 per request)\n")
               .arg(f.simulatedPerSecond, 10, 'f', 0)
               .arg(f.events)
               .arg(double(f.events) / f.requests, 0, 'f', 1);
    out += QStringLiteral("  bare QtSql floor/s    %1  (the run's own %2 statements, replayed in "
                          "order on fresh DBs, no engine)\n")
               .arg(f.floorPerSecond, 10, 'f', 0)
               .arg(f.statements);
    out += QStringLiteral("  ratio                 %1\n").arg(f.ratio(), 10, 'f', 2);
    out += QStringLiteral("Preset re-run, end to end (open DBs, simulate, verdict):\n");
    for (const auto &p : f.presets)
        out += QStringLiteral("  %1 %2 ms\n").arg(p.name, -26).arg(p.milliseconds, 7, 'f', 2);
    return out;
}

} // namespace idem
