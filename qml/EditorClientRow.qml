import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IdemLab

// One client in the editor panel: its name and region, a request from it at the playhead,
// and remove (its requests go with it).
RowLayout {
    id: row

    required property int index
    required property string name
    required property string region
    required property ScenarioEditor editor

    signal refused(string reason)

    spacing: Math.round(4 * Theme.panelScale)

    EditorField {
        Layout.fillWidth: true
        Layout.minimumWidth: Math.round(60 * Theme.panelScale)
        value: row.name
        what: qsTr("Client %1's name").arg(row.index + 1)
        onCommitted: (text) => row.refused(row.editor.setClientField(row.index, "name", text))
    }
    EditorChoice {
        Layout.preferredWidth: Math.round(Theme.panelFont * 4.2)
        choices: ["A", "B"]
        value: row.region
        what: qsTr("%1's region").arg(row.name)
        onPicked: (text) => row.refused(row.editor.setClientField(row.index, "region", text))
        ToolTip.visible: hovered
        ToolTip.delay: 600
        ToolTip.text: qsTr("Its region: the router sends its requests to this cluster")
    }
    EditorButton {
        text: qsTr("+ Request")
        tip: qsTr("%1 sends a request with a new key at the playhead").arg(row.name)
        onClicked: row.refused(row.editor.addRequest(row.index))
    }
    EditorButton {
        text: "✕"
        tip: qsTr("Remove %1 and its requests").arg(row.name)
        onClicked: row.refused(row.editor.removeClient(row.index))
    }
}
