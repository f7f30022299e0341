import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IdemLab

// Export (Ctrl+E): pick a format and the whole run or the part between the scrub bar's
// marks, then a file (FileChooser). The formats are the engine's table of formats, read
// through TimelineExport; PNG is the window as it looks (taken after the dialogs close).
// Choosing a format changes no size: the part-of-the-run choices stay, greyed for PNG.
Dialog {
    id: dialog

    required property SimulationController controller
    /// The item whose window a PNG shows.
    required property Item sceneItem

    /// After an export (or a failed one): what happened, for the window's toast.
    signal finished(string message, bool ok)
    /// The folder of the last export, remembered by the window.
    property string lastFolder: ""
    /// An export went into `folder`.
    signal folderUsed(string folder)

    property string suffix: "json"
    property bool marked: controller.playback.hasMarks
    readonly property bool image: suffix === "png"

    title: qsTr("Export the timeline")
    modal: true
    anchors.centerIn: parent
    width: Math.min(parent.width - 40, Math.round(560 * Theme.scale))

    TimelineExport {
        id: exporter
        session: dialog.controller.session
    }

    function rangeText(marked) {
        const c = controller.playback
        if (!marked)
            return qsTr("the whole run (0 – %1)").arg(Theme.durationText(c.endUs / 1000))
        const from = c.markInUs >= 0 ? c.markInUs : 0
        const to = c.markOutUs >= 0 ? c.markOutUs : c.endUs
        return qsTr("between the marks (%1 – %2)").arg(Theme.durationText(from / 1000))
                                                 .arg(Theme.durationText(to / 1000))
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Math.round(4 * Theme.scale)

        Label {
            text: qsTr("Format")
            font.bold: true
        }
        ButtonGroup { id: formatGroup }
        Repeater {
            model: exporter.formats
            delegate: RadioButton {
                required property var modelData
                Layout.fillWidth: true
                ButtonGroup.group: formatGroup
                checked: dialog.suffix === modelData.suffix
                onClicked: dialog.suffix = modelData.suffix
                text: qsTr("%1 (.%2) — %3").arg(modelData.name).arg(modelData.suffix)
                                           .arg(modelData.description)
                contentItem: Text {
                    leftPadding: parent.indicator.width + parent.spacing
                    text: qsTr("<b>%1</b> (.%2) — %3").arg(parent.modelData.name)
                              .arg(parent.modelData.suffix).arg(parent.modelData.description)
                    textFormat: Text.StyledText
                    wrapMode: Text.WordWrap
                    color: Theme.text
                    font.pixelSize: Theme.smallFont
                    verticalAlignment: Text.AlignVCenter
                }
            }
        }

        Label {
            Layout.topMargin: Math.round(8 * Theme.scale)
            text: qsTr("Part of the run")
            font.bold: true
        }
        RadioButton {
            Layout.fillWidth: true
            checked: !dialog.marked || dialog.image
            onClicked: dialog.marked = false
            text: dialog.image ? qsTr("the window as it is now, at %1")
                                     .arg(Theme.durationText(dialog.controller.playback.timeUs / 1000))
                               : dialog.rangeText(false)
        }
        RadioButton {
            id: markedChoice
            Layout.fillWidth: true
            enabled: dialog.controller.playback.hasMarks && !dialog.image
            checked: dialog.marked && !dialog.image
            onClicked: dialog.marked = true
            text: dialog.image ? qsTr("a part between marks (not for a picture of the window)")
                : dialog.controller.playback.hasMarks ? dialog.rangeText(true)
                : qsTr("between two marks (set them with I and O on the scrub bar)")
            contentItem: Text {
                leftPadding: markedChoice.indicator.width + markedChoice.spacing
                text: markedChoice.text
                elide: Text.ElideRight
                color: markedChoice.enabled ? Theme.text : Theme.mutedText
                font.pixelSize: Theme.fontSize
                verticalAlignment: Text.AlignVCenter
            }
        }
    }

    footer: DialogButtonBox {
        Button {
            id: exportButton
            text: qsTr("Choose the file…")
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            background: Rectangle {
                radius: Theme.radius
                color: exportButton.down ? Qt.darker(Theme.accent, 1.2) : Theme.accent
            }
            contentItem: Text {
                text: exportButton.text
                color: Theme.onColour
                font.bold: true
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    onAccepted: chooseFile()
    /// The second step: where to write, with a name made from the run.
    function chooseFile() {
        fileChooser.start(exporter.suggestedName(dialog.suffix, dialog.marked && !dialog.image))
    }

    FileChooser {
        id: fileChooser
        parent: dialog.parent
        title: qsTr("Export to")
        saving: true
        suffix: dialog.suffix
        lastFolder: dialog.lastFolder
        onChosen: (fileUrl, folder) => {
            dialog.target = fileUrl
            dialog.folderUsed(folder)
            if (dialog.image)
                imageTimer.start() // once the dialogs are gone from the window
            else
                dialog.report(exporter.save(fileUrl, dialog.marked))
        }
    }

    /// The file being written.
    property url target

    Timer {
        id: imageTimer
        interval: 150
        onTriggered: dialog.report(exporter.saveImage(dialog.sceneItem, dialog.target))
    }

    function report(error) {
        const file = decodeURIComponent(String(dialog.target).replace(/^file:\/\//, ""))
        finished(error.length > 0 ? error : qsTr("Exported %1").arg(file), error.length === 0)
    }
}
