import QtQuick
import QtQuick.Controls.Basic

// The seed of the run's random numbers (jitter, loss): the same seed and settings always
// give the same run.
Column {
    id: root

    property alias value: spin.value
    signal edited(int value)

    spacing: Math.round(1 * Theme.scale)

    Text {
        text: qsTr("Seed")
        color: Theme.toolbarMuted
        font.pixelSize: Theme.smallFont
    }

    SpinBox {
        id: spin
        from: 0
        to: 999999
        editable: true
        focusPolicy: Qt.ClickFocus
        hoverEnabled: true
        implicitWidth: Math.round(88 * Theme.scale)
        implicitHeight: Math.round(24 * Theme.scale)
        font.pixelSize: Theme.fontSize
        leftPadding: down.indicator.width
        rightPadding: up.indicator.width
        onValueModified: root.edited(value)

        background: Rectangle {
            radius: Theme.radius
            color: Theme.toolbarControl
            border.width: spin.activeFocus ? 2 : 1
            border.color: spin.activeFocus ? Theme.statusOther : Theme.toolbarControlBorder
        }
        contentItem: TextInput {
            text: spin.displayText
            font: spin.font
            color: Theme.toolbarText
            selectionColor: Theme.accent
            selectedTextColor: Theme.onColour
            horizontalAlignment: Qt.AlignHCenter
            verticalAlignment: Qt.AlignVCenter
            readOnly: !spin.editable
            validator: spin.validator
            inputMethodHints: Qt.ImhDigitsOnly
            // Hand the keyboard back to the player shortcuts once the number is entered.
            onEditingFinished: spin.focus = false
        }
        up.indicator: Text {
            x: spin.width - width
            height: spin.height
            width: Math.round(22 * Theme.scale)
            text: "+"
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            color: spin.up.pressed ? Theme.statusOther : Theme.toolbarText
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
            color: spin.down.pressed ? Theme.statusOther : Theme.toolbarText
            font.pixelSize: Theme.fontSize
            font.bold: true
        }

        ToolTip.visible: hovered
        ToolTip.delay: 500
        ToolTip.text: qsTr("Random seed (jitter, loss):\nthe same seed and settings always give the same run")
    }
}
