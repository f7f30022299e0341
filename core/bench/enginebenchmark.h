#pragma once

#include "model/scenario.h"

#include <QString>
#include <QVector>

namespace idem {

/// `idemlab-cli bench`: engine throughput against the bare-SQL floor, and preset re-run times.
class EngineBenchmark
{
public:
    /// N requests with unique keys over both clusters; mutex, cache and replication on.
    [[nodiscard]] static Scenario throughputScenario(int requests);

    struct Figures
    {
        int requests = 0;
        double simulatedPerSecond = 0;
        double floorPerSecond = 0;
        qint64 events = 0;
        qint64 statements = 0; ///< SQL statements of the run (the floor replays them)
        struct PresetTime
        {
            QString name;
            double milliseconds = 0;
        };
        QVector<PresetTime> presets;
        QString error;
        [[nodiscard]] double ratio() const
        {
            return floorPerSecond > 0 ? simulatedPerSecond / floorPerSecond : 0;
        }
    };
    /// Runs everything; `repeats` takes the best of several runs for each figure.
    [[nodiscard]] static Figures measure(int requests, int repeats = 5);
    [[nodiscard]] static QString format(const Figures &figures);
};

} // namespace idem
