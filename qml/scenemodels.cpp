#include "scenemodels.h"

#include "accountnames.h"
#include "captiontext.h"

#include <algorithm>

#include "timeline/durationtext.h"

namespace idem {

// ----------------------------------------------------------------------------- NodeModel

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
            {BusyRole, "busy"}};
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

// ----------------------------------------------------------------------------- MessageModel

QVariant MessageModel::rowData(const MessageView &m, int role) const
{
    switch (role) {
    case FromRole:
        return m.from;
    case ToRole:
        return m.to;
    case ProgressRole:
        return m.progress;
    case LabelRole:
        return m.label;
    case KeyRole:
        return m.key;
    case StatusRole:
        return m.status;
    case ResponseRole:
        return m.response;
    case FallingRole:
        return m.falling;
    case EventRole:
        return m.event;
    }
    return {};
}

QHash<int, QByteArray> MessageModel::roleNames() const
{
    return {{FromRole, "from"},         {ToRole, "to"},           {ProgressRole, "progress"},
            {LabelRole, "label"},       {KeyRole, "key"},         {StatusRole, "status"},
            {ResponseRole, "response"}, {FallingRole, "falling"}, {EventRole, "eventIndex"}};
}

void MessageModel::setMessages(const QVector<MessageView> &messages)
{
    // Both lists are in event order (one message per event at a time): merge them, removing
    // the messages that arrived and inserting the ones sent since, so that the delegates of
    // messages still in flight live on and only move.
    const auto sameLook = [](const MessageView &a, const MessageView &b) {
        return a.from == b.from && a.to == b.to && a.label == b.label && a.key == b.key &&
               a.status == b.status && a.response == b.response && a.falling == b.falling;
    };
    int i = 0;
    int j = 0;
    while (i < m_rows.size() || j < messages.size()) {
        if (j == messages.size() || (i < m_rows.size() && m_rows[i].event < messages[j].event)) {
            int last = i;
            while (last + 1 < m_rows.size() &&
                   (j == messages.size() || m_rows[last + 1].event < messages[j].event))
                ++last;
            beginRemoveRows({}, i, last);
            m_rows.remove(i, last - i + 1);
            endRemoveRows();
        } else if (i == m_rows.size() || messages[j].event < m_rows[i].event) {
            int last = j;
            while (last + 1 < messages.size() &&
                   (i == m_rows.size() || messages[last + 1].event < m_rows[i].event))
                ++last;
            beginInsertRows({}, i, i + last - j);
            for (int k = j; k <= last; ++k)
                m_rows.insert(i + k - j, messages[k]);
            endInsertRows();
            i += last - j + 1;
            j = last + 1;
        } else {
            const bool looksSame = sameLook(m_rows[i], messages[j]);
            m_rows[i] = messages[j];
            if (!looksSame)
                emit dataChanged(index(i), index(i));
            ++i;
            ++j;
        }
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), {ProgressRole});
}

// ----------------------------------------------------------------------------- KeyRowModel

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

// ----------------------------------------------------------------------------- LedgerModel

QVariant LedgerModel::rowData(const LedgerRowView &r, int role) const
{
    switch (role) {
    case LedgerIdRole:
        return r.id;
    case KeyRole:
        return r.key;
    case OriginRole:
        return clusterName(r.origin);
    case FromRole:
        return AccountNames::display(r.fromAcct);
    case ToRole:
        return AccountNames::display(r.toAcct);
    case AmountRole:
        return double(r.amount);
    case ReplicaRole:
        return r.replica;
    case DuplicateRole:
        return r.duplicate;
    }
    return {};
}

QHash<int, QByteArray> LedgerModel::roleNames() const
{
    return {{LedgerIdRole, "ledgerId"}, {KeyRole, "key"},
            {OriginRole, "origin"},     {FromRole, "fromAcct"},
            {ToRole, "toAcct"},         {AmountRole, "amount"},
            {ReplicaRole, "replica"},   {DuplicateRole, "duplicate"}};
}

void LedgerModel::setRows(const QVector<LedgerRowView> &rows)
{
    assignRows(rows, [](const LedgerRowView &a, const LedgerRowView &b) {
        return a.id == b.id && a.duplicate == b.duplicate && a.replica == b.replica;
    });
    const auto it = std::find_if(m_rows.cbegin(), m_rows.cend(),
                                 [](const LedgerRowView &r) { return r.duplicate; });
    const int first = it == m_rows.cend() ? -1 : int(it - m_rows.cbegin());
    if (first != m_firstDuplicate) {
        m_firstDuplicate = first;
        emit firstDuplicateChanged();
    }
}

// ----------------------------------------------------------------------------- CacheModel

QVariant CacheModel::rowData(const CacheEntryView &e, int role) const
{
    switch (role) {
    case KeyRole:
        return e.key;
    case StatusRole:
        return e.status;
    case OriginRole:
        return clusterName(e.origin);
    case TtlTextRole:
        return durationText(e.expiresUs - m_now);
    }
    return {};
}

QHash<int, QByteArray> CacheModel::roleNames() const
{
    return {
        {KeyRole, "key"}, {StatusRole, "status"}, {OriginRole, "origin"}, {TtlTextRole, "ttlText"}};
}

void CacheModel::setEntries(const QVector<CacheEntryView> &entries, qint64 nowUs)
{
    m_now = nowUs;
    assignRows(entries,
               [](const CacheEntryView &a, const CacheEntryView &b) {
                   return a.key == b.key && a.status == b.status && a.origin == b.origin;
               },
               {TtlTextRole});
}

// ----------------------------------------------------------------------------- EventModel

int EventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_run ? 0 : int(m_run->events.size());
}

QVariant EventModel::data(const QModelIndex &index, int role) const
{
    if (!m_run || !index.isValid() || index.row() >= m_run->events.size())
        return {};
    const Event &e = m_run->events[index.row()];
    switch (role) {
    case TimeRole:
        return double(e.t);
    case TypeRole:
        return eventTypeName(e.type);
    case FromRole:
        return e.from;
    case ToRole:
        return e.to;
    case StatusRole:
        return e.status;
    case LabelRole:
        return e.label;
    case CaptionRole:
        return displayCaption(*m_run, index.row());
    case KeyRole:
        return e.key;
    case StartRole:
        return double(e.startUs);
    case EndRole:
        return double(e.endUs);
    case LostRole:
        return e.lost;
    }
    return {};
}

QHash<int, QByteArray> EventModel::roleNames() const
{
    return {{TimeRole, "time"},       {TypeRole, "type"},     {FromRole, "from"},
            {ToRole, "to"},           {StatusRole, "status"}, {LabelRole, "label"},
            {CaptionRole, "caption"}, {KeyRole, "key"},       {StartRole, "startUs"},
            {EndRole, "endUs"},       {LostRole, "lost"}};
}

void EventModel::setRun(const RunResult *run)
{
    beginResetModel();
    m_run = run;
    endResetModel();
}

} // namespace idem
