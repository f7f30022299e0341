import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// One node of the scene, placed by the SceneLayout from its kind and group, drawn as a box
// (client, router, server), a database table or the cache panel. Clients beyond what fits
// share one "+N more" slot, so their messages still have somewhere to go.
Item {
    id: node

    required property int index
    required property string nodeId
    required property string name
    required property string kind
    required property int cluster
    required property int indexInGroup
    required property int groupSize
    required property list<string> tasks
    required property bool busy
    required property bool down
    required property string backText
    required property string backBrief

    required property SceneLayout layout
    required property SimulationController controller
    /// Attached to running clusters: this server's process cannot be reached now.
    property bool unreachable: false

    /// Right-click on a server or the cache, at `x`, `y` of the node: its fault menu.
    signal faultMenuRequested(real x, real y)

    readonly property rect area: layout.nodeRect(kind, cluster, indexInGroup, groupSize)
    readonly property int clientSlots: kind === "client" ? layout.clientCapacity(groupSize) : 0
    readonly property bool overflowSlot: kind === "client" && clientSlots < groupSize
                                         && indexInGroup === clientSlots - 1
    readonly property bool hiddenClient: kind === "client" && indexInGroup >= clientSlots

    x: area.x
    y: area.y
    width: area.width
    height: area.height
    onXChanged: layout.noteNodeMoved()
    onYChanged: layout.noteNodeMoved()
    onWidthChanged: layout.noteNodeMoved()
    onHeightChanged: layout.noteNodeMoved()

    Loader {
        anchors.fill: parent
        visible: !node.hiddenClient
        active: !node.hiddenClient
        sourceComponent: node.kind === "client" ? clientBox
                       : node.kind === "server" ? serverBox
                       : node.kind === "database" ? databaseTable
                       : node.kind === "cache" ? cachePanel
                       : plainBox
    }

    TapHandler {
        enabled: node.kind === "server" || node.kind === "cache"
        acceptedButtons: Qt.RightButton
        onTapped: (eventPoint) => node.faultMenuRequested(eventPoint.position.x, eventPoint.position.y)
    }

    Component {
        id: clientBox
        NodeBox {
            title: node.overflowSlot ? qsTr("+%1 more").arg(node.groupSize - node.clientSlots + 1)
                                     : node.name
            // What its requests are waiting for, or the answers they got.
            lines: node.overflowSlot ? [] : node.tasks
            busy: node.busy && !node.overflowSlot
            // Its own tooltip (not the window's shared one, which outlived the box when a click
            // reran the scene): short, above the box so the servers stay in view, gone on leave.
            SceneTip {
                shown: clientMouse.containsMouse && !clientMouse.pressed && !node.controller.session.liveRecord
                below: false
                text: node.overflowSlot
                      ? qsTr("%1 more clients are not drawn; their messages start and end here.")
                            .arg(node.groupSize - node.clientSlots + 1)
                      : qsTr("Click: send again, same key · Shift+click: new key")
            }
            hovered: clientMouse.containsMouse
            fill: node.overflowSlot ? Theme.panelAlt : Theme.panel
            MouseArea {
                id: clientMouse
                anchors.fill: parent
                hoverEnabled: true
                // Live, the requests come from outside (curl): there is nothing to resend.
                enabled: !node.controller.session.liveRecord
                cursorShape: node.overflowSlot ? Qt.ArrowCursor : Qt.PointingHandCursor
                acceptedButtons: Qt.LeftButton | Qt.RightButton
                onClicked: (mouse) => node.overflowSlot || node.controller.session.sendFromClient(
                               node.indexInGroup,
                               mouse.button === Qt.RightButton || (mouse.modifiers & Qt.ShiftModifier) !== 0)
            }
        }
    }

    Component {
        id: serverBox
        NodeBox {
            // A narrow server column (large text) shows "A1" rather than an elided "Server…".
            compact: height < Math.round(38 * Theme.scale) || width < Math.round(96 * Theme.scale)
            title: compact ? node.name.replace(/^Server\s+/, "") : node.name
            lines: node.tasks
            idleText: qsTr("idle")
            busy: node.busy && !node.down && !node.unreachable
            down: node.down || node.unreachable
            backText: node.unreachable ? qsTr("reconnecting") : node.backText
            backBrief: node.unreachable ? "" : node.backBrief
            HoverHandler { id: serverHover }
            SceneTip {
                shown: serverHover.hovered
                below: true
                text: node.unreachable ? qsTr("%1: its cluster's process cannot be reached (the live strip says why); the app reconnects by itself.").arg(node.name)
                      : node.down ? qsTr("%1 has crashed: its work in progress died with it, and the router sends it nothing; %2.")
                                      .arg(node.name).arg(node.backText)
                      : node.tasks.length > 0 ? node.name + "\n" + node.tasks.join("\n")
                                            : qsTr("%1: idle").arg(node.name)
            }
        }
    }

    Component {
        id: plainBox
        NodeBox {
            // Live, the port picks the cluster: the router is drawn faded, for comparison.
            readonly property bool unused: node.kind === "router" && node.controller.session.liveRecord
            title: node.name
            lines: unused ? [qsTr("unused live")] : []
            busy: node.busy
            opacity: unused ? 0.45 : 1
            HoverHandler { id: plainHover; enabled: parent.unused }
            SceneTip {
                shown: plainHover.hovered
                below: true
                text: qsTr("Live, each cluster has its own port, so requests go straight to a server.")
            }
        }
    }

    Component {
        id: databaseTable
        DatabaseTable {
            title: node.name
            cluster: node.cluster === 1 ? "B" : "A"
            keys: node.cluster === 1 ? node.controller.models.keysB : node.controller.models.keysA
            ledger: node.cluster === 1 ? node.controller.models.ledgerB : node.controller.models.ledgerA
            balances: node.cluster === 1 ? node.controller.text.balancesB : node.controller.text.balancesA
            busy: node.busy
        }
    }

    Component {
        id: cachePanel
        CachePanel {
            on: node.controller.session.settings.cache
            entries: node.controller.models.cacheEntries
            busy: node.busy
            down: node.down
            backText: node.backText
        }
    }
}
