#include "playback/sceneindex.h"

#include "playback/sceneactivity.h"
#include "playback/scenemessages.h"

#include <algorithm>
#include <limits>

namespace idem {

namespace {

constexpr qint64 anyMoment = std::numeric_limits<qint64>::max();

} // namespace

SceneIndex::SceneIndex(const RunResult &run) : m_run(run)
{
    m_fromScratch = SceneActivity::answersOnArrival(run);
    if (m_fromScratch)
        return;
    const int events = int(run.events.size());
    m_every = std::max(minSpacing, (events + maxCheckpoints - 1) / maxCheckpoints);
    SceneReplay replay(run, anyMoment, std::make_shared<const MessageIndex>(run));
    m_checkpoints.reserve(std::size_t(events / m_every + 1));
    for (int end = 0; end <= events; end += m_every) {
        replay.applyUntil(end);
        m_checkpoints.push_back(replay);
    }
}

SceneIndex::~SceneIndex() = default;

SceneState SceneIndex::at(qint64 t)
{
    if (m_fromScratch)
        return sceneAt(m_run, t);
    // The events up to t are the first `end` of the log (it is in time order).
    const auto after = std::upper_bound(m_run.events.cbegin(), m_run.events.cend(), t,
                                        [](qint64 time, const Event &e) { return time < e.t; });
    const int end = int(after - m_run.events.cbegin());
    const int nearest = std::min(end / m_every, int(m_checkpoints.size()) - 1);
    // Forward from the cursor unless it is past t, or a checkpoint is nearer to t.
    if (!m_cursor || m_cursor->applied() > end || m_cursor->applied() < nearest * m_every)
        m_cursor = std::make_unique<SceneReplay>(m_checkpoints[std::size_t(nearest)]);
    m_cursor->applyUntil(end);
    return m_cursor->stateAt(t);
}

} // namespace idem
