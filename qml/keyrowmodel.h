#pragma once

#include "playback/scenestate.h"

#include "rowlistmodel.h"

#include <QtQml/qqmlregistration.h>

namespace idem {

/// One DB's `idempotency_keys` rows at the playhead.
class KeyRowModel : public RowListModel<KeyRowView>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SceneModels")

public:
    enum Role
    {
        KeyRole = Qt::UserRole + 1,
        StatusRole,
        OriginRole,
        ReplicaRole,
    };
    using RowListModel::RowListModel;

    QHash<int, QByteArray> roleNames() const override;
    void setRows(const QVector<KeyRowView> &rows);

protected:
    QVariant rowData(const KeyRowView &r, int role) const override;
};

} // namespace idem
