#pragma once

#include <QAbstractListModel>
#include <QVector>

namespace idem {

/// The shape the scene's list models share: a vector of rows, one role switch per row type.
/// Subclasses declare Q_OBJECT, QML_ELEMENT, their roles and roleNames(), and rowData().
template <typename Row> class RowListModel : public QAbstractListModel
{
public:
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_rows.size())
            return {};
        return rowData(m_rows[index.row()], role);
    }

    [[nodiscard]] const QVector<Row> &rows() const { return m_rows; }

protected:
    [[nodiscard]] virtual QVariant rowData(const Row &row, int role) const = 0;

    /// Takes `rows`: a reset when their number changed or `sameRow` finds a row that shows
    /// differently; otherwise the rows are updated in place and only `liveRoles` (which
    /// change with the playhead, like a TTL) are announced.
    template <typename SameRow>
    void assignRows(const QVector<Row> &rows, SameRow sameRow, const QList<int> &liveRoles = {})
    {
        bool same = rows.size() == m_rows.size();
        for (int i = 0; same && i < rows.size(); ++i)
            same = sameRow(rows[i], m_rows[i]);
        if (!same) {
            beginResetModel();
            m_rows = rows;
            endResetModel();
            return;
        }
        m_rows = rows;
        if (!liveRoles.isEmpty() && !m_rows.isEmpty())
            emit dataChanged(index(0), index(int(m_rows.size()) - 1), liveRoles);
    }

    QVector<Row> m_rows;
};

} // namespace idem
