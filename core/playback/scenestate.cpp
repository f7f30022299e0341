#include "playback/scenestate.h"

#include <QHash>

#include <algorithm>

namespace idem {

namespace {

const QString created = QStringLiteral("CREATED");
const QString consumed = QStringLiteral("CONSUMED");
const QString deleted = QStringLiteral("DELETED"); // eventtext::deletedState()
const QString down = QStringLiteral("down");       // eventtext::downState()
const QString up = QStringLiteral("up");           // eventtext::upState()

bool isKeyStatus(const QString &s)
{
    return s == created || s == consumed;
}

KeyRowView *findKey(QVector<KeyRowView> &rows, const QString &key)
{
    for (auto &row : rows)
        if (row.key == key)
            return &row;
    return nullptr;
}

/// Builds the SceneState of a moment from the events up to it, applied one by one: DB rows,
/// cache entries, locks, anomalies and what each server and client is busy with.
class SceneBuilder
{
public:
    SceneBuilder(const RunResult &run, qint64 t) : m_run(run), m_t(t)
    {
        for (int c = 0; c < 2; ++c)
            for (const LedgerRow &row : run.ledger[c])
                m_ledgerById.insert(row.id, row);
        // A live record logs the reply's hop only (no Receive): the client has its answer
        // once that hop has arrived.
        m_answerOnArrival =
            std::none_of(run.events.cbegin(), run.events.cend(),
                         [](const Event &e) { return e.type == EventType::Receive; });
    }

    void apply(const Event &e, SceneState &s)
    {
        switch (e.type) {
        case EventType::DbWrite:
            dbWrite(e, s);
            break;
        case EventType::Replicate:
            replicate(e, s);
            break;
        case EventType::CacheOp:
            if (isKeyStatus(e.state))
                cacheWrite(e, s);
            else if (e.state == deleted)
                s.cache.erase(
                    std::remove_if(s.cache.begin(), s.cache.end(),
                                   [&](const CacheEntryView &v) { return v.key == e.key; }),
                    s.cache.end());
            break;
        case EventType::Fault:
            fault(e, s);
            break;
        case EventType::LockAcquire:
        case EventType::LockWait:
        case EventType::LockRelease:
            lock(e, s);
            break;
        case EventType::Anomaly:
            s.duplicateKeys.append(e.key);
            for (const QString &id : e.detail.split(QLatin1Char(','), Qt::SkipEmptyParts))
                if (!s.duplicateLedgerIds.contains(id))
                    s.duplicateLedgerIds.append(id);
            break;
        default:
            break;
        }
        task(e);
    }

    void finishActivity(SceneState &s) const
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

private:
    int clusterOf(int node) const { return node >= 0 ? m_run.nodes[node].cluster : -1; }

    void dbWrite(const Event &e, SceneState &s)
    {
        const int c = clusterOf(e.to);
        if (c < 0 || e.state.isEmpty())
            return;
        if (e.state == deleted) { // released or reaped
            s.keys[c].erase(std::remove_if(s.keys[c].begin(), s.keys[c].end(),
                                           [&](const KeyRowView &row) { return row.key == e.key; }),
                            s.keys[c].end());
            return;
        }
        if (isKeyStatus(e.state)) {
            KeyRowView *row = findKey(s.keys[c], e.key);
            if (!row) {
                s.keys[c].append({e.key, e.state, c, false, e.t});
                return;
            }
            row->status = e.state;
            row->updatedUs = e.t;
            if (e.state == created) { // a claim (or the unguarded overwrite) is this cluster's
                row->origin = c;
                row->replica = false;
            }
            return;
        }
        addLedger(s, c, e.state, false);
    }

    void replicate(const Event &e, SceneState &s)
    {
        const int c = clusterOf(e.to);
        if (c < 0 || e.state.isEmpty())
            return;
        if (isKeyStatus(e.state)) {
            KeyRowView *row = findKey(s.keys[c], e.key);
            if (!row) {
                s.keys[c].append({e.key, e.state, clusterOf(e.from), true, e.t});
                return;
            }
            row->status = e.state;
            row->updatedUs = e.t;
            return;
        }
        addLedger(s, c, e.state, true);
    }

    // A crash, a cache outage or a cut link, and their end: what is down right now.
    void fault(const Event &e, SceneState &s)
    {
        if (e.state != down && e.state != up)
            return;
        const bool isDown = e.state == down;
        if (e.from >= 0 && e.to >= 0 && e.from != e.to) { // the replication link
            s.linkCut = isDown;
            return;
        }
        if (e.from < 0)
            return;
        s.downNodes.removeAll(e.from);
        if (!isDown)
            return;
        s.downNodes.append(e.from);
        // Its work in progress died with it: the server is no longer busy with anything.
        for (auto it = m_tasks.begin(); it != m_tasks.end();)
            it = it.value().server == e.from ? m_tasks.erase(it) : std::next(it);
    }

    void addLedger(SceneState &s, int c, const QString &id, bool replica)
    {
        const auto it = m_ledgerById.constFind(id);
        if (it == m_ledgerById.cend())
            return;
        for (const LedgerRowView &row : s.ledger[c])
            if (row.id == id)
                return;
        const LedgerRow &r = it.value();
        s.ledger[c].append({r.id, r.key, r.origin, r.fromAcct, r.toAcct, r.amount, replica, false});
        s.balances[c][r.fromAcct] -= r.amount;
        s.balances[c][r.toAcct] += r.amount;
    }

