import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// A choice of the editor panel (a request's target or client, a client's region): shows
// `value`, hands a new pick to `picked`.
ComboBox {
    id: control

    required property string value
    required property list<string> choices
    property string what: ""

    signal picked(string text)

    model: choices
    currentIndex: Math.max(0, choices.indexOf(value))
    font.pixelSize: Theme.panelFont
    implicitHeight: Math.round(Theme.panelFont * 2)
    leftPadding: Math.round(6 * Theme.panelScale)
    rightPadding: Math.round(20 * Theme.panelScale)
    focusPolicy: Qt.TabFocus
    Accessible.name: what
    onActivated: (index) => {
        const text = textAt(index)
        if (text !== value)
            picked(text)
        currentIndex = Qt.binding(() => Math.max(0, control.choices.indexOf(control.value)))
    }
    background: Rectangle {
        radius: Theme.radius
        color: Theme.panelAlt
        border.width: control.visualFocus ? 2 : 1
        border.color: control.visualFocus ? Theme.accent : Theme.border
    }
    indicator: Text {
        x: control.width - width - Math.round(5 * Theme.panelScale)
        anchors.verticalCenter: parent.verticalCenter
        text: "▾"
        font: control.font
        color: Theme.mutedText
    }
    contentItem: Text {
        leftPadding: 0
        text: control.displayText
        font: control.font
        color: Theme.text
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
}
