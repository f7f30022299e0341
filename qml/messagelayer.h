#pragma once

#include "playback/scenestate.h"
#include "scenemodels.h"

#include <QColor>
#include <QPointer>
#include <QQuickItem>
#include <QRectF>
#include <QSGImageNode>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace idem {

/// Every message in flight of a crowd (a burst of hundreds) as one scene-graph node: a
/// disc per message, filled for a request, a ring for a response, in its status colour.
/// One geometry node instead of hundreds of QML items keeps the animation smooth. Dots go
/// where the labelled tokens would (SceneView.tokenPosition): a replication between the
/// two databases is parked in the gap between the cluster frames, and many replications
/// in flight are drawn as one dot that says how many rows are replicating.
class MessageLayer : public QQuickItem
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(idem::MessageModel *model READ model WRITE setModel NOTIFY modelChanged)
    /// Node boxes in this item's coordinates, by node index.
    Q_PROPERTY(QVariantList nodeRects READ nodeRects WRITE setNodeRects NOTIFY nodeRectsChanged)
    /// Status → colour ("0" for requests without a status, "other" for the rest).
    Q_PROPERTY(
        QVariantMap statusColors READ statusColors WRITE setStatusColors NOTIFY statusColorsChanged)
    Q_PROPERTY(QColor hollowColor READ hollowColor WRITE setHollowColor NOTIFY hollowColorChanged)
    Q_PROPERTY(QColor highlightColor READ highlightColor WRITE setHighlightColor NOTIFY
                   highlightColorChanged)
    Q_PROPERTY(int highlightedEvent READ highlightedEvent WRITE setHighlightedEvent NOTIFY
                   highlightedEventChanged)
    Q_PROPERTY(qreal dotSize READ dotSize WRITE setDotSize NOTIFY dotSizeChanged)
    /// Node indices of the databases: a message from one to another is a replication.
    Q_PROPERTY(QVariantList databaseNodes READ databaseNodes WRITE setDatabaseNodes NOTIFY
                   databaseNodesChanged)
    /// The gap between the two cluster frames (its top and bottom matter), where
    /// replications ride.
    Q_PROPERTY(QRectF replicationGap READ replicationGap WRITE setReplicationGap NOTIFY
                   replicationGapChanged)

public:
    explicit MessageLayer(QQuickItem *parent = nullptr);

    [[nodiscard]] MessageModel *model() const { return m_model; }
    void setModel(MessageModel *model);
    [[nodiscard]] QVariantList nodeRects() const { return m_nodeRectsVariant; }
    void setNodeRects(const QVariantList &rects);
    [[nodiscard]] QVariantMap statusColors() const { return m_statusColorsVariant; }
    void setStatusColors(const QVariantMap &colors);
    [[nodiscard]] QColor hollowColor() const { return m_hollow; }
    void setHollowColor(const QColor &color);
    [[nodiscard]] QColor highlightColor() const { return m_highlight; }
    void setHighlightColor(const QColor &color);
    [[nodiscard]] int highlightedEvent() const { return m_highlightedEvent; }
    void setHighlightedEvent(int event);
    [[nodiscard]] qreal dotSize() const { return m_dotSize; }
    void setDotSize(qreal size);
    [[nodiscard]] QVariantList databaseNodes() const { return m_databaseNodesVariant; }
    void setDatabaseNodes(const QVariantList &nodes);
    [[nodiscard]] QRectF replicationGap() const { return m_replicationGap; }
    void setReplicationGap(const QRectF &gap);

    /// The message under `point` (topmost), as {eventIndex, label, from, to, x, y}; an
    /// empty map if there is none.
    Q_INVOKABLE QVariantMap messageAt(const QPointF &point) const;
    /// Where a dot of message `m` is drawn (its centre), for tests and hit-testing.
    [[nodiscard]] QPointF dotCentre(const MessageView &m) const;
    /// Whether `m` goes from one database to another (it is parked in the gap).
    [[nodiscard]] bool isReplication(const MessageView &m) const;
    /// Whether `m` is drawn: of several replications in flight only the first is, standing
    /// for them all.
    [[nodiscard]] bool isDrawn(const MessageView &m) const;

signals:
    void modelChanged();
    void nodeRectsChanged();
    void statusColorsChanged();
    void hollowColorChanged();
    void highlightColorChanged();
    void highlightedEventChanged();
    void dotSizeChanged();
    void databaseNodesChanged();
    void replicationGapChanged();

protected:
    QSGNode *updatePaintNode(QSGNode *old, UpdatePaintNodeData *) override;

private:
    /// A message as drawn: a disc of `outer` with a disc of `inner` inside (a ring when
    /// they differ).
    struct Dot
    {
        QPointF centre;
        qreal radius = 0;
        qreal edge = 0;
        QColor outer;
        QColor inner;
        qreal opacity = 1;
    };
    [[nodiscard]] QVector<Dot> dots() const;
    QSGNode *paintedNode(QSGImageNode *node, const QVector<Dot> &all);
    [[nodiscard]] QColor colorFor(int status) const;
    /// The replications in flight: how many, and the event of the first (-1: none).
    struct Replications
    {
        int count = 0;
        int lead = -1;
    };
    [[nodiscard]] Replications replications() const;

    QPointer<MessageModel> m_model;
    QVector<QMetaObject::Connection> m_modelConnections;
    QVariantList m_nodeRectsVariant;
    QVector<QRectF> m_nodeRects;
    QVariantMap m_statusColorsVariant;
    QHash<int, QColor> m_statusColors;
    QColor m_otherColor = Qt::gray;
    QColor m_hollow = Qt::white;
    QColor m_highlight = QColor(0x00, 0x72, 0xB2);
    int m_highlightedEvent = -1;
    qreal m_dotSize = 11;
    QVariantList m_databaseNodesVariant;
    QVector<int> m_databaseNodes;
    QRectF m_replicationGap;
};

} // namespace idem
