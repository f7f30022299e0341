#include "scenemodels.h"

#include "playback.h"
#include "scenetext.h"

namespace idem {

SceneModels::SceneModels(const Playback &playback, QObject *parent)
    : QObject(parent), m_playback(playback)
{
    connect(&playback, &Playback::runChanged, this, &SceneModels::runChanged);
    connect(&playback, &Playback::timeChanged, this, &SceneModels::timeChanged);
}

void SceneModels::runChanged()
{
    const RunResult *run = m_playback.run();
    m_events.setRun(run);
    m_nodes.setNodes(run->nodes);
}

void SceneModels::timeChanged()
{
    if (!m_playback.run())
        return;
    const SceneState &state = m_playback.state();
    m_nodes.setActivity(state.servers, state.clients);
    const SceneText text(m_playback.run(), state, qint64(m_playback.timeUs()));
    QMap<int, NodeModel::BackTexts> down;
    for (const int node : state.downNodes)
        down.insert(node, {text.backText(node), text.backBrief(node)});
    m_nodes.setDown(down);
    m_messages.setMessages(state.messages);
    for (int c = 0; c < 2; ++c) {
        m_keys[c].setRows(state.keys[c], state.expired[c]);
        m_ledger[c].setRows(state.ledger[c]);
    }
    m_cache.setEntries(state.cache, qint64(m_playback.timeUs()));
}

} // namespace idem
