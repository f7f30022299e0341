#pragma once

#include "playback/scenestate.h"

#include "rowlistmodel.h"

#include <QtQml/qqmlregistration.h>

namespace idem {

/// The shared cache's entries at the playhead.
class CacheModel : public RowListModel<CacheEntryView>
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
        TtlTextRole,
    };
    using RowListModel::RowListModel;

    QHash<int, QByteArray> roleNames() const override;
    void setEntries(const QVector<CacheEntryView> &entries, qint64 nowUs);

protected:
    QVariant rowData(const CacheEntryView &e, int role) const override;

private:
    qint64 m_now = 0;
};

} // namespace idem
