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

    readonly property int font: Math.max(12, Math.round(14 * Theme.chromeScale))
    readonly property real unit: font / 14
    readonly property bool started: lesson.index >= 0

    implicitHeight: content.implicitHeight + 2 * content.anchors.margins
    radius: Theme.radius
    color: Theme.panel
    border.width: Math.max(2, Math.round(2 * unit))
    border.color: Theme.accent

    component LessonButton: Button {
        id: button
        font.pixelSize: panel.font
        focusPolicy: Qt.NoFocus
        padding: Math.round(6 * panel.unit)
        background: Rectangle {
            radius: Theme.radius
            color: !button.enabled ? Theme.panelAlt
                 : button.down ? Theme.border : button.hovered ? Theme.panelAlt : Theme.panel
            border.width: 1
            border.color: Theme.border
        }
        contentItem: Text {
            text: button.text
            font: button.font
            color: button.enabled ? Theme.text : Theme.mutedText
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
    }

    ColumnLayout {
        id: content
        anchors.fill: parent
        anchors.margins: Math.round(8 * panel.unit)
        spacing: Math.round(4 * panel.unit)

        RowLayout {
            Layout.fillWidth: true
            spacing: Math.round(8 * panel.unit)

            Text {
                // The step pill: the text carries its own padding, so the layout sizes it
                // by its implicit width and nothing clips it.
                Layout.alignment: Qt.AlignVCenter
                // As wide as the widest step label of this tour, so it never changes width
                // (and never clips) as the steps go by.
                Layout.preferredWidth: widest.advanceWidth + leftPadding + rightPadding
                Layout.minimumWidth: Layout.preferredWidth
                horizontalAlignment: Text.AlignHCenter
                TextMetrics {
                    id: widest
                    font.pixelSize: panel.font
                    font.bold: true
                    text: qsTr("Step %1 of %2").arg(panel.lesson.count).arg(panel.lesson.count)
                }
                leftPadding: Math.round(7 * panel.unit)
                rightPadding: leftPadding
                topPadding: Math.round(2 * panel.unit)
                bottomPadding: topPadding
                text: panel.started ? qsTr("Step %1 of %2").arg(panel.lesson.index + 1)
                                          .arg(panel.lesson.count)
                                    : qsTr("Lesson")
                color: Theme.onColour
                font.pixelSize: panel.font
                font.bold: true
                Rectangle {
                    anchors.fill: parent
                    z: -1
                    radius: height / 2
                    color: Theme.accent
                }
            }
            Text {
                Layout.fillWidth: true
                text: panel.started ? panel.lesson.title : panel.scenarioTitle
                color: Theme.text
                font.pixelSize: panel.font
                font.bold: true
                elide: Text.ElideRight
            }
            LessonButton {
                text: qsTr("◀ Previous")
                enabled: panel.started
                onClicked: panel.lesson.previous()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Back to the step before (Page Up)")
            }
            LessonButton {
                text: panel.started ? qsTr("Next ▶") : qsTr("Start ▶")
                enabled: panel.lesson.hasNext
                onClicked: panel.lesson.next()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Run to the next step and stop there (Page Down)")
            }
            LessonButton {
                text: "✕"
                onClicked: panel.lesson.active = false
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Leave the lesson (L)")
            }
        }

        Text {
            Layout.fillWidth: true
            text: panel.started ? panel.lesson.text
                                : qsTr("%1 steps. Press Start (Page Down): the player runs to each "
                                       + "step and stops there, so you can talk it through.")
                                      .arg(panel.lesson.count)
            color: Theme.text
            font.pixelSize: panel.font
            wrapMode: Text.WordWrap
            maximumLineCount: 4
            elide: Text.ElideRight
        }

        RowLayout {
            Layout.fillWidth: true
            visible: panel.lesson.question.length > 0
            spacing: Math.round(8 * panel.unit)

            LessonButton {
                Layout.alignment: Qt.AlignTop
                visible: panel.lesson.revealed < (panel.lesson.answer.length > 0 ? 2 : 1)
                text: panel.lesson.revealed === 0 ? qsTr("Ask the class (Q)") : qsTr("Show the answer (Q)")
                onClicked: panel.lesson.reveal()
            }
            Column {
                Layout.fillWidth: true
                spacing: Math.round(2 * panel.unit)
                Text {
                    width: parent.width
                    visible: panel.lesson.revealed >= 1
                    text: qsTr("Question: %1").arg(panel.lesson.question)
                    color: Theme.accentText
                    font.pixelSize: panel.font
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
                Text {
                    width: parent.width
                    visible: panel.lesson.revealed >= 2
                    text: qsTr("Answer: %1").arg(panel.lesson.answer)
                    color: Theme.text
                    font.pixelSize: panel.font
                    font.italic: true
                    wrapMode: Text.WordWrap
                }
            }
        }
    }
}
