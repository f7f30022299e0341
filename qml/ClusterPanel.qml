import QtQuick

// The frame around one cluster's servers and DB: its name in bold and, on the right, the
// state of its per-key lock (the mutex), which only ever spans this one cluster.
Rectangle {
    id: panel

    property string title
    property string lockText

    readonly property bool lockHeld: lockText.startsWith("lock ")
    /// The strip its title and lock sit in (the scene's layout sets it).
    property real headerHeight: Math.round(30 * Theme.scale)

    radius: Theme.radius + 2
    color: "transparent"
    border.width: 1
    border.color: Theme.strongBorder

    PanelFill { color: Theme.clusterFill }

    Text {
        id: titleText
        x: Math.round(10 * Theme.scale)
        height: panel.headerHeight
        verticalAlignment: Text.AlignVCenter
        text: panel.title
        color: Theme.text
        font.pixelSize: Theme.titleFont
        font.bold: true
    }

    Rectangle {
        id: lockPill
        anchors.left: titleText.right
        anchors.leftMargin: Math.round(10 * Theme.scale)
        anchors.verticalCenter: titleText.verticalCenter
        width: Math.min(lockLabel.implicitWidth + Math.round(14 * Theme.scale),
                        panel.width - titleText.width - Math.round(40 * Theme.scale))
        height: lockLabel.implicitHeight + Math.round(4 * Theme.scale)
        radius: height / 2
        color: panel.lockHeld ? Theme.wash(Theme.accent, 0.16) : "transparent"
        border.width: panel.lockHeld ? 1 : 0
        border.color: Theme.accent

        Text {
            id: lockLabel
            anchors.centerIn: parent
            width: parent.width - Math.round(14 * Theme.scale)
            horizontalAlignment: Text.AlignHCenter
            elide: Text.ElideRight
            text: panel.lockText
            color: panel.lockHeld ? Theme.accentText : Theme.mutedText
            font.pixelSize: Theme.smallFont
            font.bold: panel.lockHeld

            HoverHandler { id: lockHover }
            SceneTip {
                shown: lockHover.hovered
                text: qsTr("Mutex: a lock per key inside this cluster. While one server holds it the others wait; the other cluster never sees it.")
            }
        }
    }
}