    void cacheWrite(const Event &e, SceneState &s)
    {
        const qint64 expires = e.t + m_run.scenario.settings.cacheTtlUs;
        for (CacheEntryView &entry : s.cache) {
            if (entry.key == e.key) {
                entry.status = e.state;
                entry.expiresUs = expires;
                return;
            }
        }
        s.cache.append({e.key, e.state, clusterOf(e.from), expires});
    }

    void lock(const Event &e, SceneState &s)
    {
        const int c = clusterOf(e.from);
        auto it = std::find_if(s.locks.begin(), s.locks.end(),
                               [&](const LockView &l) { return l.cluster == c && l.key == e.key; });
        if (it == s.locks.end()) {
            s.locks.append({c, e.key, -1, -1, {}});
            it = s.locks.end() - 1;
        }
        switch (e.type) {
        case EventType::LockAcquire:
            it->holder = e.from;
            it->holderRequest = e.request;
            it->waiters.removeOne(e.from);
            break;
        case EventType::LockWait:
            it->waiters.append(e.from);
            break;
        default: // release
            it->holder = -1;
            it->holderRequest = -1;
            if (it->waiters.isEmpty())
                s.locks.erase(it);
            break;
        }
    }

    // Where each client's requests stand: one line per request (a retry replaces the line
    // of the attempt before it).
    void clientTask(const Event &e)
    {
        if (e.request < 0 || e.request >= m_run.attempts.size())
            return;
        const Attempt &a = m_run.attempts[e.request];
        const QString key = a.key.isEmpty() ? QStringLiteral("(no key)") : a.key;
        ClientLine line;
        switch (e.type) {
        case EventType::Send:
            if (e.to == a.clientNode && m_answerOnArrival && !e.lost && e.endUs <= m_t) {
                line = {key + QStringLiteral(" · got ") + QString::number(e.status), false};
                break;
            }
            if (e.from != a.clientNode)
                return;
            line = {key + (a.attempt > 1 ? QStringLiteral(" · retry, waiting")
                                         : QStringLiteral(" · waiting")),
                    true};
            break;
        case EventType::Receive:
            if (e.to != a.clientNode)
                return;
            line = {key + QStringLiteral(" · got ") + QString::number(e.status), false};
            break;
        case EventType::Timeout:
            line = {key + QStringLiteral(" · timed out"), false};
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
    void task(const Event &e)
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

    struct Task
    {
        int server = -1;
        QString text;
    };

    struct ClientLine
    {
        QString text;
        bool waiting = false;
        QString request; ///< RequestSpec id: a retry updates its request's line
    };

    const RunResult &m_run;
    const qint64 m_t;
    bool m_answerOnArrival = false;
    QHash<QString, LedgerRow> m_ledgerById;
    QMap<int, Task> m_tasks;                      // ordered by request
    QMap<int, QVector<ClientLine>> m_clientLines; // by client node
};

void addMessages(const RunResult &run, qint64 t, SceneState &s)
{
    for (int i = 0; i < run.events.size(); ++i) {
        const Event &e = run.events[i];
        if (e.startUs < 0 || e.endUs < 0 || e.startUs > t || e.endUs <= t)
            continue;
        MessageView m;
        m.event = i;
        m.key = e.key;
        m.request = e.request;
        m.status = e.status;
        switch (e.type) {
        case EventType::Send: {
            if (e.t > t)
                continue;
            m.from = e.from;
            m.to = e.to;
            m.label = e.label;
            m.response = e.status != 0;
            const double span = double(e.endUs - e.startUs);
            if (e.lost) {
                // Travels half way, then falls out of the network.
                const qint64 mid = e.startUs + (e.endUs - e.startUs) / 2;
                m.falling = t >= mid;
                m.progress = m.falling ? 0.5 : (t - e.startUs) / span;
            } else {
                m.progress = (t - e.startUs) / span;
            }
            break;
        }
        case EventType::DbRead:
        case EventType::DbWrite:
        case EventType::CacheOp:
            if (t < e.t) { // the command on its way
                if (e.t == e.startUs)
                    continue;
                m.from = e.from;
                m.to = e.to;
                m.label = e.label;
                m.progress = double(t - e.startUs) / double(e.t - e.startUs);
            } else { // the result on its way back
                m.from = e.to;
                m.to = e.from;
                m.label = e.state.isEmpty() ? QStringLiteral("ok") : e.state;
                m.response = true;
                m.progress = double(t - e.t) / double(e.endUs - e.t);
            }
            break;
        case EventType::Replicate:
        case EventType::Conflict:
            if (t >= e.t)
                continue;
            m.from = e.from;
            m.to = e.to;
            m.label = e.label;
            m.progress = double(t - e.startUs) / double(std::max<qint64>(1, e.t - e.startUs));
            break;
        default:
            continue;
        }
        s.messages.append(m);
    }
}

} // namespace

SceneState sceneAt(const RunResult &run, qint64 t)
{
    SceneState s;
    s.t = t;
    SceneBuilder builder(run, t);
    for (int i = 0; i < run.events.size() && run.events[i].t <= t; ++i) {
        builder.apply(run.events[i], s);
        s.lastEvent = i;
    }
    builder.finishActivity(s);
    s.cache.erase(std::remove_if(s.cache.begin(), s.cache.end(),
                                 [t](const CacheEntryView &e) { return e.expiresUs <= t; }),
                  s.cache.end());
    for (int c = 0; c < 2; ++c)
        for (LedgerRowView &row : s.ledger[c])
            row.duplicate = s.duplicateLedgerIds.contains(row.id);
    addMessages(run, t, s);
    return s;
}

} // namespace idem
