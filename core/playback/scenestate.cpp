#include "playback/scenestate.h"

#include "playback/sceneactivity.h"
#include "playback/scenemessages.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <optional>

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

const QString takeOverLabel = QStringLiteral("TAKEOVER "); // eventtext's DB labels
const QString fencedLabel = QStringLiteral("FENCED ");
const QString reapLabel = QStringLiteral("REAP ");
const QString replayedState = QStringLiteral("REPLAYED:"); // whose result a 2xx replayed

bool sameKey(const KeyRowView &row, const QString &key, const std::optional<QString> &scope)
{
    return row.key == key && (!scope || row.scope == *scope);
}

/// The index of the first event after `index` that brings `e`'s node or link back up, or -1.
int comesBackAt(const RunResult &run, int index)
{
    const Event &e = run.events[index];
    for (int i = index + 1; i < run.events.size(); ++i) {
        const Event &u = run.events[i];
        if (u.type == EventType::Fault && u.state == up && u.from == e.from && u.to == e.to)
            return i;
    }
    return -1;
}

} // namespace

/// Builds the SceneState of a moment from the events up to it, applied one by one: DB rows,
/// cache entries, locks, anomalies and what each server and client is busy with. Copyable:
/// a copy is a checkpoint of the replay (SceneReplay).
class SceneBuilder
{
public:
    SceneBuilder(const RunResult &run, qint64 t) : m_run(run), m_activity(run, t)
    {
        for (int c = 0; c < 2; ++c)
            for (const LedgerRow &row : run.ledger[c])
                m_ledgerById.insert(row.id, row);
        m_scoped = run.scenario.settings.keyScope == KeyScope::Client;
        findStuckMoments();
        // In time order, so that each event looks only at the moments not reached yet.
        std::stable_sort(m_stuck.begin(), m_stuck.end(),
                         [](const VerdictMoment &l, const VerdictMoment &r) { return l.t < r.t; });
    }

    void apply(int index, SceneState &s)
    {
        const Event &e = m_run.events[index];
        for (; m_nextStuck < m_stuck.size() && m_stuck[m_nextStuck].t <= e.t; ++m_nextStuck)
            if (m_stuck[m_nextStuck].t == e.t && !containsVerdict(s, m_stuck[m_nextStuck]))
                s.verdicts.append(m_stuck[m_nextStuck]);
        switch (e.type) {
        case EventType::DbWrite:
            dbWrite(e, s);
            break;
        case EventType::Respond:
            collision(e, s);
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
            fault(index, s);
            break;
        case EventType::LockAcquire:
        case EventType::LockWait:
        case EventType::LockRelease:
            lock(e, s);
            break;
        case EventType::Anomaly:
            s.duplicateKeys.append(e.key);
            for (const QString &id : e.detail.split(QLatin1Char(','), Qt::SkipEmptyParts))
                if (!m_duplicateIds.contains(id)) {
                    m_duplicateIds.insert(id);
                    s.duplicateLedgerIds.append(id);
                    // Marked once here (and as later copies arrive, addLedger), not per frame.
                    for (int c = 0; c < 2; ++c)
                        if (const auto row = m_ledgerRow[c].constFind(id);
                            row != m_ledgerRow[c].cend())
                            s.ledger[c][row.value()].duplicate = true;
                }
            break;
        default:
            break;
        }
        m_activity.apply(e);
    }

    void finishActivity(SceneState &s) const { m_activity.finish(s); }

private:
    int clusterOf(int node) const { return node >= 0 ? m_run.nodes[node].cluster : -1; }

    /// The scope of the key `e` names: empty for global keys, under keyScope client the
    /// client of its request, or the client the event names (a reap names no request); none
    /// when it names neither (it matches any scope).
    std::optional<QString> scopeOf(const Event &e) const
    {
        if (!m_scoped)
            return QString();
        if (e.request < 0 || e.request >= m_run.attempts.size())
            return e.scope.isEmpty() ? std::nullopt : std::optional<QString>(e.scope);
        return m_run.scenario.clients.value(m_run.attempts[e.request].client).name;
    }

