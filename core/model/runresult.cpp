#include "model/runresult.h"

#include <QJsonArray>

namespace idem {

int RunResult::nodeIndex(const QString &id) const
{
    for (int i = 0; i < nodes.size(); ++i)
        if (nodes[i].id == id)
            return i;
    return -1;
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
            {QStringLiteral("outcome"), a.outcome == Outcome::Answered   ? "answered"
                                        : a.outcome == Outcome::TimedOut ? "timeout"
                                                                         : "pending"},
            {QStringLiteral("sentUs"), a.sentUs},
            {QStringLiteral("receivedUs"),
             a.receivedUs < 0 ? QJsonValue() : QJsonValue(a.receivedUs)},
        };
        responses.append(o);
    }
    QJsonObject statusCounts;
    for (auto it = verdict.statusCounts.cbegin(); it != verdict.statusCounts.cend(); ++it)
        statusCounts.insert(QString::number(it.key()), it.value());
    if (verdict.timeouts)
        statusCounts.insert(QStringLiteral("timeout"), verdict.timeouts);
    QJsonObject sideEffects;
    for (auto it = verdict.sideEffects.cbegin(); it != verdict.sideEffects.cend(); ++it)
        sideEffects.insert(it.key(), it.value());
    QJsonArray anomalies;
    for (const Anomaly &a : verdict.anomalies)
        anomalies.append(
            QJsonObject{{QStringLiteral("type"), a.type},
                        {QStringLiteral("key"), a.key},
                        {QStringLiteral("count"), a.count},
                        {QStringLiteral("ledgerIds"), QJsonArray::fromStringList(a.ledgerIds)}});
    return QJsonObject{
        {QStringLiteral("scenario"), scenario.name},
        {QStringLiteral("settings"), scenario.settings.toJson()},
        {QStringLiteral("seed"), double(scenario.settings.seed)},
        {QStringLiteral("responses"), responses},
        {QStringLiteral("statusCounts"), statusCounts},
        {QStringLiteral("sideEffects"), sideEffects},
        {QStringLiteral("anomalies"), anomalies},
        {QStringLiteral("stuckKeys"), QJsonArray::fromStringList(verdict.stuckKeys)},
        {QStringLiteral("replicationConflicts"), verdict.replicationConflicts},
        {QStringLiteral("verdict"), verdict.summary()},
        {QStringLiteral("events"), events.size()},
    };
}

} // namespace idem
