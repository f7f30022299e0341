#include "eventmodel.h"

#include "captiontext.h"

namespace idem {

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
