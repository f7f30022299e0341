import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// A small button of the editor panel: a word or a sign, its shortcut in the tooltip.
Button {
    id: control

    property string tip: ""

    font.pixelSize: Theme.panelFont
    padding: Math.round(4 * Theme.panelScale)
    leftPadding: Math.round(8 * Theme.panelScale)
    rightPadding: Math.round(8 * Theme.panelScale)
    focusPolicy: Qt.TabFocus
    background: Rectangle {
        radius: Theme.radius
        color: control.down ? Theme.panelAlt : control.hovered ? Theme.background : Theme.panel
        border.width: control.visualFocus ? 2 : 1
        border.color: control.visualFocus ? Theme.accent : Theme.strongBorder
        opacity: control.enabled ? 1 : 0.5
    }
    contentItem: Text {
        text: control.text
        font: control.font
        color: control.enabled ? Theme.text : Theme.mutedText
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    ToolTip.visible: hovered && tip.length > 0
    ToolTip.delay: 600
    ToolTip.text: tip
    Accessible.name: tip.length > 0 ? tip : text
}
