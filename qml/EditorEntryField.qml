import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// One field of a drop or a fault in the editor panel: its label, then a choice (when it has
// choices) or a typed value. A new value goes to `changed`.
Row {
    id: field

    required property string name
    required property string label
    required property string value
    required property list<string> choices
    /// Whose field it is, for screen readers: "R1's response is lost".
    property string owner: ""

    signal changed(string name, string text)

    spacing: Math.round(3 * Theme.panelScale)

    Label {
        anchors.verticalCenter: parent.verticalCenter
        text: field.label
        font.pixelSize: Theme.panelFont
        color: Theme.mutedText
    }
    // As wide as its longest choice, whichever is picked.
    TextMetrics {
        id: longest
        font.pixelSize: Theme.panelFont
        text: field.choices.reduce((a, b) => b.length > a.length ? b : a, "")
    }
    EditorChoice {
        id: choice
        visible: field.choices.length > 0
        width: Math.ceil(longest.advanceWidth) + leftPadding + rightPadding + 2
        choices: field.choices
        value: field.value
        what: qsTr("%1: %2").arg(field.owner).arg(field.label)
        onPicked: (text) => field.changed(field.name, text)
    }
    EditorField {
        visible: field.choices.length === 0
        width: Math.round(Theme.panelFont * 4.6)
        horizontalAlignment: TextInput.AlignRight
        value: field.value
        what: qsTr("%1: %2").arg(field.owner).arg(field.label)
        onCommitted: (text) => field.changed(field.name, text)
    }
}
