import QtQuick

// "✕ DOWN" in bold on a filled pill: a crashed server or an unreachable cache, readable
// without its colour (a washed-out projector, a colour-blind student).
Rectangle {
    id: badge

    implicitWidth: label.implicitWidth + Math.round(12 * Theme.scale)
    implicitHeight: label.implicitHeight + Math.round(4 * Theme.scale)
    radius: Math.round(3 * Theme.scale)
    color: Theme.anomaly

    Text {
        id: label
        anchors.centerIn: parent
        text: qsTr("✕ DOWN")
        color: Theme.onColour
        font.pixelSize: Theme.smallFont
        font.bold: true
        font.letterSpacing: 0.6
    }
}
