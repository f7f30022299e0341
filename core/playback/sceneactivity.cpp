#include "playback/sceneactivity.h"

#include <algorithm>

namespace idem {

SceneActivity::SceneActivity(const RunResult &run, qint64 t)
    : m_run(run), m_t(t), m_answerOnArrival(answersOnArrival(run))
{}

bool SceneActivity::answersOnArrival(const RunResult &run)
{
    return std::none_of(run.events.cbegin(), run.events.cend(),
                        [](const Event &e) { return e.type == EventType::Receive; });
}

void SceneActivity::serverDown(int server)
{
    for (auto it = m_tasks.begin(); it != m_tasks.end();)
        it = it.value().server == server ? m_tasks.erase(it) : std::next(it);
}

void SceneActivity::finish(SceneState &s) const
{
    for (int i = 0; i < m_run.nodes.size(); ++i) {
        if (m_run.nodes[i].kind != NodeKind::Server)
            continue;
        NodeActivity view;
        view.node = i;
        for (auto it = m_tasks.cbegin(); it != m_tasks.cend(); ++it)
            if (it.value().server == i)
                view.tasks.append(it.value().text);
        view.busy = !view.tasks.isEmpty();
        s.servers.append(view);
    }
    for (auto it = m_clientLines.cbegin(); it != m_clientLines.cend(); ++it) {
        NodeActivity view;
        view.node = it.key();
        // A client with several requests names each ("R2 · K1 · got 409"): two lines of
        // one key must not read as one request both waiting and answered.
        const bool several = it.value().size() > 1;
        for (const ClientLine &line : it.value()) {
            view.tasks.append(several && !line.request.isEmpty()
                                  ? line.request + QStringLiteral(" · ") + line.text
                                  : line.text);
            view.busy = view.busy || line.waiting;
        }
        s.clients.append(view);
    }
}

// Where each client's requests stand: one line per request (a retry replaces the line
// of the attempt before it).
void SceneActivity::clientTask(const Event &e)
{
    if (e.request < 0 || e.request >= m_run.attempts.size())
        return;
    const Attempt &a = m_run.attempts[e.request];
    const QString key = a.key.isEmpty() ? QStringLiteral("(no key)") : a.key;
    ClientLine line;
    switch (e.type) {
    case EventType::Send:
        if (e.to == a.clientNode && m_answerOnArrival && !e.lost && e.endUs <= m_t) {
            line = {key + QStringLiteral(" · got ") + QString::number(e.status), false, {}};
            break;
        }
        if (e.from != a.clientNode)
            return;
        line = {key + (a.attempt > 1 ? QStringLiteral(" · retry, waiting")
                                     : QStringLiteral(" · waiting")),
                true,
                {}};
        break;
    case EventType::Receive:
        if (e.to != a.clientNode)
            return;
        line = {key + QStringLiteral(" · got ") + QString::number(e.status), false, {}};
        break;
    case EventType::Timeout:
        line = {key + QStringLiteral(" · timed out"), false, {}};
        break;
    default:
        return;
    }
    QVector<ClientLine> &lines = m_clientLines[a.clientNode];
    for (ClientLine &existing : lines) {
        if (existing.request == a.request) {
            const bool answer = !line.waiting && e.type != EventType::Timeout;
            if (!answer || existing.waiting) // a late answer keeps "timed out"
                existing.text = line.text;
            existing.waiting = line.waiting && !answer;
            return;
        }
    }
    line.request = a.request;
    lines.append(line);
}

// What each server is doing, by request.
void SceneActivity::apply(const Event &e)
{
    clientTask(e);
    if (e.request < 0 || e.from < 0 || m_run.nodes[e.from].kind != NodeKind::Server)
        return;
    const QString key = e.key.isEmpty() ? QStringLiteral("(no key)") : e.key;
    QString phase;
    switch (e.type) {
    case EventType::Validate:
        phase = QStringLiteral("validating");
        break;
    case EventType::CacheOp:
        phase = QStringLiteral("claiming in cache");
        break;
    case EventType::LockWait:
        phase = QStringLiteral("waiting for lock");
        break;
    case EventType::LockAcquire:
        phase = QStringLiteral("holds lock");
        break;
    case EventType::DbRead:
        phase = QStringLiteral("looking up");
        break;
    case EventType::DbWrite:
        phase = e.label.startsWith(QLatin1String("CONSUMED")) ? QStringLiteral("consuming")
                                                              : QStringLiteral("writing");
        break;
    case EventType::OpStart:
        phase = QStringLiteral("charging");
        break;
    case EventType::OpEnd:
        phase = QStringLiteral("consuming");
        break;
    case EventType::Respond:
    case EventType::Send:
        m_tasks.remove(e.request);
        return;
    default:
        return;
    }
    m_tasks[e.request] = {e.from, key + QStringLiteral(" · ") + phase};
}

} // namespace idem
