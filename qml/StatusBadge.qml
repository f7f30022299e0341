import QtQuick

// A key's state as a filled pill: CREATED (orange, claimed and still running) or
// CONSUMED (green, finished; its response is stored for replays).
Rectangle {
    id: badge

    property string status

    readonly property color tone: status === "CONSUMED" ? Theme.consumed
                                  : status === "CREATED" ? Theme.created : Theme.statusOther

    implicitWidth: label.implicitWidth + Math.round(12 * Theme.scale)
    implicitHeight: label.implicitHeight + Math.round(4 * Theme.scale)
    radius: height / 2
    color: tone

    Text {
        id: label
        anchors.centerIn: parent
        text: badge.status
        color: badge.status === "CREATED" ? Theme.createdText : Theme.onColour
        font.pixelSize: Theme.smallFont
        font.bold: true
        font.letterSpacing: 0.4
    }

    HoverHandler { id: hover }
    SceneTip {
        shown: hover.hovered
        text: badge.status === "CONSUMED"
              ? qsTr("CONSUMED: the payment is done and its answer is stored; a duplicate gets that answer again.")
              : badge.status === "CREATED"
                ? qsTr("CREATED: a server has claimed the key and is still working; a duplicate now gets 409.")
                : ""
    }
}
