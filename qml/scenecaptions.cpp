#include "scenecaptions.h"

#include "playback.h"
#include "scenetext.h"
#include "session.h"

#include <algorithm>
#include <iterator>

namespace idem {

SceneCaptions::SceneCaptions(const Playback &playback, const Session &session, QObject *parent)
    : QObject(parent), m_playback(playback), m_session(session)
{
    connect(&playback, &Playback::runChanged, this, [this] {
        m_anomaly.valid = false;
        emit runChanged();
    });
    connect(&playback, &Playback::timeChanged, this, &SceneCaptions::timeChanged);
}

SceneText SceneCaptions::text() const
{
    return SceneText(m_playback.run(), m_playback.state(), qint64(m_playback.timeUs()));
}

QString SceneCaptions::why() const
{
    return text().why();
}

QString SceneCaptions::caption() const
{
    return text().caption(m_playback.live());
}

QString SceneCaptions::verdictText() const
{
    const RunResult *run = m_playback.run();
    return run ? run->verdict.summary() : m_session.errorText();
}

QString SceneCaptions::anomalyText() const
{
    const SceneState &s = m_playback.state();
    const qsizetype sizes[5] = {s.duplicateKeys.size(), s.duplicateLedgerIds.size(),
                                s.ledger[0].size(), s.ledger[1].size(), s.verdicts.size()};
    if (!m_anomaly.valid || !std::equal(std::begin(sizes), std::end(sizes), m_anomaly.sizes)) {
        m_anomaly.text = text().anomaly();
        std::copy(std::begin(sizes), std::end(sizes), m_anomaly.sizes);
        m_anomaly.valid = true;
    }
    return m_anomaly.text;
}

QString SceneCaptions::linkText() const
{
    return text().linkText();
}

QString SceneCaptions::lockText(int cluster) const
{
    // The run's own settings: in Compare the scene shows a side whose mutex may differ.
    const RunResult *run = m_playback.run();
    return text().lock(cluster,
                       run ? run->scenario.settings.mutex : m_session.scenario().settings.mutex);
}

QString SceneCaptions::balancesText(int cluster) const
{
    return text().balances(cluster);
}

} // namespace idem
