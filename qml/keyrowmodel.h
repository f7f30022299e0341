#pragma once

#include "playback/scenestate.h"

#include "rowlistmodel.h"

#include <QtQml/qqmlregistration.h>

namespace idem {

/// One DB's `idempotency_keys` rows at the playhead, then the rows its reaper deleted
/// lately (mark "expired": greyed, no longer in the DB).
class KeyRowModel : public RowListModel<KeyRowView>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SceneModels")
    /// The rows really in the DB (the expired ones shown after them are not).
    Q_PROPERTY(int rowsInDb READ rowsInDb NOTIFY rowsInDbChanged FINAL)

public:
    enum Role
    {
        KeyRole = Qt::UserRole + 1,
        StatusRole,
        OriginRole,
        ReplicaRole,
        ScopeRole,      ///< under keyScope client: whose key ("Client 1"), else ""
        GenerationRole, ///< the lease generation: 1, 2 after a takeover, …
        MarkRole, ///< "", "takenOver", "fenced", "expired" (a reaped row), "claimedAfterExpiry"
    };
    using RowListModel::RowListModel;

    QHash<int, QByteArray> roleNames() const override;
    /// The DB's rows, then the rows its reaper deleted lately.
    void setRows(const QVector<KeyRowView> &rows, const QVector<KeyRowView> &expired = {});
    [[nodiscard]] int rowsInDb() const { return m_rowsInDb; }

signals:
    void rowsInDbChanged();

protected:
    QVariant rowData(const KeyRowView &r, int role) const override;

private:
    int m_rowsInDb = 0;
    /// The rows last given: the same data again is no change.
    QVector<KeyRowView> m_given;
    QVector<KeyRowView> m_givenExpired;
};

} // namespace idem
