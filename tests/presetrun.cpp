#include "presetrun.h"

#include "scenario/scenarioloader.h"
#include "sim/simulation.h"

#include <QtTest>

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

RunResult runPresetWith(const QString &name, const QStringList &settings)
{
    Scenario scenario = presetScenario(name);
    for (const QString &setting : settings) {
        const QStringList parts = setting.split(QLatin1Char('='));
        if (const auto error = scenario.settings.setFromText(parts[0], parts.value(1), parts[0]))
            qFatal("%s", qPrintable(*error));
    }
    return runScenario(scenario);
}

void addPresetToggleRows()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<bool>("mutex");
    QTest::addColumn<bool>("cache");
    for (const QString &name : ScenarioLoader::presetNames())
        for (int toggles = 0; toggles < 4; ++toggles)
            QTest::addRow("%s mutex=%d cache=%d", qPrintable(name), toggles & 1, toggles >> 1)
                << name << bool(toggles & 1) << bool(toggles >> 1);
}

void addCompareFixRows()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addRow("5 mutex off/on") << "parallel-same-cluster"
                                    << "--mutex off"
                                    << "--mutex on";
    QTest::addRow("6 cache off/on") << "parallel-two-clusters"
                                    << "--cache off"
                                    << "--cache on";
}
