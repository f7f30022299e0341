#pragma once

// Shared by the engine tests: a preset's scenario, and a run of it through the engine.

#include "model/runresult.h"
#include "model/scenario.h"

#include <QString>
#include <QStringList>

/// The preset's scenario as its file has it (fails the test program if it cannot load).
idem::Scenario presetScenario(const QString &name);
/// The engine's run of `scenario` (fails the test program if the engine refuses it).
idem::RunResult runScenario(const idem::Scenario &scenario);
/// The preset run with the mutex and the cache set as given.
idem::RunResult runPreset(const QString &name, bool mutex = false, bool cache = false);
/// The preset run with settings overridden, each "name=value" as on the command line.
idem::RunResult runPresetWith(const QString &name, const QStringList &settings);
/// Columns "preset", "mutex", "cache" and one row per preset and each of the four
/// mutex/cache combinations, for a data-driven test that runs every preset every way.
void addPresetToggleRows();
/// Columns "preset", "left", "right" and the two comparisons issue 13's tests name: preset 5
/// with the mutex off/on and preset 6 with the cache off/on (each run differs, then is fixed).
void addCompareFixRows();
