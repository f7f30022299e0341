import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IdemLab

// A heading of the editor panel, with how many there are and, optionally, an add button.
RowLayout {
    id: section

    property string title
    property int count: 0
    property string addText: ""
    property string addTip: ""

    signal addRequested()

    spacing: Math.round(6 * Theme.panelScale)
    Label {
        Layout.fillWidth: true
        text: qsTr("%1 (%2)").arg(section.title).arg(section.count)
        font.pixelSize: Theme.panelFont
        font.bold: true
        color: Theme.text
        elide: Text.ElideRight
    }
    EditorButton {
        visible: section.addText.length > 0
        text: section.addText
        tip: section.addTip
        onClicked: section.addRequested()
    }
}
