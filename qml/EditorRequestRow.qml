import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IdemLab

// One request in the editor panel, in two lines: its id, client and target, then when it is
// sent, its key and its amount. Each field edits the scenario when it is left.
Rectangle {
    id: row

    required property int index
    required property string requestId
    required property string client
    required property string atMs
    required property string key
    required property real amount
    required property string target
    required property ScenarioEditor editor

    signal refused(string reason)

    readonly property real pad: Math.round(4 * Theme.panelScale)

    implicitHeight: lines.implicitHeight + 2 * pad
    radius: Theme.radius
    color: index % 2 === 0 ? Theme.panel : Theme.panelAlt

    function set(field, text) {
        row.refused(row.editor.setRequestField(row.index, field, text))
    }

    ColumnLayout {
        id: lines
        anchors.fill: parent
        anchors.margins: row.pad
        spacing: row.pad

        RowLayout {
            Layout.fillWidth: true
            spacing: Math.round(4 * Theme.panelScale)
            Label {
                text: "◆ " + row.requestId
                font.pixelSize: Theme.panelFont
                font.bold: true
                color: Theme.request
                Layout.preferredWidth: Math.round(Theme.panelFont * 3.6)
                elide: Text.ElideRight
            }
            EditorChoice {
                Layout.fillWidth: true
                Layout.minimumWidth: Math.round(Theme.panelFont * 5)
                choices: row.editor.clientNames
                value: row.client
                what: qsTr("%1's client").arg(row.requestId)
                onPicked: (text) => row.set("client", text)
            }
            Label {
                text: qsTr("to")
                font.pixelSize: Theme.panelFont
                color: Theme.mutedText
            }
            EditorChoice {
                Layout.preferredWidth: Math.round(Theme.panelFont * 5.2)
                choices: row.editor.targets
                value: row.target
                what: qsTr("%1's target").arg(row.requestId)
                onPicked: (text) => row.set("target", text)
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("auto: the router picks the client's region; A or B: that cluster; A1: that server")
            }
            EditorButton {
                text: "✕"
                tip: qsTr("Remove %1 (and the drops and faults that name it)").arg(row.requestId)
                onClicked: row.refused(row.editor.removeRequest(row.index))
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Math.round(4 * Theme.panelScale)
            Label {
                text: qsTr("at")
                font.pixelSize: Theme.panelFont
                color: Theme.mutedText
            }
            EditorField {
                Layout.preferredWidth: Math.round(Theme.panelFont * 5)
                horizontalAlignment: TextInput.AlignRight
                value: row.atMs
                what: qsTr("%1's send time in ms").arg(row.requestId)
                onCommitted: (text) => row.set("atMs", text)
            }
            Label {
                text: qsTr("ms  key")
                font.pixelSize: Theme.panelFont
                color: Theme.mutedText
            }
            EditorField {
                Layout.fillWidth: true
                Layout.minimumWidth: Math.round(Theme.panelFont * 3)
                value: row.key
                placeholderText: qsTr("none")
                what: qsTr("%1's key (empty: no key)").arg(row.requestId)
                onCommitted: (text) => row.set("key", text)
            }
            Label {
                text: qsTr("amount")
                font.pixelSize: Theme.panelFont
                color: Theme.mutedText
            }
            EditorField {
                Layout.preferredWidth: Math.round(Theme.panelFont * 3.6)
                horizontalAlignment: TextInput.AlignRight
                value: String(row.amount)
                what: qsTr("%1's amount").arg(row.requestId)
                onCommitted: (text) => row.set("amount", text)
            }
        }
    }
}
