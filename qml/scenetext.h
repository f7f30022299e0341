#pragma once

#include "playback/scenestate.h"

#include <QString>

namespace idem {

struct RunResult;

/// The scene's sentences at one moment of a run: the caption under the scene, the banner
/// of a duplicate charge, each cluster's lock line and balances. Plain C++ over SceneState,
/// so it is tested without QML.
class SceneText
{
public:
    /// `run` may be null (nothing ran yet); `state` is sceneAt(*run, timeUs).
    SceneText(const RunResult *run, const SceneState &state, qint64 timeUs)
        : m_run(run), m_state(state), m_time(timeUs)
    {}

    /// "t = 21.5 ms · Server A1 …"; `live`: the playhead follows a live session.
    [[nodiscard]] QString caption(bool live) const;
    /// Why the last event at the playhead matters (report/whytext), or "".
    [[nodiscard]] QString why() const;
    /// The banner of every verdict true so far, "HEADLINE — detail": "DUPLICATE EFFECT — key
    /// K1 charged 2 times (ledger L1, L2)", "STUCK KEY — …", "KEY COLLISION — …"; several
    /// are named together ("DUPLICATE EFFECT + STUCK KEY — …; …"); "" when none is.
    [[nodiscard]] QString anomaly() const;
    /// Under a down node's name: "back at t = 10.0 s", or "down until the end of the run".
    [[nodiscard]] QString backText(int node) const;
    /// The same as short as a small box's line: "back 10 s", "back 2.35 s", or "until the
    /// end" (three figures at most; the tooltip keeps the exact time).
    [[nodiscard]] QString backBrief(int node) const;
    /// Beside the cut replication link: "partitioned — 2 rows waiting · heals at t = 5.0 s",
    /// or "" while the link is up.
    [[nodiscard]] QString linkText() const;
    /// Who holds each key's lock in `cluster`; with no lock held, whether the mutex is on.
    [[nodiscard]] QString lock(int cluster, bool mutexOn) const;
    /// "Alice −50 · Bob +50" in `cluster`'s DB.
    [[nodiscard]] QString balances(int cluster) const;

private:
    const RunResult *m_run;
    const SceneState &m_state;
    qint64 m_time;
};

} // namespace idem
