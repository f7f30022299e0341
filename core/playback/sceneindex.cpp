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
    m_checkpointCount = events / m_every + 1;
    m_checkpoints.reserve(std::size_t(m_checkpointCount));
    // Only the first checkpoint now (the first frame needs no more); the others are taken
    // as a replay first passes them (at()).
    m_checkpoints.emplace_back(run, anyMoment, std::make_shared<const MessageIndex>(run));
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
    const int nearest = std::min(end / m_every, m_checkpointCount - 1);
    const int taken = int(m_checkpoints.size());
    // Forward from the cursor unless it is past t, or a checkpoint (taken or not yet) is
    // nearer to t.
    const int from = std::min(nearest, taken - 1);
    if (!m_cursor || m_cursor->applied() > end || m_cursor->applied() < from * m_every)
        m_cursor = std::make_unique<SceneReplay>(m_checkpoints[std::size_t(from)]);
    // Past the last checkpoint taken: the cursor takes those it passes on its way.
    for (int next = int(m_checkpoints.size()); next <= nearest; ++next) {
        m_cursor->applyUntil(next * m_every);
        m_checkpoints.push_back(*m_cursor);
    }
    m_cursor->applyUntil(end);
    return m_cursor->stateAt(t);
}

} // namespace idem
