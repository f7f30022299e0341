import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// A toolbar slider for one row of SettingsModel: its name and current value above the
// track. It moves over the setting's stops (keyboard too, see StopSlider); a typed value
// goes in the settings drawer.
Item {
    id: root

    required property int index
    required property string label
    required property string kind
    required property string tip
    required property var stops
    required property int stopIndex
    required property var value
    /// The model, to set values through.
    required property SettingsModel settings

    readonly property string valueText: kind === "millis" ? Theme.durationText(value)
                                      : kind === "probability" ? qsTr("%1 %").arg(Math.round(value * 1000) / 10)
                                      : String(value)

    implicitWidth: Math.max(Math.round(140 * Theme.scale),
                            caption.implicitWidth + valueLabel.implicitWidth + Math.round(10 * Theme.scale))
    implicitHeight: caption.implicitHeight + slider.implicitHeight
    width: implicitWidth
    height: implicitHeight

    Text {
        id: caption
        text: root.label
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

    StopSlider {
        id: slider
        anchors.top: caption.bottom
        width: parent.width
        padding: 0
        implicitHeight: Math.round(18 * Theme.scale)
        stops: root.stops
        stopIndex: root.stopIndex
        Accessible.name: root.label
        onChosen: (stop) => root.settings.setStop(root.index, stop)

        background: Rectangle {
            x: slider.leftPadding
            y: slider.topPadding + slider.availableHeight / 2 - height / 2
            width: slider.availableWidth
            height: Math.round(4 * Theme.scale)
            radius: height / 2
            color: Theme.track
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
            color: slider.pressed ? Theme.knobDown : Theme.knob
            border.width: slider.visualFocus ? 2 : 1
            border.color: Theme.statusOther
        }

        ToolTip.visible: (hovered || pressed) && root.tip.length > 0
        ToolTip.delay: 700
        ToolTip.timeout: 10000
        ToolTip.text: root.tip
    }
}
