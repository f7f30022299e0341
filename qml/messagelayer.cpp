#include "messagelayer.h"

#include "scenemodels.h"

#include <QPainter>
#include <QQuickWindow>
#include <QSGGeometryNode>
#include <QSGImageNode>
#include <QSGRendererInterface>
#include <QSGVertexColorMaterial>

#include <cmath>

namespace idem {

namespace {

constexpr int segments = 14;      ///< triangles per disc: round enough at 20 px
constexpr qreal fallFactor = 3.6; ///< a lost message's drop, in dot sizes

// Where a ray from the centre of `r` towards `p` leaves `r`.
QPointF exitPoint(const QRectF &r, const QPointF &p)
{
    const QPointF c = r.center();
    const qreal dx = p.x() - c.x();
    const qreal dy = p.y() - c.y();
    if (dx == 0 && dy == 0)
        return c;
    const qreal sx = dx != 0 ? (r.width() / 2) / std::abs(dx) : qInf();
    const qreal sy = dy != 0 ? (r.height() / 2) / std::abs(dy) : qInf();
    const qreal s = std::min({sx, sy, qreal(1)});
    return {c.x() + dx * s, c.y() + dy * s};
}

using Vertex = QSGGeometry::ColoredPoint2D;

// Premultiplied, as QSGVertexColorMaterial expects.
void setColor(Vertex &v, const QColor &c, qreal opacity)
{
    const qreal a = c.alphaF() * opacity;
    v.r = uchar(std::lround(c.redF() * a * 255));
    v.g = uchar(std::lround(c.greenF() * a * 255));
    v.b = uchar(std::lround(c.blueF() * a * 255));
    v.a = uchar(std::lround(a * 255));
}

// Appends a disc as `segments` triangles.
Vertex *disc(Vertex *v, QPointF centre, qreal radius, const QColor &color, qreal opacity)
{
    Vertex proto{};
    setColor(proto, color, opacity);
    for (int i = 0; i < segments; ++i) {
        const qreal a0 = 2 * M_PI * i / segments;
        const qreal a1 = 2 * M_PI * (i + 1) / segments;
        const QPointF p[3] = {centre, centre + QPointF(std::cos(a0), std::sin(a0)) * radius,
                              centre + QPointF(std::cos(a1), std::sin(a1)) * radius};
        for (const QPointF &q : p) {
            *v = proto;
            v->x = float(q.x());
            v->y = float(q.y());
            ++v;
        }
    }
    return v;
}

} // namespace

MessageLayer::MessageLayer(QQuickItem *parent) : QQuickItem(parent)
{
    setFlag(ItemHasContents, true);
}

void MessageLayer::setModel(MessageModel *model)
{
    if (m_model == model)
        return;
    for (const auto &c : m_modelConnections)
        disconnect(c);
    m_modelConnections.clear();
    m_model = model;
    if (model) {
        const auto repaint = [this] { update(); };
        m_modelConnections = {
            connect(model, &QAbstractItemModel::modelReset, this, repaint),
            connect(model, &QAbstractItemModel::rowsInserted, this, repaint),
            connect(model, &QAbstractItemModel::rowsRemoved, this, repaint),
            connect(model, &QAbstractItemModel::dataChanged, this, repaint),
        };
    }
    update();
    emit modelChanged();
}

void MessageLayer::setNodeRects(const QVariantList &rects)
{
    if (rects == m_nodeRectsVariant)
        return;
    m_nodeRectsVariant = rects;
    m_nodeRects.clear();
    for (const QVariant &r : rects)
        m_nodeRects.append(r.toRectF());
    update();
    emit nodeRectsChanged();
}

void MessageLayer::setStatusColors(const QVariantMap &colors)
{
    if (colors == m_statusColorsVariant)
        return;
    m_statusColorsVariant = colors;
    m_statusColors.clear();
    for (auto it = colors.cbegin(); it != colors.cend(); ++it) {
        bool isNumber = false;
        const int status = it.key().toInt(&isNumber);
        if (isNumber)
            m_statusColors.insert(status, it.value().value<QColor>());
        else if (it.key() == QLatin1String("other"))
            m_otherColor = it.value().value<QColor>();
    }
    update();
    emit statusColorsChanged();
}

void MessageLayer::setHollowColor(const QColor &color)
{
    if (color == m_hollow)
        return;
    m_hollow = color;
    update();
    emit hollowColorChanged();
}

void MessageLayer::setHighlightColor(const QColor &color)
{
    if (color == m_highlight)
        return;
    m_highlight = color;
    update();
    emit highlightColorChanged();
}

void MessageLayer::setHighlightedEvent(int event)
{
    if (event == m_highlightedEvent)
        return;
    m_highlightedEvent = event;
    update();
    emit highlightedEventChanged();
}

void MessageLayer::setDotSize(qreal size)
{
    if (qFuzzyCompare(size, m_dotSize))
        return;
    m_dotSize = size;
    update();
    emit dotSizeChanged();
}

void MessageLayer::setDatabaseNodes(const QVariantList &nodes)
{
    if (nodes == m_databaseNodesVariant)
        return;
    m_databaseNodesVariant = nodes;
    m_databaseNodes.clear();
    for (const QVariant &n : nodes)
        m_databaseNodes.append(n.toInt());
    update();
    emit databaseNodesChanged();
}

void MessageLayer::setReplicationGap(const QRectF &gap)
{
    if (gap == m_replicationGap)
        return;
    m_replicationGap = gap;
    update();
    emit replicationGapChanged();
}

bool MessageLayer::isReplication(const MessageView &m) const
{
    return m.from != m.to && m_databaseNodes.contains(m.from) && m_databaseNodes.contains(m.to);
}

MessageLayer::Replications MessageLayer::replications() const
{
    Replications r;
    if (!m_model)
        return r;
    for (const MessageView &m : m_model->messages()) {
        if (!isReplication(m))
            continue;
        ++r.count;
        if (r.lead < 0 || m.event < r.lead)
            r.lead = m.event;
    }
    return r;
}

bool MessageLayer::isDrawn(const MessageView &m) const
{
    return !isReplication(m) || m.event == replications().lead;
}

QColor MessageLayer::colorFor(int status) const
{
    return m_statusColors.value(status, m_otherColor);
}

QPointF MessageLayer::dotCentre(const MessageView &m) const
{
    if (m.from < 0 || m.to < 0 || m.from >= m_nodeRects.size() || m.to >= m_nodeRects.size())
        return {-1000, -1000};
    const QRectF &source = m_nodeRects[m.from];
    const QRectF &target = m_nodeRects[m.to];
    QPointF a = exitPoint(source, target.center());
    QPointF b = exitPoint(target, source.center());
    // A replication rides in the gap between the two cluster frames only, as in the scene.
    const bool parked = isReplication(m) && !m_replicationGap.isEmpty();
    if (parked) {
        const bool down = source.center().y() < target.center().y();
        a.setY(down ? m_replicationGap.top() : m_replicationGap.bottom());
        b.setY(down ? m_replicationGap.bottom() : m_replicationGap.top());
    }
    const qreal len = std::hypot(b.x() - a.x(), b.y() - a.y());
    const qreal ux = len > 0 ? (b.x() - a.x()) / len : 1;
    const qreal uy = len > 0 ? (b.y() - a.y()) / len : 0;
    // As SceneView.tokenPosition: stop just outside both boxes, requests on one side of the
    // line and responses on the other; a parked replication wholly beside its line.
    const qreal w = m_dotSize;
    const qreal extent = std::abs(ux) * w / 2 + std::abs(uy) * w / 2 + 2;
    const bool roomy = len > 2 * extent;
    const qreal t = roomy ? std::clamp(m.progress, 0.0, 1.0) : 0.5;
    const qreal shorten = roomy ? extent : 0;
    const QPointF from = a + QPointF(ux, uy) * shorten;
    const QPointF to = b - QPointF(ux, uy) * shorten;
    // SceneView.sideOf: away from the other links at the end it is near.
    const qreal product = ux * uy;
    const qreal away = std::abs(product) > 0.02
                           ? (product > 0 ? 1 : -1) * std::clamp(1 - 2 * t, qreal(-1), qreal(1))
                           : (m.response ? 1 : -1);
    const qreal side = parked ? (uy < 0 ? -w : w) : away * w * 0.6;
    QPointF p = from + (to - from) * t + QPointF(-uy * side, ux * side);
    if (m.falling)
        p.ry() += fallFactor * w;
    return p;
}

QVariantMap MessageLayer::messageAt(const QPointF &point) const
{
    if (!m_model)
        return {};
    const QVector<MessageView> &messages = m_model->messages();
    const Replications crowd = replications();
    for (int i = int(messages.size()) - 1; i >= 0; --i) {
        const MessageView &m = messages[i];
        if (isReplication(m) && m.event != crowd.lead)
            continue;
        const QPointF c = dotCentre(m);
        const qreal r = m_dotSize * (m.event == m_highlightedEvent ? 0.8 : 0.5) + 2;
        if (std::hypot(point.x() - c.x(), point.y() - c.y()) <= r)
            return {{QStringLiteral("eventIndex"), m.event},
                    {QStringLiteral("label"), isReplication(m) && crowd.count > 1
                                                  ? tr("%1 rows replicating").arg(crowd.count)
                                                  : m.label},
                    {QStringLiteral("from"), m.from},
                    {QStringLiteral("to"), m.to},
                    {QStringLiteral("x"), c.x()},
                    {QStringLiteral("y"), c.y()}};
    }
    return {};
}

QVector<MessageLayer::Dot> MessageLayer::dots() const
{
    QVector<Dot> dots;
    if (!m_model)
        return dots;
    const QVector<MessageView> &messages = m_model->messages();
    dots.reserve(messages.size());
    const int lead = replications().lead;
    int lit = -1;
    for (const MessageView &m : messages) {
        if (isReplication(m) && m.event != lead)
            continue;
        const bool highlighted = m.event == m_highlightedEvent;
        const QColor tone = colorFor(m.status);
        Dot d;
        d.centre = dotCentre(m);
        d.radius = m_dotSize / 2 * (highlighted ? 1.6 : 1.0);
        d.edge = highlighted ? 3 : m.response ? 2 : 0;
        d.outer = highlighted ? m_highlight : tone;
        d.inner = m.response ? m_hollow : tone;
        d.opacity = m.falling ? 0.4 : 1.0;
        if (highlighted)
            lit = int(dots.size());
        dots.append(d);
    }
    if (lit >= 0) // on top of the crowd
        dots.append(dots.takeAt(lit));
    return dots;
}

QSGNode *MessageLayer::updatePaintNode(QSGNode *old, UpdatePaintNodeData *)
{
    const QVector<Dot> all = dots();
    // The software renderer (offscreen screenshots) draws no custom geometry: paint the
    // crowd into one image there instead.
    if (window()->rendererInterface()->graphicsApi() == QSGRendererInterface::Software)
        return paintedNode(static_cast<QSGImageNode *>(old), all);

    auto *node = static_cast<QSGGeometryNode *>(old);
    if (!node) {
        node = new QSGGeometryNode;
        auto *geometry = new QSGGeometry(QSGGeometry::defaultAttributes_ColoredPoint2D(), 0);
        geometry->setDrawingMode(QSGGeometry::DrawTriangles);
        node->setGeometry(geometry);
        node->setFlag(QSGNode::OwnsGeometry);
        node->setMaterial(new QSGVertexColorMaterial);
        node->setFlag(QSGNode::OwnsMaterial);
    }
    // Two discs per message: the ring (or highlight edge), then the fill.
    QSGGeometry *geometry = node->geometry();
    geometry->allocate(int(all.size()) * 2 * segments * 3);
    Vertex *v = geometry->vertexDataAsColoredPoint2D();
    for (const Dot &d : all) {
        v = disc(v, d.centre, d.radius, d.outer, d.opacity);
        v = disc(v, d.centre, d.radius - d.edge, d.inner, d.opacity);
    }
    node->markDirty(QSGNode::DirtyGeometry);
    return node;
}

QSGNode *MessageLayer::paintedNode(QSGImageNode *node, const QVector<Dot> &all)
{
    const qreal dpr = window()->effectiveDevicePixelRatio();
    QImage image((QSizeF(width(), height()) * dpr).toSize().expandedTo({1, 1}),
                 QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::transparent);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        for (const Dot &d : all) {
            p.setOpacity(d.opacity);
            p.setBrush(d.outer);
            p.drawEllipse(d.centre, d.radius, d.radius);
            p.setBrush(d.inner);
            p.drawEllipse(d.centre, d.radius - d.edge, d.radius - d.edge);
        }
    }
    if (!node) {
        node = window()->createImageNode();
        node->setOwnsTexture(true);
    }
    node->setTexture(window()->createTextureFromImage(image));
    node->setRect(boundingRect());
    return node;
}

} // namespace idem
