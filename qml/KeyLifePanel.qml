import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// A key's life at a glance, in the lane timeline's place while a key is selected: its state
// over the run in DB A, DB B and the shared cache, the requests that carried it and the
// ledger rows it caused, on the same time axis, with the playhead. Click to seek.
Rectangle {
    id: panel

    required property SimulationController controller
    /// The height at which every lane and the header show at the scene's small text size.
    readonly property real neededHeight: header.height + canvas.neededHeight
                                         + 3 * Math.round(6 * Theme.scale)

    radius: Theme.radius + 2
    color: Theme.panel
    border.width: 1
    border.color: Theme.accent

    Item {
        id: header
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Math.round(6 * Theme.scale)
        height: Math.max(title.implicitHeight, close.implicitHeight)

        Text {
            id: title
            anchors.left: parent.left
            anchors.verticalCenter: parent.verticalCenter
            width: Math.min(implicitWidth, close.x - Math.round(8 * Theme.scale))
            text: KeySelection.scope.length > 0
                  ? qsTr("The life of key %1 (%2)").arg(KeySelection.key).arg(KeySelection.scope)
                  : qsTr("The life of key %1").arg(KeySelection.key)
            color: Theme.text
            font.pixelSize: Theme.fontSize
            font.bold: true
            elide: Text.ElideRight
        }
        // What the lanes hold and how to use them, in the room the title leaves.
        Text {
            id: summary
            readonly property real room: close.x - x - Math.round(8 * Theme.scale)
            anchors.left: title.right
            anchors.leftMargin: Math.round(16 * Theme.scale)
            anchors.verticalCenter: parent.verticalCenter
            width: Math.max(0, Math.min(implicitWidth, room))
            visible: room >= Math.min(implicitWidth, 12 * Theme.smallFont)
            text: (canvas.requestCount === 1 ? qsTr("1 request") : qsTr("%1 requests").arg(canvas.requestCount))
                  + " · " + (canvas.chargeCount === 1 ? qsTr("1 ledger row")
                                                      : qsTr("%1 ledger rows").arg(canvas.chargeCount))
                  + " · " + qsTr("click a bar to go there · Esc closes")
            color: Theme.mutedText
            font.pixelSize: Theme.smallFont
            elide: Text.ElideRight
        }
        Button {
            id: close
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            text: "✕"
            font.pixelSize: Theme.smallFont
            padding: Math.round(3 * Theme.scale)
            focusPolicy: Qt.NoFocus
            onClicked: KeySelection.clear()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Back to the lane timeline (Esc)")
        }
    }

    KeyLifeCanvas {
        id: canvas
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: header.bottom
        anchors.bottom: parent.bottom
        anchors.margins: Math.round(6 * Theme.scale)
        playback: panel.controller.playback
        key: KeySelection.key
        scope: KeySelection.scope
        dark: Theme.dark
        textScale: Theme.smallFont / 12
    }
}
