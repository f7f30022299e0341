import QtQuick

// "✕ DOWN" in bold on a filled pill: a crashed server or an unreachable cache, readable
// without its colour (a washed-out projector, a colour-blind student). `brief`: only the
// ✕, where a small box needs the room for when it comes back (the dashed frame and grey
// still say it is down).
Rectangle {
    id: badge

    property bool brief: false
    readonly property real padding: Math.round(12 * Theme.scale)
    /// Its width as "✕ DOWN", whether or not it is brief now.
    readonly property real fullWidth: fullMetrics.advanceWidth + padding
    /// …and as only its ✕.
    readonly property real briefWidth: briefMetrics.advanceWidth + padding

    implicitWidth: label.implicitWidth + padding
    implicitHeight: label.implicitHeight + Math.round(4 * Theme.scale)
    radius: Math.round(3 * Theme.scale)
    color: Theme.anomaly

    TextMetrics {
        id: fullMetrics
        font: label.font
        text: qsTr("✕ DOWN")
    }
    TextMetrics {
        id: briefMetrics
        font: label.font
        text: "✕"
    }
    Text {
        id: label
        anchors.centerIn: parent
        text: badge.brief ? briefMetrics.text : fullMetrics.text
        color: Theme.onColour
        font.pixelSize: Theme.smallFont
        font.bold: true
        font.letterSpacing: 0.6
    }
}
