import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// The words of one lesson step and its buttons, at one text size (LessonPanel lays them
// out twice: on screen, and unseen at the natural size to learn how tall they would be).
ColumnLayout {
    id: content

    required property var lesson
    /// The scenario's title, for the line before the first step.
    property string scenarioTitle
    /// The text size; spacing and padding follow it.
    property int font: 14
    readonly property bool started: lesson.index >= 0

    component LessonButton: Button {
        id: button
        property int size: 14
        font.pixelSize: size
        focusPolicy: Qt.NoFocus
        padding: Math.round(6 * size / 14)
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

    readonly property real unit: font / 14

    spacing: Math.round(4 * unit)

    RowLayout {
        Layout.fillWidth: true
        spacing: Math.round(8 * content.unit)

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
                font.pixelSize: content.font
                font.bold: true
                text: qsTr("Step %1 of %2").arg(content.lesson.count).arg(content.lesson.count)
            }
            leftPadding: Math.round(7 * content.unit)
            rightPadding: leftPadding
            topPadding: Math.round(2 * content.unit)
            bottomPadding: topPadding
            text: content.started ? qsTr("Step %1 of %2").arg(content.lesson.index + 1)
                                      .arg(content.lesson.count)
                                : qsTr("Lesson")
            color: Theme.onColour
            font.pixelSize: content.font
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
            text: content.started ? content.lesson.title : content.scenarioTitle
            color: Theme.text
            font.pixelSize: content.font
            font.bold: true
            elide: Text.ElideRight
        }
        LessonButton {
            size: content.font
            text: qsTr("◀ Previous")
            enabled: content.started
            onClicked: content.lesson.previous()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Back to the step before (Page Up)")
        }
        LessonButton {
            size: content.font
            text: content.started ? qsTr("Next ▶") : qsTr("Start ▶")
            enabled: content.lesson.hasNext
            onClicked: content.lesson.next()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Run to the next step and stop there (Page Down)")
        }
        LessonButton {
            size: content.font
            text: "✕"
            onClicked: content.lesson.active = false
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Leave the lesson (L)")
        }
    }

    Text {
        Layout.fillWidth: true
        text: content.started ? content.lesson.text
                              : qsTr("%1 steps. Press Start (Page Down): the player runs to each "
                                     + "step and stops there, so you can talk it through.")
                                    .arg(content.lesson.count)
        color: Theme.text
        font.pixelSize: content.font
        wrapMode: Text.WordWrap
        maximumLineCount: 4
        elide: Text.ElideRight
    }

    RowLayout {
        Layout.fillWidth: true
        visible: content.lesson.question.length > 0
        spacing: Math.round(8 * content.unit)

        LessonButton {
            size: content.font
            Layout.alignment: Qt.AlignTop
            visible: content.lesson.revealed < (content.lesson.answer.length > 0 ? 2 : 1)
            text: content.lesson.revealed === 0 ? qsTr("Ask the class (Q)") : qsTr("Show the answer (Q)")
            onClicked: content.lesson.reveal()
        }
        Column {
            Layout.fillWidth: true
            spacing: Math.round(2 * content.unit)
            Text {
                width: parent.width
                visible: content.lesson.revealed >= 1
                text: qsTr("Question: %1").arg(content.lesson.question)
                color: Theme.accentText
                font.pixelSize: content.font
                font.bold: true
                wrapMode: Text.WordWrap
            }
            Text {
                width: parent.width
                visible: content.lesson.revealed >= 2
                text: qsTr("Answer: %1").arg(content.lesson.answer)
                color: Theme.text
                font.pixelSize: content.font
                font.italic: true
                wrapMode: Text.WordWrap
            }
        }
    }
}
