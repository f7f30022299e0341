#include "nodemodel.h"

namespace idem {

int NodeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_nodes.size());
}

QVariant NodeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_nodes.size())
        return {};
    const Node &n = m_nodes[index.row()];
    switch (role) {
    case NodeIdRole:
        return n.id;
    case NameRole:
        return n.name;
    case KindRole:
        return nodeKindName(n.kind);
    case ClusterRole:
        return n.cluster;
    case IndexInGroupRole:
    case GroupSizeRole: {
        int position = 0;
        int size = 0;
        for (int i = 0; i < m_nodes.size(); ++i) {
            if (m_nodes[i].kind == n.kind && m_nodes[i].cluster == n.cluster) {
                if (i < index.row())
                    ++position;
                ++size;
            }
        }
        return role == IndexInGroupRole ? position : size;
    }
    case TasksRole:
        return m_activity.value(index.row()).tasks;
    case BusyRole:
        return m_activity.value(index.row()).busy;
    case DownRole:
        return m_down.contains(index.row());
    case BackTextRole:
        return m_down.value(index.row()).full;
    case BackBriefRole:
        return m_down.value(index.row()).brief;
    }
    return {};
}

QHash<int, QByteArray> NodeModel::roleNames() const
{
    return {{NodeIdRole, "nodeId"},
            {NameRole, "name"},
            {KindRole, "kind"},
            {ClusterRole, "cluster"},
            {IndexInGroupRole, "indexInGroup"},
            {GroupSizeRole, "groupSize"},
            {TasksRole, "tasks"},
            {BusyRole, "busy"},
            {DownRole, "down"},
            {BackTextRole, "backText"},
            {BackBriefRole, "backBrief"}};
}

void NodeModel::setNodes(const QVector<Node> &nodes)
{
    bool same = nodes.size() == m_nodes.size();
    for (int i = 0; same && i < nodes.size(); ++i)
        same = nodes[i].id == m_nodes[i].id && nodes[i].name == m_nodes[i].name;
    if (same)
        return;
    beginResetModel();
    m_nodes = nodes;
    m_activity = QVector<NodeActivity>(nodes.size());
    m_down.clear();
    endResetModel();
}

void NodeModel::setActivity(const QVector<NodeActivity> &servers,
                            const QVector<NodeActivity> &clients)
{
    QVector<NodeActivity> activity(m_nodes.size());
    for (const QVector<NodeActivity> *views : {&servers, &clients})
        for (const NodeActivity &v : *views)
            if (v.node >= 0 && v.node < activity.size())
                activity[v.node] = v;
    for (int i = 0; i < activity.size(); ++i) {
        if (activity[i].tasks != m_activity[i].tasks || activity[i].busy != m_activity[i].busy) {
            m_activity[i] = activity[i];
            emit dataChanged(index(i), index(i), {TasksRole, BusyRole});
        }
    }
}

void NodeModel::setDown(const QMap<int, BackTexts> &backTexts)
{
    if (backTexts == m_down)
        return;
    const QMap<int, BackTexts> before = m_down;
    m_down = backTexts;
    for (int i = 0; i < m_nodes.size(); ++i)
        if (before.contains(i) != m_down.contains(i) || before.value(i) != m_down.value(i))
            emit dataChanged(index(i), index(i), {DownRole, BackTextRole, BackBriefRole});
}

} // namespace idem
