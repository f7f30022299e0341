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
            anchors.verticalCenter: parent.verticalCenter
            visible: row.replica || (row.origin.length > 0 && row.origin !== row.ownCluster)
            text: row.replica ? qsTr("replica from %1").arg(row.origin) : qsTr("from %1").arg(row.origin)
            color: Theme.mutedText
            font.pixelSize: Theme.smallFont
            font.italic: true
        }
    }
}
