#include "scenariorequestmodel.h"

#include "model/node.h"

namespace idem {

QString ScenarioRequestModel::targetText(const RequestSpec &r)
{
    if (r.cluster < 0)
        return r.server < 0 ? QStringLiteral("auto") : QStringLiteral("auto %1").arg(r.server + 1);
    return r.server < 0 ? clusterName(r.cluster)
                        : clusterName(r.cluster) + QString::number(r.server + 1);
}

QString ScenarioRequestModel::msText(qint64 us)
{
    return QString::number(double(us) / 1000.0, 'g', 12);
}

QVariant ScenarioRequestModel::rowData(const RequestRow &r, int role) const
{
    switch (role) {
    case IdRole:
        return r.spec.id;
    case ClientRole:
        return r.client;
    case ClientIndexRole:
        return r.spec.client;
    case AtUsRole:
        return double(r.spec.atUs);
    case AtMsRole:
        return msText(r.spec.atUs);
    case KeyRole:
        return r.spec.key.value_or(QString());
    case AmountRole:
        return double(r.spec.body.amount);
    case TargetRole:
        return targetText(r.spec);
    }
    return {};
}

QHash<int, QByteArray> ScenarioRequestModel::roleNames() const
{
    return {{IdRole, "requestId"},  {ClientRole, "client"}, {ClientIndexRole, "clientIndex"},
            {AtUsRole, "atUs"},     {AtMsRole, "atMs"},     {KeyRole, "key"},
            {AmountRole, "amount"}, {TargetRole, "target"}};
}

void ScenarioRequestModel::setRows(const Scenario &scenario)
{
    QVector<RequestRow> rows;
    rows.reserve(scenario.requests.size());
    for (const RequestSpec &r : scenario.requests)
        rows.append({r, scenario.clients.value(r.client).name});
    assignRows(rows, [](const RequestRow &a, const RequestRow &b) {
        return a.spec.id == b.spec.id && a.client == b.client && a.spec.atUs == b.spec.atUs &&
               a.spec.key == b.spec.key && a.spec.body.amount == b.spec.body.amount &&
               a.spec.cluster == b.spec.cluster && a.spec.server == b.spec.server;
    });
}

} // namespace idem
