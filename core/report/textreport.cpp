#include "report/textreport.h"

#include "timeline/durationtext.h"

#include "protocol/claimhandler.h"

namespace idem {

QString TextReport::settingsLine(const Settings &s)
{
    auto onOff = [](bool b) { return b ? QStringLiteral("on") : QStringLiteral("off"); };
    QStringList parts{
        QStringLiteral("mutex %1").arg(onOff(s.mutex)),
        QStringLiteral("cache %1").arg(onOff(s.cache)),
        QStringLiteral("delay %1").arg(durationText(s.delayUs)),
        QStringLiteral("lag %1").arg(durationText(s.lagUs)),
        QStringLiteral("op %1").arg(durationText(s.opUs)),
        QStringLiteral("timeout %1").arg(durationText(s.timeoutUs)),
        QStringLiteral("retries %1").arg(s.retries),
    };
    if (s.jitterUs)
        parts.append(QStringLiteral("jitter %1").arg(durationText(s.jitterUs)));
    if (s.loss > 0)
        parts.append(QStringLiteral("loss %1").arg(s.loss));
    if (s.replay == ReplayMode::Original)
        parts.append(QStringLiteral("replay original"));
    // The protocol variants show only where they differ from the defaults (DESIGN.md).
    const Settings defaults;
    if (s.leaseUs > 0)
        parts.append(QStringLiteral("lease %1").arg(durationText(s.leaseUs)));
    if (s.atomic)
        parts.append(QStringLiteral("atomic on"));
    if (s.keyTtlUs != defaults.keyTtlUs)
        parts.append(QStringLiteral("key TTL %1").arg(durationText(s.keyTtlUs)));
    for (const char *choice : {"errorPolicy", "cacheFailure", "keyScope"}) {
        const QString field = QLatin1String(choice);
        if (s.valueText(field) != defaults.valueText(field))
            parts.append(field + QLatin1Char(' ') + s.valueText(field));
    }
    if (s.retryErrors)
        parts.append(QStringLiteral("retry errors on"));
    parts.append(QStringLiteral("seed %1").arg(s.seed));
    return parts.join(QStringLiteral(" · "));
}

QString TextReport::render(const RunResult &run)
{
    QString out;
    const Scenario &sc = run.scenario;
    out += QStringLiteral("%1 — %2\n  %3\n").arg(sc.name, sc.title, sc.description);
    out += QStringLiteral("Settings: %1\n\n").arg(settingsLine(sc.settings));

    out += QStringLiteral("Requests\n");
    for (const Attempt &a : run.attempts) {
        const QString id =
            a.attempt == 1 ? a.request : QStringLiteral("%1#%2").arg(a.request).arg(a.attempt);
        const QString key = a.key.isEmpty() ? QStringLiteral("(no key)") : a.key;
        const QString where = a.serverNode >= 0
                                  ? QStringLiteral("→ %1").arg(run.nodes[a.serverNode].name)
                                  : QStringLiteral("→ (lost before a server)");
        QString answer;
        if (a.outcome == AttemptOutcome::Answered)
            answer = QStringLiteral("%1 %2").arg(a.status).arg(ClaimHandler::reason(a.status));
        else if (a.outcome == AttemptOutcome::TimedOut)
            answer = QStringLiteral("timed out");
        else
            answer = QStringLiteral("no answer");
        const QString timing = a.outcome == AttemptOutcome::Answered
                                   ? QStringLiteral("sent %1, answered %2")
                                         .arg(durationText(a.sentUs), durationText(a.receivedUs))
                                   : QStringLiteral("sent %1").arg(durationText(a.sentUs));
        out += QStringLiteral("  %1 %2 %3 %4 %5 %6\n")
                   .arg(id, -6)
                   .arg(sc.clients.value(a.client).name, -16)
                   .arg(key, -12)
                   .arg(where, -14)
                   .arg(answer, -26)
                   .arg(timing);
    }

    out += QStringLiteral("\nSide effects (ledger rows across both DBs, replicas counted once)\n");
    if (run.verdict.sideEffects.isEmpty())
        out += QStringLiteral("  none: no request carried a key\n");
    for (auto it = run.verdict.sideEffects.cbegin(); it != run.verdict.sideEffects.cend(); ++it)
        out += QStringLiteral("  %1 %2%3\n")
                   .arg(it.key(), -12)
                   .arg(it.value())
                   .arg(it.value() > 1 ? QStringLiteral("   ← charged more than once") : QString());
    if (!run.verdict.stuckKeys.isEmpty())
        out += QStringLiteral("Keys left CREATED: %1\n")
                   .arg(Verdict::listFew(run.verdict.stuckKeys, Verdict::listLimit));
    if (run.verdict.replicationConflicts)
        out += QStringLiteral("Replication conflicts: %1\n").arg(run.verdict.replicationConflicts);

    QStringList counts;
    for (auto it = run.verdict.statusCounts.cbegin(); it != run.verdict.statusCounts.cend(); ++it)
        counts.append(QStringLiteral("%1 × %2").arg(it.value()).arg(it.key()));
    if (run.verdict.timeouts)
        counts.append(QStringLiteral("%1 × timeout").arg(run.verdict.timeouts));
    out += QStringLiteral("\nResponses: %1\n").arg(counts.join(QStringLiteral(", ")));
    out += QStringLiteral("Verdict: %1\n").arg(run.verdict.summary());
    out += QStringLiteral("%1 events, %2 of virtual time\n")
               .arg(run.events.size())
               .arg(durationText(run.endUs));
    return out;
}

} // namespace idem
