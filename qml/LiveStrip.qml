import QtQuick
import QtQuick.Controls.Basic

// Over the scene while live mode is on screen, in place of the scenario's title: LIVE and
// the two clusters' addresses, then a curl line to try (selectable, with a Copy button).
// After the servers stop it says the record stays, and how to leave it.
Rectangle {
    id: strip

    property bool running: false
    property string baseUrlA
    property string baseUrlB
    property string curl
    property int requestCount: 0

    radius: Theme.radius
    color: running ? Theme.liveFill : Theme.panelAlt
    border.width: Math.max(1, Math.round(1.5 * Theme.scale))
    border.color: running ? Theme.live : Theme.border

    readonly property real inset: Math.round(8 * Theme.scale)

    Rectangle {
        id: pill
        x: strip.inset
        y: Math.round(5 * Theme.scale)
        width: pillText.implicitWidth + dot.width + Math.round(18 * Theme.scale)
        height: pillText.implicitHeight + Math.round(4 * Theme.scale)
        radius: height / 2
        color: strip.running ? Theme.live : Theme.strongBorder

        Rectangle {
            id: dot
            x: Math.round(7 * Theme.scale)
            anchors.verticalCenter: parent.verticalCenter
            width: Math.round(8 * Theme.scale)
            height: width
            radius: width / 2
            color: Theme.onColour
            SequentialAnimation on opacity {
                running: strip.running
                loops: Animation.Infinite
                NumberAnimation { to: 0.25; duration: 600 }
                NumberAnimation { to: 1; duration: 600 }
            }
        }
        Text {
            id: pillText
            anchors.left: dot.right
            anchors.leftMargin: Math.round(5 * Theme.scale)
            anchors.verticalCenter: parent.verticalCenter
            text: strip.running ? qsTr("LIVE") : qsTr("LIVE RECORD")
            color: Theme.onColour
            font.pixelSize: Theme.fontSize
            font.bold: true
        }
    }

    Text {
        id: addresses
        anchors.left: pill.right
        anchors.leftMargin: strip.inset
        anchors.right: parent.right
        anchors.rightMargin: strip.inset
        anchors.verticalCenter: pill.verticalCenter
        text: strip.running
              ? qsTr("cluster A %1 · cluster B %2 · %n request(s) so far", "", strip.requestCount)
                    .arg(strip.baseUrlA).arg(strip.baseUrlB)
              : qsTr("%n request(s), servers stopped · scrub it, export it (real times) · "
                     + "pick a preset or change a setting to return to the simulation",
                     "", strip.requestCount)
        elide: Text.ElideRight
        color: Theme.text
        font.pixelSize: Theme.fontSize
        font.bold: strip.running
    }

    Text {
        id: tryLabel
        visible: strip.running
        x: strip.inset
        anchors.verticalCenter: curlLine.verticalCenter
        text: qsTr("try:")
        color: Theme.mutedText
        font.pixelSize: Theme.smallFont
    }
    TextInput {
        id: curlLine
        visible: strip.running
        anchors.left: tryLabel.right
        anchors.leftMargin: Math.round(6 * Theme.scale)
        anchors.right: copyButton.left
        anchors.rightMargin: strip.inset
        y: pill.y + pill.height + Math.round(5 * Theme.scale)
        text: strip.curl
        readOnly: true
        selectByMouse: true
        clip: true
        color: Theme.text
        selectionColor: Theme.accent
        selectedTextColor: Theme.onColour
        font.family: Theme.monoFamily
        font.pixelSize: Theme.smallFont
    }
    Button {
        id: copyButton
        visible: strip.running
        anchors.right: parent.right
        anchors.rightMargin: strip.inset
        anchors.verticalCenter: curlLine.verticalCenter
        text: qsTr("Copy")
        focusPolicy: Qt.TabFocus
        font.pixelSize: Theme.smallFont
        topPadding: Math.round(1 * Theme.scale)
        bottomPadding: Math.round(1 * Theme.scale)
        leftPadding: Math.round(8 * Theme.scale)
        rightPadding: Math.round(8 * Theme.scale)
        implicitHeight: Math.round(Theme.smallFont * 1.6)
        background: Rectangle {
            radius: Theme.radius
            color: copyButton.down ? Theme.border : copyButton.hovered ? Theme.panelAlt : Theme.panel
            border.width: 1
            border.color: Theme.border
        }
        contentItem: Text {
            text: copyButton.text
            color: Theme.text
            font.pixelSize: Theme.smallFont
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
        onClicked: {
            curlLine.selectAll()
            curlLine.copy()
            curlLine.deselect()
        }
        ToolTip.visible: hovered
        ToolTip.delay: 500
        ToolTip.text: qsTr("Copy the curl line; run it twice to see the replay answered 200")
    }
}
