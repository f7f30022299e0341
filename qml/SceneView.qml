import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// The animated scene: clients on the left, the router, cluster A above cluster B (servers
// and DB each), the shared cache and the legend on the right, the replication link between
// the DBs, and the messages in flight on top. Above it all, the scenario's title, or the
// anomaly banner once a key has been charged twice.
Rectangle {
    id: scene

    required property SimulationController controller
    /// The Live switch's controller, for the LIVE strip (null: no live mode).
    property LiveController live: null

    /// Right-click on a server, the cache or the replication link: `target` is its node id or
    /// "replication-link", (`x`, `y`) where on `item` the menu opens.
    signal faultMenuRequested(string target, string name, Item item, real x, real y)

    /// Bumped when node items come and go, so bindings that look nodes up re-run.
    property int revision: 0
    /// The token under the mouse, for the shared tooltip.
    property Item hoveredToken: null
    readonly property var nodeItems: {
        revision; // dependency
        const items = []
        for (let i = 0; i < nodeRepeater.count; ++i)
            items.push(nodeRepeater.itemAt(i))
        return items
    }

    function nodeAt(index) {
        return nodeRepeater.itemAt(index)
    }

    /// Past ~60 messages in flight labels only pile up into noise (and cost a text layout
    /// each): messages become coloured dots until the crowd thins out again.
    property bool denseMessages: false
    function countMessages() {
        const n = controller.models.messages.rowCount()
        if (!denseMessages && n > 60)
            denseMessages = true
        else if (denseMessages && n < 40)
            denseMessages = false
    }
    Connections {
        target: scene.controller.models.messages
        function onModelReset() { scene.countMessages() }
        function onRowsInserted() { scene.countMessages() }
        function onRowsRemoved() { scene.countMessages() }
    }

    /// The straight line a message travels from node `from` to node `to`: between the two
    /// boxes' edges, with its direction. Cached per link (hundreds of tokens share a few
    /// links) and recomputed when the layout changes.
    property var linkCache: ({})
    property int geometryRevision: 0
    function invalidateLinks() {
        linkCache = {}
        ++geometryRevision
    }
    Connections {
        target: geometry
        function onNodeMoved() { scene.invalidateLinks() }
    }
    onRevisionChanged: invalidateLinks()

    function link(from, to, rev) {
        const key = from * 4096 + to
        let l = linkCache[key]
        if (l)
            return l
        const source = nodeRepeater.itemAt(from)
        const target = nodeRepeater.itemAt(to)
        if (!source || !target)
            return null
        const ca = Qt.point(source.x + source.width / 2, source.y + source.height / 2)
        const cb = Qt.point(target.x + target.width / 2, target.y + target.height / 2)
        const a = exitPoint(source, cb)
        const b = exitPoint(target, ca)
        // Replication (DB to DB across the clusters) rides in the gap between the two
        // cluster frames only, on the side of the line away from its "lag" label, so a
        // row waiting out a long lag is parked off both frames.
        const across = source.kind === "database" && target.kind === "database"
                && source.cluster !== target.cluster
        if (across) {
            const upper = geometry.clusterRect(Math.min(source.cluster, target.cluster))
            const lower = geometry.clusterRect(Math.max(source.cluster, target.cluster))
            const top = upper.y + upper.height
            const bottom = lower.y
            a.y = source.cluster < target.cluster ? top : bottom
            b.y = source.cluster < target.cluster ? bottom : top
        }
        const len = Math.hypot(b.x - a.x, b.y - a.y)
        l = { ax: a.x, ay: a.y, bx: b.x, by: b.y, len: len, parked: across,
              ux: len > 0 ? (b.x - a.x) / len : 1, uy: len > 0 ? (b.y - a.y) / len : 0 }
        linkCache[key] = l
        return l
    }

    /// Where a token of size w×h is at `progress` along link `l`: it starts and stops just
    /// outside the two boxes so it never hides a node's text; requests ride on one side of
    /// the line, responses on the other, so a request and its answer never cover each other.
    function tokenPosition(l, progress, response, w, h) {
        if (!l)
            return Qt.point(-1000, -1000)
        const extent = tokenExtent(l, w, h)
        const t = l.len > 2 * extent ? Math.max(0, Math.min(1, progress)) : 0.5
        const shorten = l.len > 2 * extent ? extent : 0
        const ax = l.ax + l.ux * shorten
        const ay = l.ay + l.uy * shorten
        const bx = l.bx - l.ux * shorten
        const by = l.by - l.uy * shorten
        // A parked replication sits wholly left of its (vertical) line.
        const side = l.parked ? Math.sign(l.uy) * (w / 2 + 6 * Theme.scale)
                              : sideOf(l, response, t) * h * 0.6
        return Qt.point(ax + (bx - ax) * t - l.uy * side, ay + (by - ay) * t + l.ux * side)
    }

    /// Which side of link `l` a token rides on at `progress` (+1 or -1 times the line's
    /// normal, or in between): away from the other links at the end it is near, so two
    /// answers leaving the router for two clients spread apart, and so do two queries
    /// arriving at one DB (it crosses its line halfway). Level and upright lines: requests
    /// on one side, responses on the other.
    function sideOf(l, response, progress) {
        const product = l.ux * l.uy
        if (Math.abs(product) > 0.02)
            return (product > 0 ? 1 : -1) * Math.max(-1, Math.min(1, 1 - 2 * progress))
        return response ? 1 : -1
    }

    /// Half a w×h token's length along link `l`, plus a margin.
    function tokenExtent(l, w, h) {
        return Math.abs(l.ux) * w / 2 + Math.abs(l.uy) * h / 2 + 2
    }

    /// Whether a w×h token fits between the two boxes of link `l`; one that does not is
    /// drawn as a small dot (its label in the tooltip) instead of covering the boxes' titles.
    function tokenFits(l, w, h) {
        return l !== null && l.len > 2 * tokenExtent(l, w, h)
    }

    /// Where a w×h token that does not fit between the boxes of link `l` can sit whole
    /// instead: beside the middle of its line, pushed out sideways until it clears both
    /// boxes, on the side `preferred` (+1 or -1 times the line's normal) first, and only
    /// where it covers no box, cluster title or the header. null: nowhere (it becomes a dot).
    function besidePosition(l, w, h, preferred, rev) {
        if (!l || l.parked)
            return null
        const margin = Math.round(3 * Theme.scale)
        const obstacles = nodeRects(rev).concat([
            Qt.rect(0, 0, stage.width, geometry.bodyTop),
            Qt.rect(geometry.clusterX, geometry.clusterY(0), geometry.clusterWidth, geometry.clusterHeaderHeight),
            Qt.rect(geometry.clusterX, geometry.clusterY(1), geometry.clusterWidth, geometry.clusterHeaderHeight)])
        if (legend.visible)
            obstacles.push(geometry.legendRect)
        const clear = (cx, cy) => {
            if (cx - w / 2 < 0 || cy - h / 2 < 0 || cx + w / 2 > stage.width || cy + h / 2 > stage.height)
                return false
            for (const r of obstacles) {
                if (cx + w / 2 + margin > r.x && cx - w / 2 - margin < r.x + r.width
                        && cy + h / 2 + margin > r.y && cy - h / 2 - margin < r.y + r.height)
                    return false
            }
            return true
        }
        const mx = (l.ax + l.bx) / 2
        const my = (l.ay + l.by) / 2
        const step = Math.max(2, Math.round(3 * Theme.scale))
        for (const side of [preferred, -preferred]) {
            const nx = -l.uy * side
            const ny = l.ux * side
            for (let d = h / 2; d <= 4 * h + w; d += step) {
                if (clear(mx + nx * d, my + ny * d))
                    return Qt.point(mx + nx * d, my + ny * d)
            }
        }
        return null
    }

    /// Replications in flight, by event index: with more than one, the first token says
    /// how many rows are replicating and the others hide, instead of piling up.
    property var replicationEvents: []
    function addReplication(eventIndex) {
        if (replicationEvents.indexOf(eventIndex) < 0)
            replicationEvents = replicationEvents.concat([eventIndex])
    }
    function removeReplication(eventIndex) {
        replicationEvents = replicationEvents.filter(e => e !== eventIndex)
    }
    readonly property int leadReplication: replicationEvents.length > 0
                                           ? Math.min.apply(null, replicationEvents) : -1

    // Where a ray from the centre of rectangle `r` towards point `p` leaves it.
    /// Every node's box, by node index, for the C++ message layer.
    function nodeRects(rev) {
        const rects = []
        for (let i = 0; i < nodeRepeater.count; ++i) {
            const n = nodeRepeater.itemAt(i)
            rects.push(n ? Qt.rect(n.x, n.y, n.width, n.height) : Qt.rect(0, 0, 0, 0))
        }
        return rects
    }

    /// The node indices of the databases, for the message layer's replications.
    function databaseNodes(rev) {
        const list = []
        for (let i = 0; i < nodeRepeater.count; ++i) {
            const n = nodeRepeater.itemAt(i)
            if (n && n.kind === "database")
                list.push(i)
        }
        return list
    }

    function exitPoint(r, p) {
        const cx = r.x + r.width / 2
        const cy = r.y + r.height / 2
        const dx = p.x - cx
        const dy = p.y - cy
        if (dx === 0 && dy === 0)
            return Qt.point(cx, cy)
        const sx = dx !== 0 ? (r.width / 2) / Math.abs(dx) : Infinity
        const sy = dy !== 0 ? (r.height / 2) / Math.abs(dy) : Infinity
        const s = Math.min(sx, sy, 1)
        return Qt.point(cx + dx * s, cy + dy * s)
    }

    /// One shared fall (0..1) for lost messages; restarted for each new lost message only,
    /// as its token is recreated whenever the set of messages in flight changes.
    property real fallPhase: 1
    property int fallingEvent: -1
    NumberAnimation {
        id: fallAnimation
        target: scene
        property: "fallPhase"
        from: 0
        to: 1
        duration: 700
        easing.type: Easing.OutQuad
    }
    function startFall(eventIndex) {
        if (eventIndex === fallingEvent)
            return
        fallingEvent = eventIndex
        fallAnimation.restart()
    }

    property int hoveredEvent: -1
    function hoverAt(p) {
        let token = null
        if (denseMessages && p.x >= 0) {
            const m = dotLayer.messageAt(p)
            if (m.eventIndex !== undefined) {
                dotProxy.eventIndex = m.eventIndex
                dotProxy.label = m.label
                dotProxy.from = m.from
                dotProxy.to = m.to
                dotProxy.x = m.x - dotProxy.width / 2
                dotProxy.y = m.y - dotProxy.height / 2
                token = dotProxy
            }
        }
        for (let i = tokenLayer.children.length - 1; i >= 0 && p.x >= 0 && !denseMessages; --i) {
            const t = tokenLayer.children[i]
            if (t !== dotProxy && t.visible && t.eventIndex !== undefined && p.x >= t.x && p.x <= t.x + t.width
                    && p.y >= t.y && p.y <= t.y + t.height) {
                token = t
                break
            }
        }
        hoveredToken = token
        const event = token ? token.eventIndex : -1
        if (event !== hoveredEvent) {
            if (event >= 0 || controller.playback.highlightedEvent === hoveredEvent)
                controller.playback.highlightedEvent = event
            hoveredEvent = event
        }
    }
    // Tokens are recreated as messages come and go: find the one under a still pointer again.
    onHoveredTokenChanged: if (!hoveredToken && tokenHover.hovered) Qt.callLater(rehover)
    function rehover() {
        hoverAt(tokenHover.point.position)
    }

    function bumpRevision() {
        ++revision
    }

    function nodeName(index) {
        const n = nodeRepeater.itemAt(index)
        return n ? n.name : ""
    }

    radius: Theme.radius + 2
    color: Theme.panel
    border.width: 1
    border.color: Theme.border

    // The header: the title with up to two lines of description where the height allows
    // (the live strip always takes its two lines), or, short of room, a one-line strip as
    // tall as the anomaly banner's headline (the description then in the title's tooltip).
    readonly property real descriptionLine: Theme.fontSize * 1.4
    readonly property real bannerOnlyHeader: Math.round(Theme.bannerFont * 1.25 + 6 * Theme.scale)
    readonly property int descriptionLines: {
        if (controller.session.liveRecord)
            return 1
        const titleLine = Theme.titleFont * 1.3 + 4 * Theme.scale
        const spare = height - (dense ? geometry.denseBodyHeight + titleLine
                                      : geometry.comfortableHeight - descriptionLine)
        const allowed = Math.max(0, Math.min(2, Math.floor(spare / descriptionLine)))
        const wide = descriptionMetrics.advanceWidth > width - 2 * geometry.pad
        return Math.min(allowed, wide ? 2 : 1)
    }
    readonly property real headerHeight: descriptionLines === 0 ? bannerOnlyHeader
        : Math.round(Theme.titleFont * 1.3 + descriptionLines * descriptionLine + 4 * Theme.scale)
    TextMetrics {
        id: descriptionMetrics
        font.pixelSize: Theme.fontSize
        text: sceneHeader.description
    }

    /// The height the scene's comfortable form needs (at the current text size).
    readonly property real comfortableHeight: geometry.comfortableHeight
    /// Short of room for the comfortable form: the dense (shorter) or narrow one, at the
    /// text size asked for.
    readonly property bool dense: height < geometry.comfortableHeight
    readonly property bool narrow: width < geometry.comfortableWidth
    /// Below even the dense form's size the scene is laid out larger and scaled down to fit,
    /// but its text never ends smaller than at text scale 1.
    readonly property real fit: Math.max(Math.min(1, 1 / Theme.textScale),
                                         Math.min(1, width / geometry.minimumWidth,
                                                  height / geometry.minimumHeight))

    Item {
        id: stage
        width: scene.width / scene.fit
        height: scene.height / scene.fit
        scale: scene.fit
        transformOrigin: Item.TopLeft

        SceneLayout {
            id: geometry
            width: stage.width
            height: stage.height
            scale: Theme.scale
            dense: scene.dense
            narrow: scene.narrow
            headerHeight: scene.headerHeight
            legendFullHeight: fullLegend.implicitHeight
            legendCompactHeight: compactLegend.implicitHeight
        }
        // The legend's two forms, measured only (the shown one picks its form from them).
        Legend {
            id: fullLegend
            visible: false
            width: geometry.legendRect.width
        }
        Legend {
            id: compactLegend
            visible: false
            compact: true
            width: geometry.legendRect.width
        }

        ClusterPanel {
            readonly property rect r: geometry.clusterRect(0)
            headerHeight: geometry.clusterHeaderHeight
            x: r.x; y: r.y; width: r.width; height: r.height
            title: qsTr("Cluster A")
            lockText: scene.controller.text.lockTextA
        }
        ClusterPanel {
            readonly property rect r: geometry.clusterRect(1)
            headerHeight: geometry.clusterHeaderHeight
            x: r.x; y: r.y; width: r.width; height: r.height
            title: qsTr("Cluster B")
            lockText: scene.controller.text.lockTextB
        }

        SceneEdges {
            anchors.fill: parent
            nodes: scene.nodeItems
            cacheOn: scene.controller.session.settings.cache
            direct: scene.controller.session.liveRecord
            clusterRects: [geometry.clusterRect(0), geometry.clusterRect(1)]
        }

        ReplicationLink {
            id: replicationLink
            anchors.fill: parent
            lineX: geometry.dbX + geometry.dbWidth / 2
            lineTop: geometry.contentY(0) + geometry.contentHeight
            lineBottom: geometry.contentY(1)
            lagMs: scene.controller.session.settings.lagMs
            onFaultMenuRequested: (x, y) => scene.faultMenuRequested("replication-link",
                                                                     qsTr("the replication link"), replicationLink, x, y)
        }

        Repeater {
            id: nodeRepeater
            model: scene.controller.models.nodes
            delegate: SceneNode {
                id: sceneNode
                layout: geometry
                controller: scene.controller
                onFaultMenuRequested: (x, y) => scene.faultMenuRequested(
                                    nodeId, kind === "cache" ? qsTr("the shared cache") : name, sceneNode, x, y)
            }
            onItemAdded: Qt.callLater(scene.bumpRevision)
            onItemRemoved: Qt.callLater(scene.bumpRevision)
        }

        Legend {
            x: geometry.legendRect.x
            y: geometry.legendRect.y
            width: geometry.legendRect.width
            visible: geometry.legendShown
            compact: !geometry.legendFullFits
            id: legend
        }

        Item {
            id: tokenLayer
            // Messages above every node.
            anchors.fill: parent
            z: 5
            Repeater {
                id: labelledTokens
                model: scene.denseMessages ? null : scene.controller.models.messages
                delegate: MessageToken {
                    view: scene
                    controller: scene.controller
                }
            }
            // A crowd is drawn by one C++ item: hundreds of QML items would not keep up.
            MessageLayer {
                id: dotLayer
                anchors.fill: parent
                visible: scene.denseMessages
                model: scene.denseMessages ? scene.controller.models.messages : null
                nodeRects: scene.nodeRects(scene.geometryRevision)
                databaseNodes: scene.databaseNodes(scene.geometryRevision)
                replicationGap: {
                    const upper = geometry.clusterRect(0)
                    const lower = geometry.clusterRect(1)
                    return Qt.rect(upper.x, upper.y + upper.height, upper.width,
                                   lower.y - upper.y - upper.height)
                }
                statusColors: ({ "0": Theme.request, "200": Theme.status200,
                                 "201": Theme.status201, "400": Theme.status400,
                                 "409": Theme.status409, "422": Theme.status422,
                                 "other": Theme.statusOther })
                hollowColor: Theme.panel
                highlightColor: Theme.accent
                highlightedEvent: scene.controller.playback.highlightedEvent
                dotSize: Math.round(11 * Theme.scale)
            }
            // Stands in for a dot under the pointer, so the tooltip has an item to sit on.
            Item {
                id: dotProxy
                property int eventIndex: -1
                property string label
                property int from: -1
                property int to: -1
                width: dotLayer.dotSize
                height: width
            }

            // One hover handler for all tokens (cheaper than one per token): the token under
            // the pointer highlights its event, here and in the timeline.
            HoverHandler {
                id: tokenHover
                onPointChanged: scene.hoverAt(point.position)
                onHoveredChanged: if (!hovered) scene.hoverAt(Qt.point(-1, -1))
            }
        }

        SceneHeader {
            id: sceneHeader
            x: geometry.pad
            y: geometry.headerY
            width: stage.width - 2 * geometry.pad
            height: geometry.headerHeight
            visible: !banner.visible && !liveStrip.visible
            title: scene.controller.session.presetIndex >= 0
                   ? qsTr("%1 · %2").arg(scene.controller.session.presetIndex + 1).arg(scene.controller.session.scenarioTitle)
                   : scene.controller.session.scenarioTitle
            description: scene.controller.session.recorded
                         ? qsTr("Recorded timeline, replayed as it was: change a setting to run the engine on its scenario again. %1")
                               .arg(scene.controller.session.scenarioDescription)
                         : scene.controller.session.scenarioDescription
            changedText: scene.controller.session.recorded ? "" : scene.controller.session.settingsChangedText
            descriptionLines: scene.descriptionLines
        }

        LiveStrip {
            id: liveStrip
            x: geometry.pad
            y: geometry.headerY - Math.round(2 * Theme.scale)
            width: stage.width - 2 * geometry.pad
            height: geometry.headerHeight + Math.round(4 * Theme.scale)
            visible: scene.controller.session.liveRecord && !banner.visible
            running: scene.live !== null && scene.live.running
            baseUrlA: scene.live ? scene.live.baseUrlA : ""
            baseUrlB: scene.live ? scene.live.baseUrlB : ""
            curl: scene.live ? scene.live.curlExample : ""
            requestCount: scene.live ? scene.live.requestCount : 0
        }

        AnomalyBanner {
            id: banner
            z: 6
            x: geometry.pad
            y: geometry.headerY - Math.round(2 * Theme.scale)
            width: stage.width - 2 * geometry.pad
            height: geometry.headerHeight + Math.round(4 * Theme.scale)
            text: scene.controller.text.anomalyText
        }

        ToolTip {
            parent: scene.hoveredToken ? scene.hoveredToken : scene
            visible: scene.hoveredToken !== null
            delay: 300
            text: scene.hoveredToken
                  ? qsTr("%1: %2 → %3").arg(scene.hoveredToken.label)
                        .arg(scene.nodeName(scene.hoveredToken.from))
                        .arg(scene.nodeName(scene.hoveredToken.to))
                  : ""
        }
    }
}
