import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// One side's lane timeline in the Compare mode: the side's name at its left edge (in the
// accent colour while the scene shows it; a click shows it), its run's lanes on the common
// time axis, and the canvas's ◆ line at the first divergence. Click the lanes to seek.
Item {
    id: lane

    required property CompareController compare
    required property CompareSide side
    /// 0: left, 1: right.
    required property int index
    property int tagFont: Theme.smallFont
    /// The nodes that get a lane (TimelineCanvas.lanes); empty: all of them.
    property var lanes: []
    /// Only the side's name on one line (the two timelines do not fit at once: the side the
    /// scene shows has the room); a click, or Ctrl+← / Ctrl+→, shows it.
    property bool collapsed: false
    /// The height of the collapsed strip.
    readonly property real collapsedHeight: Math.ceil(tagFont * 1.9)

    readonly property bool shown: compare.shownSide === index
    readonly property int laneCount: canvas.laneCount
    readonly property TimelineCanvas canvas: canvas

    Rectangle {
        id: tag
        width: lane.collapsed ? parent.width : Math.round(lane.tagFont * 1.6)
        height: parent.height
        radius: Theme.radius
        color: lane.shown ? Theme.accent : Theme.panelAlt
        Text {
            anchors.centerIn: parent
            visible: !lane.collapsed
            rotation: -90
            text: lane.side.name.toUpperCase()
            color: lane.shown ? Theme.onColour : Theme.text
            font.pixelSize: lane.tagFont
            font.bold: true
        }
        Text {
            anchors.fill: parent
            anchors.leftMargin: Theme.radius
            anchors.rightMargin: Theme.radius
            visible: lane.collapsed
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            elide: Text.ElideRight
            text: qsTr("%1 · its lanes: click here or %2").arg(lane.side.name.toUpperCase())
                      .arg(lane.index === 0 ? "Ctrl+←" : "Ctrl+→")
            color: lane.shown ? Theme.onColour : Theme.text
            font.pixelSize: lane.tagFont
            font.bold: true
        }
        TapHandler { onTapped: lane.compare.shownSide = lane.index }
    }

    TimelineCanvas {
        id: canvas
        anchors.left: tag.right
        anchors.leftMargin: Math.round(4 * Theme.scale)
        anchors.right: parent.right
        height: parent.height
        visible: !lane.collapsed
        playback: lane.side.playback
        dark: Theme.dark
        // Lane and tick labels at the scene's small text size (the canvas's 12 px is 1×), or
        // as large as every lane of this run still fits (two runs share the height).
        textScale: Math.min(Theme.smallFont / 12,
                            Math.max(1, (height - 24) / (15 * Math.max(1, laneCount) + 19.2)))
        markUs: lane.compare.divergenceUs
        lanes: lane.lanes
    }
}
