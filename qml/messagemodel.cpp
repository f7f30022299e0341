#include "messagemodel.h"

namespace idem {

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
            // One pass over the rows for the whole block: inserting the messages one by one
            // moved every row after them each time (a large run has 10,000s in flight).
            QVector<MessageView> rows;
            rows.reserve(m_rows.size() + last - j + 1);
            rows.append(m_rows.constBegin(), m_rows.constBegin() + i);
            rows.append(messages.constBegin() + j, messages.constBegin() + last + 1);
            rows.append(m_rows.constBegin() + i, m_rows.constEnd());
            m_rows = std::move(rows);
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

} // namespace idem
