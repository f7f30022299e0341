import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IdemLab

// One drop or fault in the editor panel: what it does, and remove.
RowLayout {
    id: line

    required property int index
    required property string modelData

    signal removeRequested(int index)

    spacing: Math.round(4 * Theme.panelScale)
    Label {
        Layout.fillWidth: true
        text: line.modelData
        font.pixelSize: Theme.panelFont
        color: Theme.text
        wrapMode: Text.WordWrap
    }
    EditorButton {
        text: "✕"
        tip: qsTr("Remove: %1").arg(line.modelData)
        onClicked: line.removeRequested(line.index)
    }
}
