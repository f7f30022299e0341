import QtQuick
import QtQuick.Controls.Basic

// A SpinBox whose − and + grow with the window's text scale (the Basic style's indicators
// keep their size), in the colours of where it sits: the toolbar's or a dialog's.
SpinBox {
    id: spin

    property color textColour: Theme.text
    property color fillColour: Theme.panel
    property color borderColour: Theme.border
    /// Hands the keyboard back (to the player shortcuts) once a number is entered.
    property bool releaseFocusWhenDone: false

    editable: true
    hoverEnabled: true
    font.pixelSize: Theme.fontSize
    leftPadding: down.indicator.width
    rightPadding: up.indicator.width

    background: Rectangle {
        radius: Theme.radius
        color: spin.fillColour
        border.width: spin.activeFocus ? 2 : 1
        border.color: spin.activeFocus ? Theme.statusOther : spin.borderColour
    }
    contentItem: TextInput {
        text: spin.displayText
        font: spin.font
        color: spin.enabled ? spin.textColour : Theme.mutedText
        selectionColor: Theme.accent
        selectedTextColor: Theme.onColour
        horizontalAlignment: Qt.AlignHCenter
        verticalAlignment: Qt.AlignVCenter
        readOnly: !spin.editable
        validator: spin.validator
        inputMethodHints: Qt.ImhDigitsOnly
        onEditingFinished: if (spin.releaseFocusWhenDone) spin.focus = false
    }
    up.indicator: Text {
        x: spin.width - width
        height: spin.height
        width: Math.round(22 * Theme.scale)
        text: "+"
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        color: spin.up.pressed ? Theme.statusOther : spin.enabled ? spin.textColour : Theme.mutedText
        font.pixelSize: Theme.fontSize
        font.bold: true
    }
    down.indicator: Text {
        x: 0
        height: spin.height
        width: Math.round(22 * Theme.scale)
        text: "−"
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        color: spin.down.pressed ? Theme.statusOther : spin.enabled ? spin.textColour : Theme.mutedText
        font.pixelSize: Theme.fontSize
        font.bold: true
    }
}