    void dbWrite(const Event &e, SceneState &s)
    {
        const int c = clusterOf(e.to);
        if (c < 0)
            return;
        QVector<KeyRowView> &keys = s.keys[c];
        const std::optional<QString> scope = scopeOf(e);
        if (e.label.startsWith(fencedLabel)) { // refused: the row stays as the new holder left it
            if (KeyRowView *row = findKey(s, c, e.key, scope))
                mark(*row, KeyMark::Fenced, e.t);
            return;
        }
        if (e.state.isEmpty())
            return;
        if (e.state == deleted) { // released or reaped
            const KeyRowView *gone = findKey(s, c, e.key, scope);
            if (!gone)
                return;
            if (e.label.startsWith(reapLabel)) { // greyed in the scene until claimed again
                KeyRowView ghost = *gone;
                mark(ghost, KeyMark::Expired, e.t);
                s.expired[c].append(ghost);
            }
            eraseKey(s, c, int(gone - keys.constData()));
            return;
        }
        if (isKeyStatus(e.state)) {
            KeyRowView *row = findKey(s, c, e.key, scope);
            if (!row) {
                KeyRowView fresh{e.key, e.state, c, false, e.t, scope.value_or(QString())};
                auto &expired = s.expired[c];
                const auto old =
                    std::find_if(expired.begin(), expired.end(), [&](const KeyRowView &r) {
                        return r.key == fresh.key && r.scope == fresh.scope;
                    });
                if (old != expired.end()) {
                    expired.erase(old);
                    mark(fresh, KeyMark::ClaimedAfterExpiry, e.t);
                }
                appendKey(s, c, fresh);
                m_written.insert(writeKey(c, e.key, e.t), {fresh.scope, fresh.generation});
                return;
            }
            row->status = e.state;
            row->updatedUs = e.t;
            if (e.state == created) { // a claim (or the unguarded overwrite) is this cluster's
                row->origin = c;
                row->replica = false;
                if (e.label.startsWith(takeOverLabel)) {
                    ++row->generation;
                    mark(*row, KeyMark::TakenOver, e.t);
                } else {
                    row->generation = 1;
                    mark(*row, KeyMark::None, -1);
                }
            }
            m_written.insert(writeKey(c, e.key, e.t), {row->scope, row->generation});
            return;
        }
        addLedger(s, c, e.state, false);
    }

    /// The row of `key` within `scope` in DB `c`; no scope (an event that names neither a
    /// request nor a scope) matches the key's first row whatever its scope. By m_keyRows: a
    /// search of the rows was most of the replay of a large run (one per DB write).
    KeyRowView *findKey(SceneState &s, int c, const QString &key,
                        const std::optional<QString> &scope) const
    {
        const auto it = m_keyRows[c].constFind(key);
        if (it == m_keyRows[c].cend())
            return nullptr;
        for (const int i : it.value())
            if (sameKey(s.keys[c][i], key, scope))
                return &s.keys[c][i];
        return nullptr;
    }

    void appendKey(SceneState &s, int c, const KeyRowView &row)
    {
        m_keyRows[c][row.key].append(int(s.keys[c].size()));
        s.keys[c].append(row);
    }

    void eraseKey(SceneState &s, int c, int index)
    {
        const auto it = m_keyRows[c].find(s.keys[c][index].key);
        it.value().removeOne(index);
        if (it.value().isEmpty())
            m_keyRows[c].erase(it);
        s.keys[c].remove(index);
        // The rows after it move up one (the erase itself moved them all).
        for (QVector<int> &rows : m_keyRows[c])
            for (int &i : rows)
                if (i > index)
                    --i;
    }

    static void mark(KeyRowView &row, KeyMark mark, qint64 t)
    {
        row.mark = mark;
        row.markUs = t;
    }

    /// A DB's key write, as a replica of it names it: the source DB, the key, when written.
    static QString writeKey(int cluster, const QString &key, qint64 t)
    {
        return QString::number(cluster) + QLatin1Char('|') + key + QLatin1Char('|') +
               QString::number(t);
    }

