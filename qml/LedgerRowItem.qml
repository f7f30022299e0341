import QtQuick

// One row of a DB's ledger: the side effect. A row that is one of a duplicate effect is
// painted in the anomaly colour with a warning sign, so a double charge stands out.
Rectangle {
    id: row

    required property string ledgerId
    required property string key
    required property string fromAcct
    required property string toAcct
    required property double amount
    required property bool replica
    required property bool duplicate

    implicitHeight: Theme.rowHeight
    radius: Math.round(3 * Theme.scale)
    color: duplicate ? Theme.wash(Theme.anomaly, Theme.dark ? 0.28 : 0.16) : "transparent"
    border.width: duplicate ? 1 : 0
    border.color: Theme.anomaly

    readonly property color ink: duplicate ? Theme.anomalyText : Theme.text

    Row {
        anchors.left: parent.left
        anchors.leftMargin: Math.round(4 * Theme.scale)
        anchors.verticalCenter: parent.verticalCenter
        spacing: Math.round(8 * Theme.scale)

        Text {
            text: row.duplicate ? "⚠ " + row.ledgerId : row.ledgerId
            color: row.duplicate ? row.ink : Theme.mutedText
            font.family: Theme.monoFamily
            font.pixelSize: Theme.smallFont
            font.bold: row.duplicate
            anchors.verticalCenter: parent.verticalCenter
        }
        Text {
            width: Math.min(implicitWidth, row.width * 0.35)
            elide: Text.ElideMiddle
            text: row.key
            color: row.ink
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
            font.bold: true
            anchors.verticalCenter: parent.verticalCenter
        }
        Text {
            id: transfer
            // The whole transfer where it fits, tighter where the column is narrow, the
            // amount alone at the least (the ledger's hover tip has the accounts).
            readonly property real room: row.width - x - Math.round(4 * Theme.scale)
            text: fullForm.width <= room ? fullForm.text
                  : tightForm.width <= room ? tightForm.text : String(row.amount)
            TextMetrics {
                id: fullForm
                font: transfer.font
                text: qsTr("%1 → %2  %3").arg(row.fromAcct).arg(row.toAcct).arg(row.amount)
            }
            TextMetrics {
                id: tightForm
                font: transfer.font
                text: qsTr("%1→%2 %3").arg(row.fromAcct).arg(row.toAcct).arg(row.amount)
            }
            color: row.ink
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
            anchors.verticalCenter: parent.verticalCenter
        }
        Text {
            // "replica" where there is room beside the amount; else nothing (the hover tip
            // of the ledger says a replica is the other cluster's row copied here).
            readonly property real room: row.width - x - Math.round(4 * Theme.scale)
            visible: row.replica && implicitWidth <= room
            text: qsTr("replica")
            color: row.duplicate ? row.ink : Theme.mutedText
            font.pixelSize: Theme.smallFont
            font.italic: true
            anchors.verticalCenter: parent.verticalCenter
        }
    }
}
