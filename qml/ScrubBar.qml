import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// The run on one compressed axis (long idle stretches such as the replication lag are
// squeezed so the busy parts stay readable): a tick per moment something happens, an
// orange triangle where a duplicate effect appears, the playhead. Click or drag to seek.
Item {
    id: scrub

    required property SimulationController controller

    readonly property real position: {
        controller.playback.endUs; // rerun → new axis
        return controller.playback.axisPosition(controller.playback.timeUs)
    }
    readonly property real trackX: Math.round(8 * Theme.scale)
    readonly property real trackWidth: width - 2 * trackX
    readonly property real trackY: height * 0.58

    implicitHeight: Math.round(34 * Theme.scale)

    // Track and the part already played.
    Rectangle {
        x: scrub.trackX
        y: scrub.trackY - height / 2
        width: scrub.trackWidth
        height: Math.round(6 * Theme.scale)
        radius: height / 2
        color: Theme.border
        Rectangle {
            width: scrub.position * parent.width
            height: parent.height
            radius: height / 2
            color: Theme.accent
        }
    }

    // The part between the export marks (I and O): shaded, with a flag at each end.
    readonly property real markInX: trackX + (controller.playback.markInUs >= 0
                                              ? controller.playback.axisPosition(controller.playback.markInUs) : 0) * trackWidth
    readonly property real markOutX: trackX + (controller.playback.markOutUs >= 0
                                               ? controller.playback.axisPosition(controller.playback.markOutUs) : 1) * trackWidth
    Rectangle {
        visible: scrub.controller.playback.hasMarks
        x: scrub.markInX
        width: Math.max(2, scrub.markOutX - scrub.markInX)
        y: scrub.trackY - Math.round(11 * Theme.scale)
        height: Math.round(22 * Theme.scale)
        color: Theme.wash(Theme.accent, 0.18)
        border.width: 1
        border.color: Theme.wash(Theme.accent, 0.5)
    }
    Repeater {
        model: [
            { shown: scrub.controller.playback.markInUs >= 0, x: scrub.markInX, text: "[" },
            { shown: scrub.controller.playback.markOutUs >= 0, x: scrub.markOutX, text: "]" }
        ]
        delegate: Text {
            required property var modelData
            visible: modelData.shown
            x: modelData.x - width / 2
            y: scrub.trackY + Math.round(9 * Theme.scale)
            text: modelData.text
            color: Theme.accentText
            font.pixelSize: Theme.smallFont
            font.bold: true
        }
    }

    // One tick per distinct event time, all in one painted item (a large run has 4,096).
    ScrubTicks {
        // A pixel more each side (ScrubTicks.margin), for the end ticks' outer halves.
        x: scrub.trackX - 1
        y: Math.round(scrub.trackY - Math.round(9 * Theme.scale))
        width: scrub.trackWidth + 2
        height: Math.round(18 * Theme.scale)
        ticks: scrub.controller.playback.eventTicks
        color: Theme.mutedText
        tickOpacity: 0.7
    }

    // Anomalies: a downward triangle above the track. Marks closer than a mark's width (a
    // burst's duplicates land within a few ms) merge into one at the first of them, with
    // their count beside it, so no triangle covers another.
    readonly property real anomalyMarkSize: Math.round(14 * Theme.scale)
    readonly property var anomalyGroups: {
        controller.playback.eventCount; // rerun → new ticks
        return controller.playback.anomalyGroups(trackWidth, anomalyMarkSize)
    }
    Repeater {
        model: scrub.anomalyGroups
        delegate: Row {
            required property var modelData
            x: scrub.trackX + modelData.x - triangle.width / 2
            y: scrub.trackY - Math.round(9 * Theme.scale) - height + Math.round(3 * Theme.scale)
            Text {
                id: triangle
                text: "▼"
                color: Theme.anomaly
                font.pixelSize: scrub.anomalyMarkSize
            }
            Text {
                visible: modelData.count > 1
                anchors.bottom: triangle.bottom
                text: modelData.count
                color: Theme.anomalyText
                font.pixelSize: Math.round(scrub.anomalyMarkSize * 0.8)
                font.bold: true
            }
        }
    }

    // Compare: a ◆ under the track where the two runs first differ (J jumps there).
    Text {
        readonly property CompareController compare: scrub.controller.compare
        visible: compare.hasDivergence
        x: {
            scrub.controller.playback.endUs; // rerun → new axis
            return scrub.trackX + scrub.controller.playback.axisPosition(compare.divergenceUs) * scrub.trackWidth - width / 2
        }
        y: scrub.trackY + Math.round(3 * Theme.scale)
        text: "◆"
        color: Theme.accentText
        font.pixelSize: Math.round(14 * Theme.scale)
        font.bold: true
    }

    // Playhead.
    Rectangle {
        x: scrub.trackX + scrub.position * scrub.trackWidth - width / 2
        y: scrub.trackY - height / 2
        width: Math.round(16 * Theme.scale)
        height: width
        radius: width / 2
        color: Theme.accent
        border.width: 2
        border.color: Theme.panel
    }

    MouseArea {
        anchors.fill: parent
        hoverEnabled: true
        cursorShape: Qt.PointingHandCursor
        function seekTo(mx) {
            const p = Math.max(0, Math.min(1, (mx - scrub.trackX) / scrub.trackWidth))
            scrub.controller.playback.seek(scrub.controller.playback.axisTime(p))
        }
        onPressed: (mouse) => seekTo(mouse.x)
        onPositionChanged: (mouse) => { if (pressed) seekTo(mouse.x) }
    }

    ToolTip.visible: hoverArea.hovered
    ToolTip.delay: 600
    ToolTip.text: qsTr("Click or drag to move through the run.\nTicks mark events, ▼ a duplicate effect (▼3: three close together); idle stretches are compressed.\nI and O mark the part to export.")
    HoverHandler { id: hoverArea }
}
