#include "scenecaptions.h"

#include "playback.h"
#include "scenetext.h"
#include "session.h"

namespace idem {

SceneCaptions::SceneCaptions(const Playback &playback, const Session &session, QObject *parent)
    : QObject(parent), m_playback(playback), m_session(session)
{
    connect(&playback, &Playback::runChanged, this, &SceneCaptions::runChanged);
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
    return text().anomaly();
}

QString SceneCaptions::linkText() const
{
    return text().linkText();
}

QString SceneCaptions::lockText(int cluster) const
{
    return text().lock(cluster, m_session.scenario().settings.mutex);
}

QString SceneCaptions::balancesText(int cluster) const
{
    return text().balances(cluster);
}

} // namespace idem
