import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// The lane timeline under the scene: one lane per node, an arrow per message, the
// playhead; click to seek. The canvas draws its own lane labels.
Rectangle {
    id: panel

    required property SimulationController controller
    /// The editor is open: each request shows a ◆ to drag along its client's lane.
    property bool editing: false
    readonly property TimelineCanvas laneCanvas: canvas
    /// One lane per node of the run on screen.
    readonly property int laneCount: canvas.laneCount
    /// The height at which every lane label shows at the scene's small text size.
    readonly property real neededHeight: laneCount * Math.ceil(Theme.smallFont * 1.25)
                                         + Math.ceil(Theme.smallFont * 1.6) + 24
                                         + 2 * Math.round(6 * Theme.scale)

    radius: Theme.radius + 2
    color: Theme.panel
    border.width: 1
    border.color: Theme.border

    TimelineCanvas {
        id: canvas
        anchors.fill: parent
        anchors.margins: Math.round(6 * Theme.scale)
        playback: panel.controller.playback
        dark: Theme.dark
        // Lane and tick labels at the scene's small text size (the canvas's 12 px is 1×).
        textScale: Theme.smallFont / 12
        // Room to drag a request's ◆ past the run's end.
        roomAfterEnd: panel.editing
    }

    // The axis row explains its broken stretches on hover (the "?" overlay does too).
    Item {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: Math.ceil(Theme.smallFont * 1.6) + 12
        HoverHandler { id: axisHover }
        ToolTip.visible: axisHover.hovered
        ToolTip.delay: 400
        ToolTip.text: qsTr("Time runs left to right. Where nothing happens for more than 40 ms "
                           + "the axis is broken: // marks the gap, drawn as 40 ms, and \"+59.7 s\" "
                           + "says how much idle time was skipped there.")
    }

    Repeater {
        model: panel.editing ? panel.controller.session.editor.requests : null
        delegate: RequestHandle {
            canvas: panel.laneCanvas
            editor: panel.controller.session.editor
        }
    }
}
