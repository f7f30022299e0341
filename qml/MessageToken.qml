import QtQuick
import IdemLab

// A message in flight: a labelled pill ("POST K1", "201 K1") moving along the straight
// line between two nodes' edges at `progress` (MessagePaths.tokenPosition). A lost message
// falls out of the network and fades. Kept light (one pill, no handlers of its own): the
// model keeps a token for as long as its message is in flight; the scene's one
// HoverHandler finds the token under the pointer. Crowds are drawn by MessageLayer instead.
TokenPill {
    id: token

    required property int from
    required property int to
    required property double progress
    required property string label
    required property bool falling
    required property int eventIndex
    // TokenPill's own `status` and `response`, filled from the model roles.
    required status
    required response

    /// The message layer: the shared fall, the replications counted into one token.
    required property Item view
    required property MessagePaths paths
    required property SimulationController controller

    readonly property var link: paths.link(from, to, paths.geometryRevision)
    /// Down by 60 px (scaled), or up, or less, wherever it then covers no box or title.
    readonly property real fallDistance: falling
        ? paths.fallOffset(position, width, height, Math.round(60 * Theme.scale), paths.geometryRevision)
        : 0
    /// 0..1 through the fall; the scene runs one shared fall animation per lost message.
    readonly property real fall: falling ? view.fallPhase : 0

    /// Too little room between the two boxes: the label sits whole beside the line instead
    /// (on the side it would ride on), or, where there is no room for it, becomes a dot.
    /// Several tokens on one link keep apart: each has a slot of its link (SceneMessages), a
    /// lane across the line by it, or, beside a short line, a place clear of the others.
    readonly property bool fits: paths.tokenFits(link, fullWidth, fullHeight)
    /// The side it prefers beside a short line, on the normal of the link from its lower to
    /// its higher node.
    readonly property int besideSide: (link && paths.sideOf(link, response, 0) < 0 ? -1 : 1)
                                      * (from < to ? 1 : -1)
    readonly property var beside: fits ? null
        : view.besideOf(eventIndex, view.slotRevision, paths.geometryRevision)
    readonly property real lane: fits ? view.laneOf(link, from, to, eventIndex, view.slotRevision) : 0
    readonly property point position: beside ? beside
        : paths.clearPosition(link, progress, response, width, height, lane,
                              paths.geometryRevision)

    /// A replication while others are in flight too: the first says how many, the rest hide.
    readonly property bool replication: link !== null && link.parked
    readonly property int replicationCount: replication ? view.replicationEvents.length : 0
    readonly property bool leadsReplications: !replication || view.leadReplication === eventIndex

    text: falling ? label + "  ✕"
        : replicationCount > 1 ? qsTr("%1 rows replicating").arg(replicationCount)
        : label
    compact: !fits && !beside
    visible: leadsReplications
    highlighted: controller.playback.highlightedEvent === eventIndex
    x: position.x - width / 2
    y: position.y - height / 2 + fall * fallDistance
    z: highlighted ? 2 : 1
    opacity: falling ? 1 - 0.6 * fall : 1
    rotation: falling ? 25 * fall : 0
    scale: highlighted ? 1.3 : 1

    function takeSlot() {
        view.takeSlot(from, to, eventIndex, fullWidth, fullHeight, besideSide, fits)
    }
    onFullWidthChanged: takeSlot()
    onFullHeightChanged: takeSlot()
    onBesideSideChanged: takeSlot()
    onFitsChanged: takeSlot()
    Component.onCompleted: {
        takeSlot()
        if (falling)
            view.startFall(eventIndex)
        if (replication)
            view.addReplication(eventIndex)
    }
    onReplicationChanged: replication ? view.addReplication(eventIndex)
                                      : view.removeReplication(eventIndex)
    Component.onDestruction: {
        view.releaseSlot(from, to, eventIndex)
        if (replication)
            view.removeReplication(eventIndex)
    }
    onFallingChanged: if (falling) view.startFall(eventIndex)
}
