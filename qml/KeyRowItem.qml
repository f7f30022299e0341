import QtQuick

// One row of a DB's idempotency_keys table: the key, its state badge, and where the row
// came from when replication copied it here from the other cluster.
Item {
    id: row

    required property string key
    required property string status
    required property string origin
    required property bool replica
    /// The cluster of the DB showing this row ("A" or "B").
    property string ownCluster

    implicitHeight: Theme.rowHeight

    Row {
        anchors.verticalCenter: parent.verticalCenter
        spacing: Math.round(6 * Theme.scale)
        width: parent.width

        Text {
            id: keyText
            anchors.verticalCenter: parent.verticalCenter
            width: Math.min(implicitWidth, row.width * 0.4)
            text: row.key.length > 0 ? row.key : qsTr("(empty)")
            elide: Text.ElideMiddle
            color: Theme.text
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
            font.bold: true
        }

        StatusBadge {
            anchors.verticalCenter: parent.verticalCenter
            status: row.status
        }

        Text {
            id: originText
            // The longest wording that fits the room left beside the badge: "replica from
            // A", "from A", then just "A" (the hover tip of the table says what it means).
            readonly property real room: row.width - x
            readonly property string longText: row.replica ? qsTr("replica from %1").arg(row.origin)
                                                           : qsTr("from %1").arg(row.origin)
            anchors.verticalCenter: parent.verticalCenter
            visible: row.replica || (row.origin.length > 0 && row.origin !== row.ownCluster)
            width: Math.min(implicitWidth, Math.max(0, room))
            text: longMetrics.advanceWidth <= room ? longText
                  : shortMetrics.advanceWidth <= room ? shortMetrics.text : row.origin
            elide: Text.ElideRight
            color: Theme.mutedText
            font.pixelSize: Theme.smallFont
            font.italic: true

            TextMetrics {
                id: longMetrics
                font: originText.font
                text: originText.longText
            }
            TextMetrics {
                id: shortMetrics
                font: originText.font
                text: qsTr("from %1").arg(row.origin)
            }
        }
    }
}