    // A 2xx answer replaying another client's result: the key collision, from this moment.
    void collision(const Event &e, SceneState &s)
    {
        if (e.status < 200 || e.status > 299 || !e.state.startsWith(replayedState) ||
            e.request < 0 || e.request >= m_run.attempts.size())
            return;
        const QString owner = e.state.mid(replayedState.size());
        const QString client = m_run.scenario.clients.value(m_run.attempts[e.request].client).name;
        if (owner.isEmpty() || owner == client)
            return;
        VerdictMoment v;
        v.type = QStringLiteral("KEY_COLLISION");
        v.key = e.key;
        v.t = e.t;
        v.client = client;
        v.owner = owner;
        s.verdicts.append(v);
    }

    static bool containsVerdict(const SceneState &s, const VerdictMoment &v)
    {
        return std::any_of(s.verdicts.cbegin(), s.verdicts.cend(), [&](const VerdictMoment &o) {
            return o.type == v.type && o.key == v.key;
        });
    }

    // A key the verdict finds STUCK_KEY was left CREATED by its last claim and never
    // finished: stuck from the first 409 its retries got after that claim (the customer
    // learns nothing), or from the claim itself when no retry came.
    void findStuckMoments()
    {
        for (const Anomaly &a : m_run.verdict.anomalies) {
            if (a.type != QLatin1String("STUCK_KEY"))
                continue;
            int claim = -1;
            for (int i = 0; i < m_run.events.size(); ++i) {
                const Event &e = m_run.events[i];
                if (e.type == EventType::DbWrite && e.state == created && scopedName(e) == a.key)
                    claim = i;
            }
            if (claim < 0)
                continue;
            const Event &c = m_run.events[claim];
            VerdictMoment v;
            v.type = a.type;
            v.key = c.key;
            v.t = c.t;
            v.holder = c.from >= 0 ? m_run.nodes[c.from].name : QString();
            for (int i = claim + 1; i < m_run.events.size(); ++i) {
                const Event &e = m_run.events[i];
                if (e.type == EventType::Fault && e.state == down && e.from == c.from)
                    v.holderCrashed = true;
                if (e.type == EventType::Respond && e.status == 409 && scopedName(e) == a.key) {
                    v.t = e.t;
                    break;
                }
            }
            m_stuck.append(v);
        }
    }

    /// The key as the verdict names it: "K1", or "K1 (Client 1)" under keyScope client.
    QString scopedName(const Event &e) const
    {
        const QString scope = scopeOf(e).value_or(QString());
        return scope.isEmpty() ? e.key : e.key + QStringLiteral(" (") + scope + QLatin1Char(')');
    }

    void replicate(const Event &e, SceneState &s)
    {
        const int c = clusterOf(e.to);
        if (c < 0 || e.state.isEmpty())
            return;
        if (isKeyStatus(e.state)) {
            // The write it copies says whose key it is and its generation.
            const auto source = m_written.constFind(writeKey(clusterOf(e.from), e.key, e.startUs));
            const std::optional<QString> scope =
                source != m_written.cend() ? std::optional<QString>(source->scope) : std::nullopt;
            KeyRowView *row = findKey(s, c, e.key, scope);
            if (!row) {
                KeyRowView copy{e.key, e.state, clusterOf(e.from),
                                true,  e.t,     scope.value_or(QString())};
                if (source != m_written.cend())
                    copy.generation = source->generation;
                appendKey(s, c, copy);
                return;
            }
            row->status = e.state;
            row->updatedUs = e.t;
            if (source != m_written.cend())
                row->generation = source->generation;
            return;
        }
        addLedger(s, c, e.state, true);
    }

