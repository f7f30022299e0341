#include "model/runresult.h"

#include <QJsonArray>
#include <QLocale>

#include <algorithm>

namespace idem {

QString attemptOutcomeName(AttemptOutcome outcome)
{
    switch (outcome) {
    case AttemptOutcome::Pending:
        return QStringLiteral("pending");
    case AttemptOutcome::Answered:
        return QStringLiteral("answered");
    case AttemptOutcome::TimedOut:
        return QStringLiteral("timeout");
    }
    return {};
}

QString Verdict::countText(qsizetype n)
{
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(qlonglong(n));
}

QString Verdict::namedFew(const QStringList &parts, const QString &many)
{
    if (parts.size() <= namedLimit)
        return parts.join(QStringLiteral("; "));
    return many.arg(countText(parts.size())) + QStringLiteral(": ") +
           parts.mid(0, namedLimit).join(QStringLiteral("; ")) + QStringLiteral("; and ") +
           countText(parts.size() - namedLimit) + QStringLiteral(" more");
}

QString Verdict::listFew(const QStringList &items, int limit)
{
    if (items.size() <= limit)
        return items.join(QStringLiteral(", "));
    return items.mid(0, limit).join(QStringLiteral(", ")) + QStringLiteral(" and ") +
           countText(items.size() - limit) + QStringLiteral(" more");
}

QString Verdict::summary() const
{
    if (anomalies.isEmpty())
        return QStringLiteral("OK: every key took effect at most once");
    // One clause per kind, in the order the verdict found them: "DUPLICATE EFFECT: ...";
    // within a kind the worst first (most extra charges; ties in the verdict's order).
    QStringList types;
    QMap<QString, QVector<const Anomaly *>> byType;
    for (const Anomaly &a : anomalies) {
        if (!types.contains(a.type))
            types.append(a.type);
        byType[a.type].append(&a);
    }
    QStringList clauses;
    for (const QString &type : types) {
        QVector<const Anomaly *> list = byType.value(type);
        std::stable_sort(list.begin(), list.end(),
                         [](const Anomaly *l, const Anomaly *r) { return l->count > r->count; });
        QStringList parts;
        QString many;
        for (const Anomaly *a : list) {
            if (type == QLatin1String("STUCK_KEY"))
                parts.append(QStringLiteral("key %1 left CREATED with no holder and no "
                                            "lease to free it")
                                 .arg(a->key));
            else if (type == QLatin1String("KEY_COLLISION"))
                parts.append(
                    QStringLiteral("key %1 answered a client with another client's payment %2")
                        .arg(a->key, a->count == 1 ? QStringLiteral("once")
                                                   : QStringLiteral("%1 times").arg(a->count)));
            else
                parts.append(QStringLiteral("key %1 charged %2 times (ledger %3)")
                                 .arg(a->key)
                                 .arg(a->count)
                                 .arg(listFew(a->ledgerIds, listLimit)));
        }
        if (type == QLatin1String("STUCK_KEY"))
            many = QStringLiteral("%1 keys left stuck, the first");
        else if (type == QLatin1String("KEY_COLLISION"))
            many = QStringLiteral("%1 keys answered with another client's payment, the worst");
        else
            many = QStringLiteral("%1 keys charged more than once, the worst");
        clauses.append(QString(type).replace(QLatin1Char('_'), QLatin1Char(' ')) +
                       QStringLiteral(": ") + namedFew(parts, many));
    }
    return clauses.join(QStringLiteral(" · "));
}

QJsonObject Verdict::toJson() const
{
    QJsonObject counts;
    for (auto it = statusCounts.cbegin(); it != statusCounts.cend(); ++it)
        counts.insert(QString::number(it.key()), it.value());
    // Attempts without an answer are counted under "timeout".
    if (timeouts)
        counts.insert(QStringLiteral("timeout"), timeouts);
    QJsonObject effects;
    for (auto it = sideEffects.cbegin(); it != sideEffects.cend(); ++it)
        effects.insert(it.key(), it.value());
    QJsonArray anomalyList;
    for (const Anomaly &a : anomalies) {
        anomalyList.append(QJsonObject{
            {QStringLiteral("type"), a.type},
            {QStringLiteral("key"), a.key},
            {QStringLiteral("count"), a.count},
            {QStringLiteral("ledgerIds"), QJsonArray::fromStringList(a.ledgerIds)},
        });
    }
    return QJsonObject{
        {QStringLiteral("ok"), ok()},
        {QStringLiteral("summary"), summary()},
        {QStringLiteral("statusCounts"), counts},
        {QStringLiteral("timeouts"), timeouts},
        {QStringLiteral("sideEffects"), effects},
        {QStringLiteral("anomalies"), anomalyList},
        {QStringLiteral("stuckKeys"), QJsonArray::fromStringList(stuckKeys)},
        {QStringLiteral("replicationConflicts"), replicationConflicts},
    };
}

int RunResult::nodeIndex(const QString &id) const
{
    for (int i = 0; i < nodes.size(); ++i)
        if (nodes[i].id == id)
            return i;
    return -1;
}

QVector<bool> RunResult::nodesInLog() const
{
    QVector<bool> used(nodes.size(), false);
    for (const Event &e : events)
        for (const int node : {e.from, e.to})
            if (node >= 0 && node < used.size())
                used[node] = true;
    return used;
}

QJsonObject RunResult::summaryJson() const
{
    QJsonArray responses;
    for (const Attempt &a : attempts) {
        QJsonObject o{
            {QStringLiteral("request"), a.request},
            {QStringLiteral("attempt"), a.attempt},
            {QStringLiteral("client"), scenario.clients.value(a.client).name},
            {QStringLiteral("key"), a.key.isEmpty() ? QJsonValue() : QJsonValue(a.key)},
            {QStringLiteral("cluster"),
             a.cluster < 0 ? QJsonValue() : QJsonValue(clusterName(a.cluster))},
            {QStringLiteral("status"), a.status ? QJsonValue(a.status) : QJsonValue()},
            {QStringLiteral("outcome"), attemptOutcomeName(a.outcome)},
            {QStringLiteral("sentUs"), a.sentUs},
            {QStringLiteral("receivedUs"),
             a.receivedUs < 0 ? QJsonValue() : QJsonValue(a.receivedUs)},
        };
        responses.append(o);
    }
    const QJsonObject verdictJson = verdict.toJson();
    return QJsonObject{
        {QStringLiteral("scenario"), scenario.name},
        {QStringLiteral("settings"), scenario.settings.toJson()},
        {QStringLiteral("seed"), double(scenario.settings.seed)},
        {QStringLiteral("responses"), responses},
        {QStringLiteral("statusCounts"), verdictJson.value(QLatin1String("statusCounts"))},
        {QStringLiteral("sideEffects"), verdictJson.value(QLatin1String("sideEffects"))},
        {QStringLiteral("anomalies"), verdictJson.value(QLatin1String("anomalies"))},
        {QStringLiteral("stuckKeys"), verdictJson.value(QLatin1String("stuckKeys"))},
        {QStringLiteral("replicationConflicts"),
         verdictJson.value(QLatin1String("replicationConflicts"))},
        {QStringLiteral("verdict"), verdict.summary()},
        {QStringLiteral("events"), events.size()},
    };
}

} // namespace idem
