import QtQuick
import QtQuick.Controls.Basic

// An on/off switch for the dark toolbar: a pill that turns green when on, and its label.
Switch {
    id: control

    property string tip

    focusPolicy: Qt.TabFocus
    spacing: Math.round(8 * Theme.scale)
    padding: 0
    hoverEnabled: true

    indicator: Rectangle {
        implicitWidth: Math.round(38 * Theme.scale)
        implicitHeight: Math.round(20 * Theme.scale)
        x: control.leftPadding
        y: (control.height - height) / 2
        radius: height / 2
        color: control.checked ? Theme.status201 : Theme.track
        border.width: control.visualFocus ? 2 : 0
        border.color: Theme.statusOther

        Rectangle {
            width: parent.height - 4
            height: width
            radius: width / 2
            y: 2
            x: control.checked ? parent.width - width - 2 : 2
            color: Theme.knob
            Behavior on x { NumberAnimation { duration: 120 } }
        }
    }

    contentItem: Text {
        leftPadding: control.indicator.width + control.spacing
        verticalAlignment: Text.AlignVCenter
        text: control.text
        color: Theme.toolbarText
        font.pixelSize: Theme.fontSize
    }

    ToolTip.visible: hovered && tip.length > 0
    ToolTip.delay: 500
    ToolTip.text: tip
}