    // A crash, a cache outage or a cut link, and their end: what is down right now.
    void fault(int index, SceneState &s)
    {
        const Event &e = m_run.events[index];
        if (e.state != down && e.state != up)
            return;
        const bool isDown = e.state == down;
        const int back = isDown ? comesBackAt(m_run, index) : -1;
        const qint64 backUs = back >= 0 ? m_run.events[back].t : -1;
        if (e.from >= 0 && e.to >= 0 && e.from != e.to) { // the replication link
            s.linkCut = isDown;
            s.linkHealUs = backUs;
            return;
        }
        if (e.from < 0)
            return;
        s.downNodes.removeAll(e.from);
        s.backUs.remove(e.from);
        if (!isDown)
            return;
        s.downNodes.append(e.from);
        s.backUs.insert(e.from, backUs);
        // Its work in progress died with it: the server is no longer busy with anything.
        m_activity.serverDown(e.from);
    }

    void addLedger(SceneState &s, int c, const QString &id, bool replica)
    {
        const auto it = m_ledgerById.constFind(id);
        if (it == m_ledgerById.cend() || m_ledgerRow[c].contains(id))
            return;
        m_ledgerRow[c].insert(id, int(s.ledger[c].size()));
        const LedgerRow &r = it.value();
        s.ledger[c].append({r.id, r.key, r.origin, r.fromAcct, r.toAcct, r.amount, replica,
                            m_duplicateIds.contains(id)});
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

    struct Written
    {
        QString scope;
        int generation = 1;
    };

    const RunResult &m_run;
    bool m_scoped = false;
    QHash<QString, Written> m_written; ///< each key write, by writeKey(), for its replicas
    QVector<VerdictMoment> m_stuck;    ///< in time order
    int m_nextStuck = 0;               ///< the first of m_stuck not reached yet
    QHash<QString, LedgerRow> m_ledgerById;
    QHash<QString, int> m_ledgerRow[2];        ///< s.ledger[c]'s rows by id, to add each row once
    QHash<QString, QVector<int>> m_keyRows[2]; ///< s.keys[c]'s rows by key, in row order
    QSet<QString> m_duplicateIds;              ///< s.duplicateLedgerIds, to look them up
    SceneActivity m_activity;
};

SceneReplay::SceneReplay(const RunResult &run, qint64 activityUs,
                         std::shared_ptr<const MessageIndex> messages)
    : m_run(&run), m_builder(std::make_unique<SceneBuilder>(run, activityUs)),
      m_messages(std::move(messages))
{}

SceneReplay::SceneReplay(const SceneReplay &other)
    : m_run(other.m_run), m_builder(std::make_unique<SceneBuilder>(*other.m_builder)),
      m_messages(other.m_messages), m_state(other.m_state)
{}

SceneReplay::~SceneReplay() = default;

void SceneReplay::applyUntil(int end)
{
    for (int i = m_state.lastEvent + 1; i < end; ++i) {
        m_builder->apply(i, m_state);
        m_state.lastEvent = i;
    }
}

void SceneReplay::advanceTo(qint64 t)
{
    // The events are in time order: the first one after t is at most a few past the last
    // applied when the playhead moves forward.
    int end = m_state.lastEvent + 1;
    while (end < m_run->events.size() && m_run->events[end].t <= t)
        ++end;
    applyUntil(end);
}

SceneState SceneReplay::stateAt(qint64 t) const
{
    const RunResult &run = *m_run;
    SceneState s = m_state;
    s.t = t;
    // Rows written while the link is cut wait on it for the heal.
    if (s.linkCut)
        for (const Event &e : run.events)
            if ((e.type == EventType::Replicate || e.type == EventType::Conflict) &&
                e.startUs >= 0 && e.startUs <= t && e.t > t)
                ++s.queuedRows;
    m_builder->finishActivity(s);
    const auto expired = [t](const CacheEntryView &e) { return e.expiresUs <= t; };
    if (std::any_of(s.cache.cbegin(), s.cache.cend(), expired)) // else the rows stay shared
        s.cache.erase(std::remove_if(s.cache.begin(), s.cache.end(), expired), s.cache.end());
    addMessagesInFlight(run, t, s, m_messages.get());
    return s;
}

SceneState sceneAt(const RunResult &run, qint64 t)
{
    SceneReplay replay(run, t);
    replay.advanceTo(t);
    return replay.stateAt(t);
}

} // namespace idem
