import QtQuick

// One row of a DB's idempotency_keys table: the key (with its client under keyScope client),
// its state badge, its lease generation once taken over, what just happened to it (taken
// over, a fenced write refused, expired) and where the row came from when replication copied
// it here from the other cluster. A row the reaper deleted stays a while, greyed and struck
// through: it is no longer in the DB.
Item {
    id: row

    required property string key
    required property string status
    required property string origin
    required property bool replica
    required property string scope
    required property int generation
    required property string mark
    /// The cluster of the DB showing this row ("A" or "B").
    property string ownCluster

    readonly property bool expired: mark === "expired"
    readonly property string markText: mark === "takenOver" ? qsTr("taken over")
                                     : mark === "fenced" ? qsTr("fenced write refused")
                                     : mark === "expired" ? qsTr("expired")
                                     : mark === "claimedAfterExpiry" ? qsTr("new after expiry")
                                     : ""
    /// The same in one word, for a narrow column.
    readonly property string markShortText: mark === "takenOver" ? qsTr("taken over")
                                          : mark === "fenced" ? qsTr("fenced")
                                          : mark === "expired" ? qsTr("expired")
                                          : mark === "claimedAfterExpiry" ? qsTr("new")
                                          : ""

    // A marked row takes a second line for its pill: a DB column is too narrow for both.
    implicitHeight: markText.length > 0 ? Theme.rowHeight + markPill.height + Math.round(4 * Theme.scale)
                                        : Theme.rowHeight
    opacity: expired ? 0.55 : 1

    // Click the row: the key's life over the run takes the lane timeline's place.
    HoverHandler { cursorShape: Qt.PointingHandCursor }
    TapHandler { onTapped: KeySelection.select(row.key, row.scope) }

    Row {
        id: line
        y: Math.round((Theme.rowHeight - height) / 2)
        spacing: Math.round(6 * Theme.scale)
        width: parent.width

        Text {
            id: keyText
            anchors.verticalCenter: parent.verticalCenter
            width: Math.min(implicitWidth, row.width * (row.scope.length > 0 ? 0.5 : 0.4))
            text: row.key.length === 0 ? qsTr("(empty)")
                  : row.scope.length > 0 ? qsTr("%1 · %2").arg(row.key).arg(row.scope)
                  : row.key
            elide: Text.ElideMiddle
            color: Theme.text
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
            font.bold: true
            font.strikeout: row.expired
        }

        StatusBadge {
            id: statusBadge
            anchors.verticalCenter: parent.verticalCenter
            status: row.status
        }

        Text {
            id: generationText
            anchors.verticalCenter: parent.verticalCenter
            visible: row.generation > 1 && !row.expired
            text: qsTr("gen %1").arg(row.generation)
            color: Theme.text
            font.pixelSize: Theme.smallFont
            font.bold: true

            HoverHandler { id: generationHover }
            SceneTip {
                shown: generationHover.hovered
                text: qsTr("Lease generation %1: the claim was taken over %2 time(s). A write that carries an older generation is refused (fencing).")
                      .arg(row.generation).arg(row.generation - 1)
            }
        }

        Text {
            id: originText
            // The longest wording that fits the room left beside the badges: "replica from
            // A", "from A", then just "A" (the hover tip of the table says what it means).
            readonly property real room: row.width - x
            readonly property string longText: row.replica ? qsTr("replica from %1").arg(row.origin)
                                                           : qsTr("from %1").arg(row.origin)
            anchors.verticalCenter: parent.verticalCenter
            visible: (row.replica || (row.origin.length > 0 && row.origin !== row.ownCluster))
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

    // What just happened to the row: an outlined pill (its words say it, not its colour).
    Rectangle {
        id: markPill
        readonly property real room: row.width - x
        readonly property real pad: Math.round(10 * Theme.scale)
        readonly property bool wide: longMarkMetrics.advanceWidth + pad <= room
        x: Math.round(12 * Theme.scale)
        y: Theme.rowHeight
        visible: row.markText.length > 0
        width: Math.min(room, (wide ? longMarkMetrics.advanceWidth : shortMarkMetrics.advanceWidth) + pad)
        height: markLabel.implicitHeight + Math.round(2 * Theme.scale)
        radius: Math.round(3 * Theme.scale)
        color: "transparent"
        border.width: Math.max(1.5, 1.5 * Theme.scale)
        border.color: Theme.anomaly
        TextMetrics {
            id: longMarkMetrics
            font: markLabel.font
            text: row.markText
        }
        TextMetrics {
            id: shortMarkMetrics
            font: markLabel.font
            text: row.markShortText
        }
        Text {
            id: markLabel
            anchors.centerIn: parent
            width: parent.width - Math.round(4 * Theme.scale)
            horizontalAlignment: Text.AlignHCenter
            elide: Text.ElideRight
            text: markPill.wide ? row.markText : row.markShortText
            color: Theme.anomalyText
            font.pixelSize: Theme.smallFont
            font.bold: true
        }

        HoverHandler { id: markHover }
        SceneTip {
            shown: markHover.hovered
            text: row.mark === "takenOver"
                  ? qsTr("Taken over: the claim was older than the lease, so a retry claimed it again with the next generation and runs the payment itself.")
                  : row.mark === "fenced"
                    ? qsTr("Fenced: a server whose claim had been taken over tried to write; its generation is stale, so the DB refused the write.")
                    : row.mark === "expired"
                      ? qsTr("Expired: the reaper deleted this key when its time-to-live ran out. It is no longer in the DB; a later request with this key counts as new.")
                      : qsTr("Claimed anew: this key's earlier row expired and was deleted, so this request was treated as a new payment.")
        }
    }
}
