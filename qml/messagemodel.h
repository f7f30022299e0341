#pragma once

#include "playback/scenestate.h"

#include "rowlistmodel.h"

#include <QtQml/qqmlregistration.h>

namespace idem {

/// Messages in flight at the playhead.
class MessageModel : public RowListModel<MessageView>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SceneModels")

public:
    enum Role
    {
        FromRole = Qt::UserRole + 1,
        ToRole,
        ProgressRole,
        LabelRole,
        KeyRole,
        StatusRole,
        ResponseRole,
        FallingRole,
        EventRole,
    };
    using RowListModel::RowListModel;

    QHash<int, QByteArray> roleNames() const override;

    /// Removes the messages no longer in flight, inserts the new ones and updates the rest
    /// in place (`messages` in event order, as sceneAt gives them).
    void setMessages(const QVector<MessageView> &messages);
    [[nodiscard]] const QVector<MessageView> &messages() const { return m_rows; }

protected:
    QVariant rowData(const MessageView &m, int role) const override;
};

} // namespace idem
