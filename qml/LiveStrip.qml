import QtQuick
import QtQuick.Controls.Basic

// Over the scene while live mode is on screen, in place of the scenario's title: LIVE and
// the two clusters' addresses, then a curl line to try (selectable, with a Copy button).
// After the servers stop it says the record stays, and how to leave it. Attached to running
// clusters (--attach, the Attach dialog) it says which, and which of them is down.
Rectangle {
    id: strip

    property bool running: false
    /// Showing the event streams of cluster processes elsewhere (AttachController).
    property bool attached: false
    /// Some attached process streams now.
    property bool attachedUp: false
    /// "A http://… · B http://… (down: why)".
    property string attachSummary
    /// Clusters whose every attached URL is down.
    property var downClusters: []
    readonly property bool streaming: running || (attached && attachedUp)
    property string baseUrlA
    property string baseUrlB
    property string curl
    property int requestCount: 0

    radius: Theme.radius
    color: streaming ? Theme.liveFill : Theme.panelAlt
    border.width: Math.max(1, Math.round(1.5 * Theme.scale))
    border.color: streaming ? Theme.live : Theme.border

    readonly property real inset: Math.round(8 * Theme.scale)

    Rectangle {
        id: pill
        x: strip.inset
        y: Math.round(5 * Theme.scale)
        width: pillText.implicitWidth + dot.width + Math.round(18 * Theme.scale)
        height: pillText.implicitHeight + Math.round(4 * Theme.scale)
        radius: height / 2
        color: strip.streaming ? Theme.live : Theme.strongBorder

        Rectangle {
            id: dot
            x: Math.round(7 * Theme.scale)
            anchors.verticalCenter: parent.verticalCenter
            width: Math.round(8 * Theme.scale)
            height: width
            radius: width / 2
            color: Theme.onColour
            SequentialAnimation on opacity {
                running: strip.streaming
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
            text: strip.attached ? (strip.downClusters.length > 0 ? qsTr("ATTACHED · %1 DOWN").arg(strip.downClusters.join(", "))
                                                                  : qsTr("ATTACHED"))
                : strip.running ? qsTr("LIVE") : qsTr("LIVE RECORD")
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
        text: strip.attached
              ? qsTr("attached to %1 · %n request(s) so far", "", strip.requestCount).arg(strip.attachSummary)
              : strip.running
              ? qsTr("cluster A %1 · cluster B %2 · %n request(s) so far", "", strip.requestCount)
                    .arg(strip.baseUrlA).arg(strip.baseUrlB)
              : qsTr("%n request(s), servers stopped · scrub it, export it (real times) · "
                     + "pick a preset or change a setting to return to the simulation",
                     "", strip.requestCount)
        elide: Text.ElideRight
        color: Theme.text
        font.pixelSize: Theme.fontSize
        font.bold: strip.streaming
    }

    Text {
        id: tryLabel
        visible: strip.running && !strip.attached
        x: strip.inset
        anchors.verticalCenter: curlLine.verticalCenter
        text: qsTr("try:")
        color: Theme.mutedText
        font.pixelSize: Theme.smallFont
    }
    TextInput {
        id: curlLine
        visible: tryLabel.visible
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
        visible: tryLabel.visible
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
