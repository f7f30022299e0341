#include "playback/keylife.h"

#include "playback/sceneindex.h"

#include <QSet>

#include <algorithm>

namespace idem {

namespace {

const QString expiredStatus = QStringLiteral("expired");

/// What `place` (0, 1: a cluster's DB; 2: the cache) holds of the key in scene state `s`.
KeySpan spanIn(const SceneState &s, int place, const QString &key, const QString &scope)
{
    KeySpan span;
    if (place == 2) {
        for (const CacheEntryView &entry : s.cache)
            if (entry.key == key)
                span.status = entry.status;
        return span;
    }
    for (const KeyRowView &row : s.keys[place]) {
        if (row.key == key && row.scope == scope) {
            span.status = row.status;
            span.generation = row.generation;
            span.replica = row.replica;
            span.mark = row.mark;
            return span;
        }
    }
    for (const KeyRowView &row : s.expired[place])
        if (row.key == key && row.scope == scope) {
            span.status = expiredStatus;
            span.generation = row.generation;
            span.mark = row.mark;
        }
    return span;
}

bool sameState(const KeySpan &a, const KeySpan &b)
{
    return a.status == b.status && a.generation == b.generation && a.replica == b.replica &&
           a.mark == b.mark;
}

QString attemptLabel(const Attempt &a)
{
    return a.attempt > 1 ? QStringLiteral("%1 (attempt %2)").arg(a.request).arg(a.attempt)
                         : a.request;
}

} // namespace

KeyLife keyLifeOf(const RunResult &run, const QString &key, const QString &scope)
{
    KeyLife life;
    life.key = key;
    life.scope = scope;
    life.endUs = run.events.isEmpty() ? 0 : run.events.constLast().t;
    for (const Attempt &a : run.attempts)
        life.endUs = std::max({life.endUs, a.sentUs, a.receivedUs});
    const bool scoped = run.scenario.settings.keyScope == KeyScope::Client;

    // The moments the key can change anywhere: its own events, every fault (a crash or an
    // outage changes what a place holds) and each cache entry's expiry.
    QVector<qint64> moments;
    QSet<QString> ledgerIds;
    for (int c = 0; c < 2; ++c)
        for (const LedgerRow &row : run.ledger[c])
            if (row.key == key && row.scope == scope)
                ledgerIds.insert(row.id);
    for (const Event &e : run.events) {
        if (e.type == EventType::Fault || e.key == key)
            moments.append(e.t);
        if (e.type == EventType::CacheOp && e.key == key)
            moments.append(e.t + run.scenario.settings.cacheTtlUs);
    }
    std::sort(moments.begin(), moments.end());
    moments.erase(std::unique(moments.begin(), moments.end()), moments.end());

    const QString places[3] = {QStringLiteral("DB A"), QStringLiteral("DB B"),
                               QStringLiteral("Shared cache")};
    for (const QString &place : places)
        life.lanes.append({place, {KeySpan{0, life.endUs, {}, 1, false, KeyMark::None}}});
    // The moments in order: the index goes forward from one to the next, never from the start.
    SceneIndex scenes(run);
    for (const qint64 t : moments) {
        if (t > life.endUs)
            break;
        const SceneState s = scenes.at(t);
        for (int p = 0; p < 3; ++p) {
            KeySpan now = spanIn(s, p, key, scope);
            QVector<KeySpan> &spans = life.lanes[p].spans;
            if (sameState(spans.constLast(), now))
                continue;
            if (spans.constLast().fromUs == t) { // changed again at the same moment
                spans.removeLast();
                if (!spans.isEmpty() && sameState(spans.constLast(), now)) {
                    spans.last().toUs = life.endUs;
                    continue;
                }
            } else {
                spans.last().toUs = t;
            }
            now.fromUs = t;
            now.toUs = life.endUs;
            spans.append(now);
        }
    }

    for (int i = 0; i < run.attempts.size(); ++i) {
        const Attempt &a = run.attempts[i];
        const QString client = run.scenario.clients.value(a.client).name;
        if (a.key != key || (scoped && client != scope))
            continue;
        const QString server = a.serverNode >= 0 && a.serverNode < run.nodes.size()
                                   ? run.nodes[a.serverNode].name
                                   : QString();
        const bool timedOut = a.outcome == AttemptOutcome::TimedOut;
        life.requests.append({i, attemptLabel(a), client, server, a.sentUs, a.receivedUs, a.status,
                              timedOut,
                              timedOut ? a.sentUs + run.scenario.settings.timeoutUs : -1});
    }

    QSet<QString> duplicates;
    for (const Anomaly &a : run.verdict.anomalies)
        for (const QString &id : a.ledgerIds)
            duplicates.insert(id);
    // A ledger row is written by a DB write or a replica whose state is its id.
    for (const Event &e : run.events) {
        if ((e.type != EventType::DbWrite && e.type != EventType::Replicate) ||
            !ledgerIds.contains(e.state) || e.to < 0 || e.to >= run.nodes.size())
            continue;
        const int cluster = run.nodes[e.to].cluster;
        for (const LedgerRow &row : run.ledger[cluster]) {
            if (row.id != e.state)
                continue;
            life.charges.append({row.id, cluster, e.t, e.type == EventType::Replicate,
                                 duplicates.contains(row.id), row.amount});
            break;
        }
    }
    return life;
}

} // namespace idem
