#include "sim/verdict.h"

#include <QSet>

namespace idem {

namespace {

// A key as the verdict counts it: under keyScope client, K1 of Client 1 and K1 of Client 2
// are two keys.
QString scopedKey(const QString &label, const QString &scope)
{
    return scope.isEmpty() ? label : label + QStringLiteral(" (") + scope + QLatin1Char(')');
}

} // namespace

Verdict computeVerdict(const RunResult &run, int replicationConflicts)
{
    Verdict v;
    for (const Attempt &a : run.attempts) {
        if (a.outcome == AttemptOutcome::Answered)
            ++v.statusCounts[a.status];
        else if (a.outcome == AttemptOutcome::TimedOut)
            ++v.timeouts;
    }
    // Every key that was sent appears, with 0 if nothing was charged.
    const bool scoped = run.scenario.settings.keyScope == KeyScope::Client;
    for (const Attempt &a : run.attempts)
        if (!a.key.isEmpty())
            v.sideEffects.insert(
                scopedKey(a.key, scoped ? run.scenario.clients.value(a.client).name : QString()),
                0);

    QMap<QString, QStringList> idsByKey;
    QSet<QString> seen;
    for (int c = 0; c < 2; ++c) {
        for (const LedgerRow &row : run.ledger[c]) {
            if (seen.contains(row.id))
                continue;
            seen.insert(row.id);
            idsByKey[scopedKey(row.key, row.scope)].append(row.id);
        }
    }
    for (auto it = idsByKey.cbegin(); it != idsByKey.cend(); ++it) {
        QStringList ids = it.value();
        ids.sort();
        v.sideEffects[it.key()] = ids.size();
        if (ids.size() > 1)
            v.anomalies.append(
                {QStringLiteral("DUPLICATE_EFFECT"), it.key(), int(ids.size()), ids});
    }

    QSet<QString> stuck;
    for (int c = 0; c < 2; ++c)
        for (const KeyRow &row : run.keys[c])
            if (row.status == QLatin1String("CREATED"))
                stuck.insert(scopedKey(row.key, row.scope));
    v.stuckKeys = QStringList(stuck.cbegin(), stuck.cend());
    v.stuckKeys.sort();
    // Left CREATED at the end, its holder gone, and no lease to let a retry take it over:
    // nobody can ever pay with this key or learn what became of it.
    if (run.scenario.settings.leaseUs == 0)
        for (const QString &key : v.stuckKeys)
            v.anomalies.append({QStringLiteral("STUCK_KEY"), key, 1, {}});

    // A 2xx replay of a result another client's request stored: that client's payment was
    // answered to this one (the Respond event names whose result it replayed).
    QMap<QString, int> collisions;
    for (const Event &e : run.events) {
        if (e.type != EventType::Respond || e.status < 200 || e.status > 299 ||
            !e.state.startsWith(QLatin1String("REPLAYED:")) || e.request < 0 ||
            e.request >= run.attempts.size())
            continue;
        const QString owner = e.state.mid(int(qstrlen("REPLAYED:")));
        const QString client = run.scenario.clients.value(run.attempts[e.request].client).name;
        if (!owner.isEmpty() && owner != client)
            ++collisions[e.key];
    }
    for (auto it = collisions.cbegin(); it != collisions.cend(); ++it)
        v.anomalies.append({QStringLiteral("KEY_COLLISION"), it.key(), it.value(), {}});
    v.replicationConflicts = replicationConflicts;
    return v;
}

} // namespace idem
