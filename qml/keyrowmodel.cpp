#include "keyrowmodel.h"

namespace idem {

namespace {

QString markName(KeyMark mark)
{
    switch (mark) {
    case KeyMark::None:
        return {};
    case KeyMark::TakenOver:
        return QStringLiteral("takenOver");
    case KeyMark::Fenced:
        return QStringLiteral("fenced");
    case KeyMark::Expired:
        return QStringLiteral("expired");
    case KeyMark::ClaimedAfterExpiry:
        return QStringLiteral("claimedAfterExpiry");
    }
    return {};
}

} // namespace

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
    case ScopeRole:
        return r.scope;
    case GenerationRole:
        return r.generation;
    case MarkRole:
        return markName(r.mark);
    }
    return {};
}

QHash<int, QByteArray> KeyRowModel::roleNames() const
{
    return {{KeyRole, "key"},         {StatusRole, "status"}, {OriginRole, "origin"},
            {ReplicaRole, "replica"}, {ScopeRole, "scope"},   {GenerationRole, "generation"},
            {MarkRole, "mark"}};
}

void KeyRowModel::setRows(const QVector<KeyRowView> &rows, const QVector<KeyRowView> &expired)
{
    // A frame where the DB did not change hands over the same shared rows (a large run's
    // 10,000 keys copied and compared one by one each frame otherwise).
    if (rows.isSharedWith(m_given) && expired.isSharedWith(m_givenExpired) &&
        rows.size() + expired.size() == m_rows.size())
        return;
    m_given = rows;
    m_givenExpired = expired;
    if (m_rowsInDb != rows.size()) {
        m_rowsInDb = int(rows.size());
        emit rowsInDbChanged();
    }
    assignRows(rows + expired, [](const KeyRowView &a, const KeyRowView &b) {
        return a.key == b.key && a.status == b.status && a.origin == b.origin &&
               a.replica == b.replica && a.scope == b.scope && a.generation == b.generation &&
               a.mark == b.mark;
    });
}

} // namespace idem
