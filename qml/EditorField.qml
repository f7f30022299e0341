import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// A typed field of the editor panel: shows `value`; Enter or leaving the field hands the text
// to `commit`, which returns "" or why not (the field then shows the value in force again,
// and the panel the reason). Esc puts the value back.
TextField {
    id: field

    required property string value
    /// What the field edits, for screen readers: "R1's time in ms".
    property string what: ""
    property bool refused: false

    signal committed(string text)

    text: value
    selectByMouse: true
    font.pixelSize: Theme.panelFont
    color: Theme.text
    placeholderTextColor: Theme.mutedText
    padding: Math.round(3 * Theme.panelScale)
    leftPadding: Math.round(6 * Theme.panelScale)
    rightPadding: Math.round(6 * Theme.panelScale)
    Accessible.name: what
    background: Rectangle {
        radius: Theme.radius
        color: Theme.panelAlt
        border.width: field.activeFocus ? 2 : 1
        border.color: field.refused ? Theme.anomaly : field.activeFocus ? Theme.accent : Theme.border
    }
    function send() {
        if (text !== value)
            committed(text)
        // Whatever the edit did, the field shows what the scenario holds.
        text = Qt.binding(() => field.value)
    }
    onAccepted: send()
    onEditingFinished: send()
    Keys.onEscapePressed: (event) => {
        text = Qt.binding(() => field.value)
        field.focus = false
        event.accepted = true
    }
}
