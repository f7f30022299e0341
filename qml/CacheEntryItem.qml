import QtQuick

// One entry of the shared cache: the key, its state, the cluster that claimed it and the
// time it has left to live.
Item {
    id: entry

    required property string key
    required property string status
    required property string origin
    required property string ttlText

    implicitHeight: Theme.rowHeight

    // Click the entry: the key's life over the run takes the lane timeline's place.
    HoverHandler { cursorShape: Qt.PointingHandCursor }
    TapHandler { onTapped: KeySelection.select(entry.key, "") }

    Row {
        id: left
        anchors.verticalCenter: parent.verticalCenter
        spacing: Math.round(6 * Theme.scale)
        Text {
            anchors.verticalCenter: parent.verticalCenter
            width: Math.min(implicitWidth, entry.width * 0.3)
            elide: Text.ElideMiddle
            text: entry.key
            color: Theme.text
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
            font.bold: true
        }
        StatusBadge {
            anchors.verticalCenter: parent.verticalCenter
            status: entry.status
        }
        Text {
            anchors.verticalCenter: parent.verticalCenter
            // Left out where the row has no room for it (a narrow cache at large text).
            visible: x + implicitWidth <= entry.width
            text: entry.origin.length > 0 ? qsTr("by %1").arg(entry.origin) : ""
            color: Theme.mutedText
            font.pixelSize: Theme.smallFont
        }
    }
    Text {
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        width: Math.max(0, Math.min(implicitWidth, entry.width - left.width - Theme.gap))
        horizontalAlignment: Text.AlignRight
        elide: Text.ElideRight
        text: qsTr("TTL %1").arg(Theme.durationText(Theme.parseDuration(entry.ttlText)))
        color: Theme.mutedText
        font.pixelSize: Theme.smallFont

        HoverHandler { id: ttlHover }
        SceneTip {
            shown: ttlHover.hovered
            text: qsTr("TTL (time to live): the cache forgets this key after that time; a retry later claims it anew.")
        }
    }
}
