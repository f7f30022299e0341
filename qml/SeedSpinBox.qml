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

    ScaledSpinBox {
        id: spin
        from: 0
        to: 999999
        focusPolicy: Qt.ClickFocus
        implicitWidth: Math.round(88 * Theme.scale)
        implicitHeight: Math.round(24 * Theme.scale)
        textColour: Theme.toolbarText
        fillColour: Theme.toolbarControl
        borderColour: Theme.toolbarControlBorder
        releaseFocusWhenDone: true
        onValueModified: root.edited(value)

        ToolTip.visible: hovered
        ToolTip.delay: 500
        ToolTip.text: qsTr("Random seed (jitter, loss):\nthe same seed and settings always give the same run")
    }
}
