#pragma once

#include "playback/scenestate.h"

#include "rowlistmodel.h"

#include <QtQml/qqmlregistration.h>

namespace idem {

/// One DB's ledger rows at the playhead.
class LedgerModel : public RowListModel<LedgerRowView>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SceneModels")
    /// The first row of a key charged more than once, or -1: the list keeps it in view.
    Q_PROPERTY(int firstDuplicate READ firstDuplicate NOTIFY firstDuplicateChanged)

public:
    enum Role
    {
        LedgerIdRole = Qt::UserRole + 1,
        KeyRole,
        OriginRole,
        FromRole,
        ToRole,
        AmountRole,
        ReplicaRole,
        DuplicateRole,
    };
    using RowListModel::RowListModel;

    QHash<int, QByteArray> roleNames() const override;
    void setRows(const QVector<LedgerRowView> &rows);
    [[nodiscard]] int firstDuplicate() const { return m_firstDuplicate; }

signals:
    void firstDuplicateChanged();

protected:
    QVariant rowData(const LedgerRowView &r, int role) const override;

private:
    int m_firstDuplicate = -1;
    QVector<LedgerRowView> m_given; ///< the rows last given: the same data again is no change
};

} // namespace idem
