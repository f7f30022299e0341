#include "ledgermodel.h"

#include "accountnames.h"

#include <algorithm>

namespace idem {

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
    // A frame where the DB did not change hands over the same shared rows (a large run's
    // 20,000 rows compared one by one each frame otherwise).
    if (rows.isSharedWith(m_given) && rows.size() == m_rows.size())
        return;
    m_given = rows;
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

} // namespace idem
