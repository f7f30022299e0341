#include "scenetext.h"

#include "accountnames.h"
#include "captiontext.h"

#include "model/runresult.h"
#include "report/whytext.h"
#include "timeline/durationtext.h"

#include <QHash>
#include <QStringList>

#include <algorithm>

namespace idem {

QString SceneText::caption(bool live) const
{
    const QString when = QStringLiteral("t = %1").arg(durationText(m_time));
    if (live && (!m_run || m_state.lastEvent < 0))
        return when + QStringLiteral(" · live: waiting for the first request");
    if (!m_run || m_state.lastEvent < 0)
        return when + (m_run && !m_run->scenario.lesson.isEmpty()
                           ? QStringLiteral(" · press Play (Space) to start, or L for the "
                                            "guided lesson")
                           : QStringLiteral(" · press Play (Space) to start"));
    return when + QStringLiteral(" · ") + displayCaption(*m_run, m_state.lastEvent);
}

QString SceneText::why() const
{
    if (!m_run || m_state.lastEvent < 0 || m_state.lastEvent >= m_run->events.size())
        return {};
    return whyOf(*m_run, m_run->events[m_state.lastEvent]);
}

QString SceneText::anomaly() const
{
    QStringList headlines;
    QStringList details;
    if (!m_state.duplicateKeys.isEmpty()) {
        // Each key's own rows (not their replicas), gathered in one pass over both DBs.
        QHash<QString, QStringList> idsByKey;
        for (int c = 0; c < 2; ++c)
            for (const LedgerRowView &row : m_state.ledger[c])
                if (row.duplicate && !row.replica) {
                    QStringList &ids = idsByKey[row.key];
                    if (!ids.contains(row.id))
                        ids.append(row.id);
                }
        QStringList keys = m_state.duplicateKeys;
        keys.removeDuplicates();
        // The worst first (most charges), as the verdict names them.
        std::stable_sort(keys.begin(), keys.end(), [&](const QString &l, const QString &r) {
            return idsByKey.value(l).size() > idsByKey.value(r).size();
        });
        // Only the keys the banner names are worded (a large run has 5,000): past namedLimit,
        // namedFew counts the rest and never reads them.
        const qsizetype named =
            keys.size() <= Verdict::namedLimit ? keys.size() : qsizetype(Verdict::namedLimit);
        QStringList parts;
        parts.reserve(keys.size());
        for (qsizetype k = 0; k < named; ++k) {
            const QStringList ids = idsByKey.value(keys[k]);
            parts.append(QStringLiteral("key %1 charged %2 times (ledger %3)")
                             .arg(keys[k])
                             .arg(ids.size())
                             .arg(Verdict::listFew(ids, Verdict::listLimit)));
        }
        parts.resize(keys.size());
        headlines.append(QStringLiteral("DUPLICATE EFFECT"));
        details.append(
            Verdict::namedFew(parts, QStringLiteral("%1 keys charged more than once, the worst")));
    }
    for (const QString &type : {QStringLiteral("STUCK_KEY"), QStringLiteral("KEY_COLLISION")}) {
        QStringList parts;
        for (const VerdictMoment &v : m_state.verdicts) {
            if (v.type != type)
                continue;
            if (type == QLatin1String("KEY_COLLISION"))
                parts.append(QStringLiteral("%1 and %2 both used %3: %2 got %1's payment")
                                 .arg(v.owner, v.client, v.key));
            else if (v.holderCrashed)
                parts.append(QStringLiteral("%1 is claimed by a server that died (%2); every "
                                            "retry gets 409")
                                 .arg(v.key, v.holder));
            else
                parts.append(QStringLiteral("%1 is left CREATED and nothing will finish it; "
                                            "every retry gets 409")
                                 .arg(v.key));
        }
        parts.removeDuplicates();
        if (parts.isEmpty())
            continue;
        const bool stuck = type == QLatin1String("STUCK_KEY");
        headlines.append(stuck ? QStringLiteral("STUCK KEY") : QStringLiteral("KEY COLLISION"));
        details.append(Verdict::namedFew(
            parts, stuck ? QStringLiteral("%1 keys left stuck, the first")
                         : QStringLiteral("%1 keys answered with another client's payment, the "
                                          "first")));
    }
    if (headlines.isEmpty())
        return {};
    return headlines.join(QStringLiteral(" + ")) + QStringLiteral(" — ") +
           details.join(QStringLiteral("; "));
}

QString SceneText::backText(int node) const
{
    const qint64 back = m_state.backUs.value(node, -1);
    if (!m_state.downNodes.contains(node))
        return {};
    return back >= 0 ? QStringLiteral("back at t = %1").arg(durationText(back))
                     : QStringLiteral("down until the end of the run");
}

QString SceneText::backBrief(int node) const
{
    const qint64 back = m_state.backUs.value(node, -1);
    if (!m_state.downNodes.contains(node))
        return {};
    return back >= 0 ? QStringLiteral("back %1").arg(durationText(back, DurationUnit::Brief))
                     : QStringLiteral("until the end");
}

QString SceneText::linkText() const
{
    if (!m_state.linkCut)
        return {};
    QString text = m_state.queuedRows == 1
                       ? QStringLiteral("partitioned — 1 row waiting")
                       : QStringLiteral("partitioned — %1 rows waiting").arg(m_state.queuedRows);
    if (m_state.linkHealUs >= 0)
        text += QStringLiteral(" · heals at t = %1").arg(durationText(m_state.linkHealUs));
    return text;
}

QString SceneText::lock(int cluster, bool mutexOn) const
{
    if (!m_run)
        return {};
    QStringList parts;
    for (const LockView &l : m_state.locks) {
        if (l.cluster != cluster)
            continue;
        QString text =
            QStringLiteral("lock %1: %2")
                .arg(l.key, l.holder >= 0 ? m_run->nodes[l.holder].name : QStringLiteral("free"));
        if (!l.waiters.isEmpty())
            text += QStringLiteral(" (+%1 waiting)").arg(l.waiters.size());
        parts.append(text);
    }
    if (parts.isEmpty())
        return mutexOn ? QStringLiteral("mutex on · no lock held") : QStringLiteral("mutex off");
    return parts.join(QStringLiteral(" · "));
}

QString SceneText::balances(int cluster) const
{
    QStringList parts;
    const auto &balances = m_state.balances[cluster];
    for (auto it = balances.cbegin(); it != balances.cend(); ++it)
        parts.append(QStringLiteral("%1 %2%3")
                         .arg(AccountNames::display(it.key()),
                              it.value() > 0 ? QStringLiteral("+") : QString())
                         .arg(it.value()));
    return parts.join(QStringLiteral(" · "));
}

} // namespace idem
