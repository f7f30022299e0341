#pragma once

#include "model/runresult.h"
#include "playback/sceneindex.h"
#include "timeline/timelineaxis.h"

#include <QVariantList>
#include <QVector>

#include <memory>

namespace idem {

/// A run made ready to be shown: the run, the index that finds its scene at any moment, the
/// scrub bar's compressed time axis and its ticks. All of it is worked out from the run alone,
/// so on any thread: the app prepares the run named on its command line on a thread of its
/// own while the QML loads (GuiOptions::prepareRun), and Playback::show takes it from there
/// as it takes every other run. Never moves (the index points into the run): held by
/// unique_ptr.
class ShownRun
{
public:
    /// `alignWith`: the moments of a run drawn beside this one (Compare), which the axis runs
    /// through too.
    [[nodiscard]] static std::unique_ptr<ShownRun> prepare(RunResult run,
                                                           const QVector<qint64> &alignWith = {});
    ShownRun(const ShownRun &) = delete;
    ShownRun &operator=(const ShownRun &) = delete;

    RunResult run;
    SceneIndex index{run}; ///< finds the scene of any moment of `run`
    /// The scrub bar's axis on [0, 1]: long idle stretches are compressed.
    TimelineAxis axis;
    /// Where on the axis the run's moments are (at most one per 1/4096 of it) and its
    /// anomalies, in event order. Lists, found once: QML reads a list property again for each
    /// element it looks at.
    QVariantList eventTicks;
    QVariantList anomalyTicks;
    QVector<double> anomalyPositions; ///< the anomaly ticks, ascending

private:
    ShownRun(RunResult run, const QVector<qint64> &alignWith);
};

} // namespace idem
