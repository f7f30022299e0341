import QtQuick
import QtQuick.Controls.Basic

// A round-cornered player button with a drawn glyph (TransportIcon) and a tooltip that
// names its keyboard shortcut. `text` is the accessible name and the tooltip.
Button {
    id: control

    property string iconKind
    property bool primary: false

    focusPolicy: Qt.TabFocus
    hoverEnabled: true
    implicitWidth: Math.round((primary ? 44 : 36) * Theme.scale)
    implicitHeight: Math.round(34 * Theme.scale)
    display: AbstractButton.IconOnly

    background: Rectangle {
        radius: Theme.radius
        // A disabled primary button (play while live) greys out like the others.
        color: control.primary && !control.enabled ? Theme.border
             : control.primary ? (control.down ? Qt.darker(Theme.accent, 1.2)
                                               : control.hovered ? Qt.lighter(Theme.accent, 1.15) : Theme.accent)
                               : (control.down ? Theme.border : control.hovered ? Theme.panelAlt : Theme.panel)
        border.width: control.primary ? 0 : (control.visualFocus ? 2 : 1)
        border.color: control.visualFocus ? Theme.accent : Theme.border
    }

    contentItem: Item {
        TransportIcon {
            anchors.centerIn: parent
            width: Math.round(14 * Theme.scale)
            height: width
            kind: control.iconKind
            color: control.primary && control.enabled ? Theme.onColour
                                                      : (control.enabled ? Theme.text : Theme.mutedText)
        }
    }

    ToolTip.visible: hovered
    ToolTip.delay: 500
    ToolTip.text: control.text
}
