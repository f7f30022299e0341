#include "sim/verdict.h"

#include <QSet>

namespace idem {

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
    for (const Attempt &a : run.attempts)
        if (!a.key.isEmpty())
            v.sideEffects.insert(a.key, 0);

    QMap<QString, QStringList> idsByKey;
    QSet<QString> seen;
    for (int c = 0; c < 2; ++c) {
        for (const LedgerRow &row : run.ledger[c]) {
            if (seen.contains(row.id))
                continue;
            seen.insert(row.id);
            idsByKey[row.key].append(row.id);
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
                stuck.insert(row.key);
    v.stuckKeys = QStringList(stuck.cbegin(), stuck.cend());
    v.stuckKeys.sort();
    v.replicationConflicts = replicationConflicts;
    return v;
}

} // namespace idem
