#pragma once

#include <QAbstractListModel>
#include <QVector>

#include <algorithm>

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

    /// Takes `rows`. The rows that look the same (`sameRow`) at the start and at the end stay;
    /// between them, rows are changed in place (dataChanged), and the extra ones inserted or
    /// removed: a view keeps the delegates of the rows that did not change (a large run adds
    /// a row or two per frame to lists of 10,000; a reset rebuilt every visible delegate).
    /// `liveRoles` (which change with the playhead, like a TTL) are announced for every row.
    template <typename SameRow>
    void assignRows(const QVector<Row> &rows, SameRow sameRow, const QList<int> &liveRoles = {})
    {
        const qsizetype oldCount = m_rows.size();
        const qsizetype newCount = rows.size();
        qsizetype head = 0;
        while (head < oldCount && head < newCount && sameRow(rows[head], m_rows[head]))
            ++head;
        qsizetype tail = 0;
        while (tail < oldCount - head && tail < newCount - head &&
               sameRow(rows[newCount - 1 - tail], m_rows[oldCount - 1 - tail]))
            ++tail;
        const qsizetype oldMiddle = oldCount - head - tail;
        const qsizetype newMiddle = newCount - head - tail;
        const qsizetype changed = std::min(oldMiddle, newMiddle);
        if (oldMiddle > newMiddle) {
            beginRemoveRows({}, int(head + changed), int(head + oldMiddle - 1));
            m_rows = rows;
            endRemoveRows();
        } else if (newMiddle > oldMiddle) {
            beginInsertRows({}, int(head + changed), int(head + newMiddle - 1));
            m_rows = rows;
            endInsertRows();
        } else {
            m_rows = rows;
        }
        if (changed > 0)
            emit dataChanged(index(int(head)), index(int(head + changed - 1)));
        if (!liveRoles.isEmpty() && !m_rows.isEmpty())
            emit dataChanged(index(0), index(int(m_rows.size()) - 1), liveRoles);
    }

    QVector<Row> m_rows;
};

} // namespace idem
