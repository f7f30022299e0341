import QtQuick
import IdemLab

// The lane timeline under the scene: one lane per node, an arrow per message, the
// playhead; click to seek. The canvas draws its own lane labels.
Rectangle {
    id: panel

    required property SimulationController controller

    radius: Theme.radius + 2
    color: Theme.panel
    border.width: 1
    border.color: Theme.border

    TimelineCanvas {
        anchors.fill: parent
        anchors.margins: Math.round(6 * Theme.scale)
        controller: panel.controller
        dark: Theme.dark
        // Lanes stay compact even with large text, so the timeline keeps showing every node.
        textScale: Math.min(Theme.scale, Theme.zoom * 1.2)
    }
}
