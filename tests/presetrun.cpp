#include "presetrun.h"

#include "scenario/scenarioloader.h"
#include "sim/simulation.h"

#include <QtGlobal>

using namespace idem;

Scenario presetScenario(const QString &name)
{
    const ScenarioLoad load = ScenarioLoader::load(name);
    if (!load.scenario)
        qFatal("%s", qPrintable(load.error));
    return *load.scenario;
}

RunResult runScenario(const Scenario &scenario)
{
    const auto outcome = Simulation::run(scenario);
    if (!outcome.result)
        qFatal("run failed: %s", qPrintable(outcome.error));
    return *outcome.result;
}

RunResult runPreset(const QString &name, bool mutex, bool cache)
{
    Scenario s = presetScenario(name);
    s.settings.mutex = mutex;
    s.settings.cache = cache;
    return runScenario(s);
}
