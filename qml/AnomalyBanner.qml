import QtQuick
import QtQuick.Controls.Basic

// The verdict nobody should miss: shown as soon as a key has taken effect twice.
// "⚠ DUPLICATE EFFECT" in large type, the details (which key, which ledger rows) beside it.
Rectangle {
    id: banner

    property string text

    readonly property int split: text.indexOf(" — ")
    readonly property string headline: split >= 0 ? text.slice(0, split) : text
    readonly property string detail: split >= 0 ? text.slice(split + 3) : ""

    visible: text.length > 0
    radius: Theme.radius
    color: Theme.anomalyFill
    border.width: Math.max(2, Math.round(2 * Theme.scale))
    border.color: Theme.anomaly

    // Flashes when the anomaly appears, so the room notices the moment it happens.
    property real flash: 0
    onVisibleChanged: if (visible) flashAnimation.restart()
    SequentialAnimation {
        id: flashAnimation
        loops: 2
        NumberAnimation { target: banner; property: "flash"; from: 0; to: 1; duration: 180 }
        NumberAnimation { target: banner; property: "flash"; from: 1; to: 0; duration: 420 }
    }
    Rectangle {
        anchors.fill: parent
        radius: parent.radius
        color: Theme.anomaly
        opacity: 0.35 * banner.flash
    }

    Row {
        id: content
        anchors.verticalCenter: parent.verticalCenter
        x: Math.round(14 * Theme.scale)
        width: parent.width - 2 * x
        spacing: Math.round(14 * Theme.scale)

        Text {
            id: headlineText
            anchors.verticalCenter: parent.verticalCenter
            text: "⚠ " + banner.headline
            color: Theme.anomalyText
            font.pixelSize: Theme.bannerFont
            font.bold: true
        }
        Text {
            anchors.verticalCenter: parent.verticalCenter
            width: content.width - headlineText.width - content.spacing
            text: banner.detail
            color: Theme.anomalyText
            font.pixelSize: Theme.fontSize
            font.bold: true
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
    }

    HoverHandler { id: hover }
    ToolTip.visible: hover.hovered
    ToolTip.text: banner.text
    ToolTip.delay: 400
}
