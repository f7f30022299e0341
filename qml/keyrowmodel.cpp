#include "keyrowmodel.h"

namespace idem {

QVariant KeyRowModel::rowData(const KeyRowView &r, int role) const
{
    switch (role) {
    case KeyRole:
        return r.key;
    case StatusRole:
        return r.status;
    case OriginRole:
        return clusterName(r.origin);
    case ReplicaRole:
        return r.replica;
    }
    return {};
}

QHash<int, QByteArray> KeyRowModel::roleNames() const
{
    return {
        {KeyRole, "key"}, {StatusRole, "status"}, {OriginRole, "origin"}, {ReplicaRole, "replica"}};
}

void KeyRowModel::setRows(const QVector<KeyRowView> &rows)
{
    assignRows(rows, [](const KeyRowView &a, const KeyRowView &b) {
        return a.key == b.key && a.status == b.status && a.origin == b.origin &&
               a.replica == b.replica;
    });
}

} // namespace idem
