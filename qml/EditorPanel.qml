import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IdemLab

// The scenario editor, docked beside the scene (Ctrl+Shift+E): the clients and requests with
// their fields, the drops and faults, undo and redo, save. Every edit reruns the engine with
// the playhead where it is; the timeline's ◆ handles move a request's send time.
Rectangle {
    id: panel

    required property ScenarioEditor editor
    required property Session session

    signal closeRequested()
    signal saveAsRequested()
    signal notice(string message, bool ok)

    readonly property real pad: Math.round(8 * Theme.panelScale)

    radius: Theme.radius + 2
    color: Theme.panel
    border.width: 1
    border.color: Theme.border

    function report(reason) {
        if (reason.length > 0)
            notice(reason, false)
    }

    /// Scrolls to the drops and faults (`--show editor-faults`): their heading at the top, or
    /// as near it as the list goes.
    function showEntries() {
        requestList.scrolled = true
        Qt.callLater(() => {
            const last = requestList.originY + requestList.contentHeight - requestList.height
            requestList.contentY = Math.max(requestList.originY,
                                            Math.min(requestList.footerItem.y, last))
        })
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: panel.pad
        spacing: Math.round(6 * Theme.panelScale)

        RowLayout {
            Layout.fillWidth: true
            spacing: Math.round(4 * Theme.panelScale)
            Label {
                Layout.fillWidth: true
                text: panel.editor.dirty ? qsTr("Scenario editor •") : qsTr("Scenario editor")
                font.pixelSize: Theme.panelTitleFont
                font.bold: true
                color: Theme.text
                elide: Text.ElideRight
                ToolTip.visible: titleHover.hovered && panel.editor.dirty
                ToolTip.text: qsTr("Edited since it was opened or saved")
                HoverHandler { id: titleHover }
            }
            EditorButton {
                text: "✕"
                tip: qsTr("Close the editor (Esc or Ctrl+Shift+E)")
                onClicked: panel.closeRequested()
            }
        }

        Flow {
            Layout.fillWidth: true
            // Its rows as they wrap (its implicit height can lag a layout pass behind).
            Layout.preferredHeight: childrenRect.height
            spacing: Math.round(4 * Theme.panelScale)
            EditorButton {
                text: qsTr("↶ Undo")
                enabled: panel.editor.canUndo
                tip: panel.editor.canUndo ? qsTr("Undo %1 (Ctrl+Z)").arg(panel.editor.undoText)
                                          : qsTr("Nothing to undo (Ctrl+Z)")
                onClicked: panel.editor.undo()
            }
            EditorButton {
                text: qsTr("↷ Redo")
                enabled: panel.editor.canRedo
                tip: panel.editor.canRedo ? qsTr("Redo %1 (Ctrl+Shift+Z)").arg(panel.editor.redoText)
                                          : qsTr("Nothing to redo (Ctrl+Shift+Z)")
                onClicked: panel.editor.redo()
            }
            EditorButton {
                text: qsTr("Save")
                tip: panel.editor.fileUrl.toString().length > 0
                     ? qsTr("Save to %1 (Ctrl+S)").arg(panel.editor.fileUrl.toString())
                     : qsTr("Save as a scenario file (Ctrl+S)")
                onClicked: {
                    if (panel.editor.fileUrl.toString().length === 0) {
                        panel.saveAsRequested()
                        return
                    }
                    const error = panel.editor.save()
                    panel.notice(error.length > 0 ? error : qsTr("Saved"), error.length === 0)
                }
            }
            EditorButton {
                text: qsTr("Save as…")
                tip: qsTr("Save as a scenario file the CLI runs and the app opens (Ctrl+Shift+S)")
                onClicked: panel.saveAsRequested()
            }
            EditorButton {
                text: qsTr("New")
                tip: qsTr("A new scenario: two clients and one request")
                onClicked: panel.editor.newScenario()
            }
        }

        Label {
            Layout.fillWidth: true
            visible: panel.editor.errorText.length > 0
            text: panel.editor.errorText
            color: Theme.anomalyText
            font.pixelSize: Theme.panelFont
            wrapMode: Text.WordWrap
            maximumLineCount: 3
            elide: Text.ElideRight
        }

        // The requests are the list (a scenario may hold thousands: only those in view get a
        // delegate); the clients come above them, the drops and faults below.
        ListView {
            id: requestList
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Math.round(2 * Theme.panelScale)
            boundsBehavior: Flickable.StopAtBounds
            model: panel.editor.requests
            ScrollBar.vertical: ScrollBar {}
            readonly property real rowWidth: width - Math.round(12 * Theme.panelScale)
            /// Until the user scrolls, the list starts at its top, whatever the header's height
            /// becomes (the list keeps its offset when the header grows).
            property bool scrolled: false
            /// It scrolls: a row at its edge may show in part (the screenshot tests allow it).
            readonly property bool partialRows: true
            onMovementStarted: scrolled = true

            header: ColumnLayout {
                width: requestList.rowWidth
                onHeightChanged: if (!requestList.scrolled) Qt.callLater(requestList.positionViewAtBeginning)
                spacing: Math.round(4 * Theme.panelScale)
                EditorSection {
                    Layout.fillWidth: true
                    title: qsTr("Clients")
                    count: panel.editor.clientNames.length
                    addText: qsTr("+ Client")
                    addTip: qsTr("Add a client")
                    onAddRequested: panel.report(panel.editor.addClient())
                }
                Repeater {
                    model: panel.editor.clients
                    delegate: EditorClientRow {
                        Layout.fillWidth: true
                        editor: panel.editor
                        onRefused: (reason) => panel.report(reason)
                    }
                }
                EditorSection {
                    Layout.fillWidth: true
                    Layout.topMargin: Math.round(6 * Theme.panelScale)
                    title: qsTr("Requests")
                    count: requestList.count
                }
                Label {
                    Layout.fillWidth: true
                    Layout.bottomMargin: Math.round(2 * Theme.panelScale)
                    text: qsTr("Drag a ◆ on the timeline to change when a request is sent.")
                    color: Theme.mutedText
                    font.pixelSize: Theme.panelFont
                    wrapMode: Text.WordWrap
                }
            }

            delegate: EditorRequestRow {
                width: requestList.rowWidth
                editor: panel.editor
                onRefused: (reason) => panel.report(reason)
            }

            footer: ColumnLayout {
                width: requestList.rowWidth
                spacing: Math.round(4 * Theme.panelScale)
                EditorSection {
                    Layout.fillWidth: true
                    Layout.topMargin: Math.round(8 * Theme.panelScale)
                    title: qsTr("Drops")
                    count: dropList.count
                    addText: qsTr("+ Drop")
                    addTip: qsTr("Lose a message on purpose: a request's first response, then change it")
                    onAddRequested: panel.report(panel.editor.addDrop())
                }
                Repeater {
                    id: dropList
                    model: panel.editor.dropRows
                    delegate: EditorEntryRow {
                        Layout.fillWidth: true
                        onChangeRequested: (index, field, text) => panel.report(panel.editor.setDropField(index, field, text))
                        onRemoveRequested: (index) => panel.report(panel.editor.removeDrop(index))
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    Layout.topMargin: Math.round(6 * Theme.panelScale)
                    spacing: Math.round(6 * Theme.panelScale)
                    EditorSection {
                        Layout.fillWidth: true
                        title: qsTr("Faults")
                        count: faultList.count
                    }
                    // A menu of the kinds: the pick is added at the playhead, to be changed below.
                    EditorChoice {
                        id: addFault
                        value: ""
                        choices: panel.editor.faultKinds
                        displayText: qsTr("+ Fault")
                        what: qsTr("Add a fault")
                        implicitWidth: implicitContentWidth + leftPadding + rightPadding
                        popup.width: Math.round(Theme.panelFont * 20)
                        popup.x: width - popup.width
                        onPicked: (text) => panel.report(panel.editor.addFault(choices.indexOf(text)))
                        ToolTip.visible: hovered
                        ToolTip.delay: 600
                        ToolTip.text: qsTr("Add a fault at the playhead: a crash, an outage, a partition, a duplicate, a failed charge")
                    }
                }
                Repeater {
                    id: faultList
                    model: panel.editor.faultRows
                    delegate: EditorEntryRow {
                        Layout.fillWidth: true
                        onChangeRequested: (index, field, text) => panel.report(panel.editor.setFaultField(index, field, text))
                        onRemoveRequested: (index) => panel.report(panel.editor.removeFault(index))
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Faults also come from the scene: right-click a server, the cache or the replication link.")
                    color: Theme.mutedText
                    font.pixelSize: Theme.panelFont
                    wrapMode: Text.WordWrap
                }
            }
        }
    }
}
