#pragma once

#include "model/runresult.h"
#include "playback/scenestate.h"

#include "rowlistmodel.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace idem {

/// The nodes of the scene with what each server and client is doing at the playhead.
class NodeModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SimulationController")

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
    };
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setNodes(const QVector<Node> &nodes);
    /// What each server and client is doing now.
    void setActivity(const QVector<NodeActivity> &servers, const QVector<NodeActivity> &clients);

private:
    QVector<Node> m_nodes;
    QVector<NodeActivity> m_activity; // by node
};

/// Messages in flight at the playhead.
class MessageModel : public RowListModel<MessageView>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SimulationController")

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

/// One DB's `idempotency_keys` rows at the playhead.
class KeyRowModel : public RowListModel<KeyRowView>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SimulationController")

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

/// One DB's ledger rows at the playhead.
class LedgerModel : public RowListModel<LedgerRowView>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SimulationController")
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
};

/// The shared cache's entries at the playhead.
class CacheModel : public RowListModel<CacheEntryView>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SimulationController")

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

/// Every event of the run (static per run): the timeline's and the inspector's source.
class EventModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SimulationController")

public:
    enum Role
    {
        TimeRole = Qt::UserRole + 1,
        TypeRole,
        FromRole,
        ToRole,
        StatusRole,
        LabelRole,
        CaptionRole,
        KeyRole,
        StartRole,
        EndRole,
        LostRole,
    };
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    void setRun(const RunResult *run);

private:
    const RunResult *m_run = nullptr;
};

} // namespace idem
