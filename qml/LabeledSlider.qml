import QtQuick
import QtQuick.Controls.Basic

// A toolbar slider with its name and current value above the track. `position` is the
// slider's own 0..1; the owner maps it to the real value (linear or log) both ways.
Item {
    id: root

    property string label
    property string valueText
    property string tip
    property alias value: slider.value
    property alias from: slider.from
    property alias to: slider.to
    property alias stepSize: slider.stepSize
    readonly property bool pressed: slider.pressed

    signal moved(real value)

    implicitWidth: Math.round(130 * Theme.scale)
    implicitHeight: caption.implicitHeight + slider.implicitHeight

    Text {
        id: caption
        width: parent.width - valueLabel.implicitWidth - Math.round(6 * Theme.scale)
        text: root.label
        elide: Text.ElideRight
        color: Theme.toolbarMuted
        font.pixelSize: Theme.smallFont
    }
    Text {
        id: valueLabel
        anchors.right: parent.right
        anchors.baseline: caption.baseline
        text: root.valueText
        color: Theme.toolbarText
        font.pixelSize: Theme.smallFont
        font.bold: true
    }

    Slider {
        id: slider
        anchors.top: caption.bottom
        width: parent.width
        padding: 0
        focusPolicy: Qt.TabFocus
        hoverEnabled: true
        implicitHeight: Math.round(18 * Theme.scale)
        onMoved: root.moved(value)

        background: Rectangle {
            x: slider.leftPadding
            y: slider.topPadding + slider.availableHeight / 2 - height / 2
            width: slider.availableWidth
            height: Math.round(4 * Theme.scale)
            radius: height / 2
            color: "#4a5566"
            Rectangle {
                width: slider.visualPosition * parent.width
                height: parent.height
                radius: height / 2
                color: Theme.statusOther
            }
        }
        handle: Rectangle {
            x: slider.leftPadding + slider.visualPosition * (slider.availableWidth - width)
            y: slider.topPadding + slider.availableHeight / 2 - height / 2
            width: Math.round(14 * Theme.scale)
            height: width
            radius: width / 2
            color: slider.pressed ? "#dbe9f5" : "#ffffff"
            border.width: slider.visualFocus ? 2 : 1
            border.color: Theme.statusOther
        }

        ToolTip.visible: (hovered || pressed) && root.tip.length > 0
        ToolTip.delay: 500
        ToolTip.text: root.tip
    }
}
