#include "cachemodel.h"

#include "timeline/durationtext.h"

namespace idem {

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

} // namespace idem
