#pragma once

#include "playback/scenestate.h"

#include <memory>
#include <vector>

namespace idem {

/// Finds the SceneState of any moment of one run without replaying its log from the start:
/// the replay is checkpointed as it goes (at most maxCheckpoints copies, every
/// checkpointEvery() events, each taken the first time a replay passes it), a moment is built from
/// the nearest checkpoint at or before it, and a playhead moving forward continues from the moment
/// before, applying only the new events. Each answer is equal to sceneAt(run, t) (tst_sceneindex
/// compares them).
class SceneIndex
{
public:
    /// At most this many checkpoints are kept, whatever the length of the log: a copy of the
    /// state costs memory in proportion to the rows it holds.
    static constexpr int maxCheckpoints = 32;
    /// ...and none closer together than this many events.
    static constexpr int minSpacing = 512;

    /// Takes the first checkpoint only; the others are taken when a moment past them is first
    /// asked for. `run` must outlive the index and not change its events.
    explicit SceneIndex(const RunResult &run);
    ~SceneIndex();

    /// What the scene shows at time `t`.
    [[nodiscard]] SceneState at(qint64 t);
    /// The events between two checkpoints.
    [[nodiscard]] int checkpointEvery() const { return m_every; }

private:
    const RunResult &m_run;
    /// A live record's client lines depend on the moment shown (SceneActivity): it is
    /// replayed from the start each time.
    bool m_fromScratch = false;
    int m_every = minSpacing;
    int m_checkpointCount = 1;              ///< how many there are once all are taken
    std::vector<SceneReplay> m_checkpoints; ///< m_checkpoints[i] has i * m_every applied
    std::unique_ptr<SceneReplay> m_cursor;  ///< where the last answer was built
};

} // namespace idem
