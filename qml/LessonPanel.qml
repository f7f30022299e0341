import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// Lesson mode: the preset's guided tour under the scene. Next (PageDown, what a
// presentation clicker sends) runs the player to the next step and stops there; Previous
// (PageUp) goes back; Q reveals the step's question for the class, then its answer.
Rectangle {
    id: panel

    required property var lesson
    /// The scenario's title, for the line before the first step.
    property string scenarioTitle

    /// At most this tall: the scene above must stay readable. Where the step's words do not
    /// fit at the text scale's size, they are set smaller (never under 12 px), not cut.
    property real maxHeight: Infinity

    readonly property int naturalFont: Math.max(12, Math.round(14 * Theme.chromeScale))
    // The height of wrapped text grows about as the square of its size: from the height at
    // the natural size (the hidden probe below), the size that fits maxHeight.
    readonly property int font: {
        const natural = probe.implicitHeight + 2 * probe.anchors.margins
        if (natural <= maxHeight || natural <= 0)
            return naturalFont
        return Math.max(12, Math.floor(naturalFont * Math.sqrt(maxHeight / natural) * 0.93))
    }
    readonly property real unit: font / 14

    implicitHeight: content.implicitHeight + 2 * content.anchors.margins
    radius: Theme.radius
    color: Theme.panel
    border.width: Math.max(2, Math.round(2 * unit))
    border.color: Theme.accent

    LessonStepContent {
        id: content
        lesson: panel.lesson
        scenarioTitle: panel.scenarioTitle
        font: panel.font
        anchors.fill: parent
        anchors.margins: Math.round(8 * panel.unit)
    }

    // The same words at the natural size, never shown: how tall they would be.
    LessonStepContent {
        id: probe
        lesson: panel.lesson
        scenarioTitle: panel.scenarioTitle
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Math.round(8 * panel.naturalFont / 14)
        font: panel.naturalFont
        opacity: 0
        enabled: false
    }
}
