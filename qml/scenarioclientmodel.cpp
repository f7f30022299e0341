#include "scenarioclientmodel.h"

#include "model/node.h"

namespace idem {

QVariant ScenarioClientModel::rowData(const ClientSpec &c, int role) const
{
    switch (role) {
    case NameRole:
        return c.name;
    case RegionRole:
        return clusterName(c.region);
    }
    return {};
}

QHash<int, QByteArray> ScenarioClientModel::roleNames() const
{
    return {{NameRole, "name"}, {RegionRole, "region"}};
}

void ScenarioClientModel::setRows(const QVector<ClientSpec> &clients)
{
    assignRows(clients, [](const ClientSpec &a, const ClientSpec &b) {
        return a.name == b.name && a.region == b.region;
    });
}

} // namespace idem
