import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// One side's lane timeline in the Compare mode: the side's name at its left edge (in the
// accent colour while the scene shows it; a click shows it), its run's lanes on the common
// time axis, and a ◆ line at the first divergence. Click the lanes to seek.
Item {
    id: lane

    required property CompareController compare
    required property CompareSide side
    /// 0: left, 1: right.
    required property int index
    property int tagFont: Theme.smallFont

    readonly property bool shown: compare.shownSide === index
    readonly property int laneCount: canvas.laneCount
    readonly property TimelineCanvas canvas: canvas
    /// Where the divergence line is, in this item's x (bound to the canvas's layout).
    readonly property real divergenceX: {
        canvas.layoutRevision // a new run, size or text scale
        return canvas.x + canvas.xForTime(compare.divergenceUs)
    }

    Rectangle {
        id: tag
        width: Math.round(lane.tagFont * 1.6)
        height: parent.height
        radius: Theme.radius
        color: lane.shown ? Theme.accent : Theme.panelAlt
        Text {
            anchors.centerIn: parent
            rotation: -90
            text: lane.side.name.toUpperCase()
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
        playback: lane.side.playback
        dark: Theme.dark
        // Lane and tick labels at the scene's small text size (the canvas's 12 px is 1×).
        textScale: Theme.smallFont / 12
    }

    Rectangle {
        visible: lane.compare.hasDivergence
        x: lane.divergenceX - width / 2
        width: Math.max(2, Math.round(2 * Theme.scale))
        height: parent.height
        color: Theme.accentText
        opacity: 0.6
    }
    Text {
        visible: lane.compare.hasDivergence
        x: lane.divergenceX - width / 2
        y: -Math.round(height * 0.3)
        text: "◆"
        color: Theme.accentText
        font.pixelSize: lane.tagFont
    }
}
