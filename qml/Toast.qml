import QtQuick
import IdemLab

// A one-line message at the bottom of the window that fades after a few seconds: what an
// export or an open did. Errors stay longer and are tinted.
Rectangle {
    id: toast

    function show(message, ok) {
        text.text = message
        toast.ok = ok
        opacity = 1
        hideTimer.interval = ok ? 4000 : 9000
        hideTimer.restart()
    }

    property bool ok: true

    width: Math.min(parent.width - 40, text.implicitWidth + 2 * Theme.gap + 8)
    height: text.implicitHeight + Theme.gap
    radius: Theme.radius
    color: ok ? Theme.tooltipFill : Theme.anomaly
    opacity: 0
    visible: opacity > 0
    z: 100
    Behavior on opacity { NumberAnimation { duration: 250 } }

    Text {
        id: text
        anchors.centerIn: parent
        width: Math.min(implicitWidth, toast.parent.width - 40 - 2 * Theme.gap)
        elide: Text.ElideMiddle
        color: Theme.onColour
        font.pixelSize: Theme.fontSize
    }

    Timer {
        id: hideTimer
        onTriggered: toast.opacity = 0
    }
    MouseArea {
        anchors.fill: parent
        onClicked: toast.opacity = 0
    }
}
