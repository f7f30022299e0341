import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IdemLab

// One drop or fault in the editor panel: what it does in words and remove, then its fields
// (a choice or a typed value each), wrapping as the panel's width and the text size ask.
// Each change is one undo step; a refused value leaves the field as it was.
Rectangle {
    id: row

    required property int index
    required property string text
    /// Its fields: {name, label, value, choices} each (ScenarioEntries).
    required property var fields

    signal changeRequested(int index, string field, string text)
    signal removeRequested(int index)

    readonly property real pad: Math.round(4 * Theme.panelScale)

    implicitHeight: lines.implicitHeight + 2 * pad
    radius: Theme.radius
    color: index % 2 === 0 ? Theme.panel : Theme.panelAlt

    ColumnLayout {
        id: lines
        anchors.fill: parent
        anchors.margins: row.pad
        spacing: row.pad

        RowLayout {
            Layout.fillWidth: true
            spacing: Math.round(4 * Theme.panelScale)
            Label {
                Layout.fillWidth: true
                text: row.text
                font.pixelSize: Theme.panelFont
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            EditorButton {
                text: "✕"
                tip: qsTr("Remove: %1").arg(row.text)
                onClicked: row.removeRequested(row.index)
            }
        }
        Flow {
            Layout.fillWidth: true
            // Its rows as they wrap (its implicit height can lag a layout pass behind).
            Layout.preferredHeight: childrenRect.height
            spacing: Math.round(6 * Theme.panelScale)
            Repeater {
                model: row.fields
                delegate: EditorEntryField {
                    required property var modelData
                    name: modelData.name
                    label: modelData.label
                    value: modelData.value
                    choices: modelData.choices
                    owner: row.text
                    onChanged: (field, text) => row.changeRequested(row.index, field, text)
                }
            }
        }
    }
}
