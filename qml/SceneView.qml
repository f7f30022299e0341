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
    /// The app attached to running clusters (the live strip says which); may be null.
    property AttachController attach: null

    /// Right-click on a server, the cache or the replication link: `target` is its node id or
    /// "replication-link", (`x`, `y`) where on `item` the menu opens.
    signal faultMenuRequested(string target, string name, Item item, real x, real y)

    /// Bumped when node items come and go, so bindings that look nodes up re-run.
    property int revision: 0
    readonly property var nodeItems: {
        revision; // dependency
        const items = []
        for (let i = 0; i < nodeRepeater.count; ++i)
            items.push(nodeRepeater.itemAt(i))
        return items
    }

    function bumpRevision() {
        ++revision
    }

    radius: Theme.radius + 2
    color: "transparent"
    border.width: 1
    border.color: Theme.border

    PanelFill { color: Theme.panel }

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
    /// The least height that holds the scene at all: the dense form under a one-line header,
    /// scaled down as far as the text may go (to its size at text scale 1).
    readonly property real smallestHeight: Math.ceil((geometry.denseBodyHeight + bannerOnlyHeader)
                                                     * Math.min(1, 1 / Theme.textScale))
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
            cutText: scene.controller.text.linkText
        }

        Repeater {
            id: nodeRepeater
            model: scene.controller.models.nodes
            delegate: SceneNode {
                id: sceneNode
                layout: geometry
                controller: scene.controller
                unreachable: kind === "server" && scene.attach !== null && scene.attach.attached
                             && scene.attach.downClusters.indexOf(cluster === 1 ? "B" : "A") >= 0
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

        MessagePaths {
            id: paths
            nodes: nodeRepeater
            layout: geometry
            stageWidth: stage.width
            stageHeight: stage.height
            legendShown: legend.visible
            revision: scene.revision
        }

        SceneMessages {
            // Messages above every node.
            anchors.fill: parent
            z: 5
            controller: scene.controller
            paths: paths
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
            requestCount: attached ? scene.attach.requestCount : scene.live ? scene.live.requestCount : 0
            attached: scene.attach !== null && scene.attach.attached
            attachedUp: attached && scene.attach.anyUp
            attachSummary: attached ? scene.attach.summary : ""
            downClusters: attached ? scene.attach.downClusters : []
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
    }
}
