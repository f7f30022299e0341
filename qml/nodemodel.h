#pragma once

#include "model/node.h"
#include "playback/scenestate.h"

#include <QAbstractListModel>
#include <QMap>
#include <QtQml/qqmlregistration.h>

namespace idem {

/// The nodes of the scene with what each server and client is doing at the playhead.
class NodeModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SceneModels")

public:
    enum Role
    {
        NodeIdRole = Qt::UserRole + 1,
        NameRole,
        KindRole,
        ClusterRole,
        IndexInGroupRole,
        GroupSizeRole,
        TasksRole,
        BusyRole,
        DownRole,      ///< crashed, or the cache while it is unreachable
        BackTextRole,  ///< while down: "back at t = 10.0 s"
        BackBriefRole, ///< …as short as a small box's line: "back 10.0 s"
    };
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setNodes(const QVector<Node> &nodes);
    /// What each server and client is doing now.
    void setActivity(const QVector<NodeActivity> &servers, const QVector<NodeActivity> &clients);
    /// When a down node comes back, in full and as short as a small box's line.
    struct BackTexts
    {
        QString full;
        QString brief;
        [[nodiscard]] bool operator==(const BackTexts &o) const
        {
            return full == o.full && brief == o.brief;
        }
        [[nodiscard]] bool operator!=(const BackTexts &o) const { return !(*this == o); }
    };
    /// Which nodes are down now, each with the words of when it comes back.
    void setDown(const QMap<int, BackTexts> &backTexts);

private:
    QVector<Node> m_nodes;
    QVector<NodeActivity> m_activity; // by node
    QMap<int, BackTexts> m_down;      // down node → "back at t = …"
};

} // namespace idem
