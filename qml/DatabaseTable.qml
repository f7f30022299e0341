import QtQuick
import IdemLab

// A cluster's SQLite database: its idempotency_keys rows beside its ledger rows, and the
// account balances that ledger adds up to. Long tables scroll and keep the newest row in
// view; the headings count the rows.
Rectangle {
    id: db

    property string title
    property string cluster
    property KeyRowModel keys
    property LedgerModel ledger
    property string balances
    property bool busy: false

    radius: Theme.radius
    color: "transparent"
    border.width: busy ? Math.max(2, Math.round(2 * Theme.scale)) : 1
    border.color: busy ? Theme.accent : Theme.strongBorder

    PanelFill { color: Theme.panel }

    readonly property real inset: Math.round(8 * Theme.scale)

    Item {
        id: header
        x: db.inset
        y: Math.round(4 * Theme.scale)
        width: db.width - 2 * db.inset
        height: Math.round(Theme.fontSize * 1.6)

        Row {
            anchors.verticalCenter: parent.verticalCenter
            spacing: Math.round(6 * Theme.scale)
            Text {
                id: dbTitle
                text: db.title
                color: Theme.text
                font.pixelSize: Theme.fontSize
                font.bold: true
            }
            Text {
                anchors.baseline: dbTitle.baseline
                text: qsTr("SQLite")
                color: Theme.mutedText
                font.pixelSize: Theme.smallFont

                HoverHandler { id: sqliteHover }
                SceneTip {
                    shown: sqliteHover.hovered
                    text: qsTr("SQLite: a real database file on this computer; this cluster's server writes its rows there.")
                }
            }
        }
        Text {
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            width: Math.min(implicitWidth, parent.width * 0.6)
            horizontalAlignment: Text.AlignRight
            elide: Text.ElideLeft
            text: db.balances.length > 0 ? qsTr("balances  %1").arg(db.balances) : ""
            color: Theme.mutedText
            font.pixelSize: Theme.smallFont
        }
    }

    Rectangle {
        x: db.inset
        anchors.top: header.bottom
        width: header.width
        height: 1
        color: Theme.border
    }

    Item {
        id: body
        x: db.inset
        anchors.top: header.bottom
        anchors.topMargin: Math.round(3 * Theme.scale)
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Math.round(4 * Theme.scale)
        width: header.width

        readonly property real keysWidth: Math.round(width * 0.47)

        RowList {
            width: body.keysWidth - db.inset
            height: parent.height
            heading: "idempotency_keys"
            headingTip: qsTr("idempotency_keys: one row per key a server has claimed, with its state and stored answer.")
            emptyText: qsTr("no keys yet")
            model: db.keys
            // Expired rows are shown greyed, but are no longer in the DB.
            headingCount: db.keys ? db.keys.rowsInDb : -1
            delegate: KeyRowItem {
                width: ListView.view.width
                ownCluster: db.cluster
            }
        }

        Rectangle {
            x: body.keysWidth - Math.round(db.inset / 2)
            width: 1
            height: parent.height
            color: Theme.border
        }

        RowList {
            x: body.keysWidth + Math.round(db.inset / 2)
            width: body.width - x
            height: parent.height
            heading: "ledger"
            headingTip: qsTr("ledger: one row per money transfer actually made. Two rows for one key = charged twice. A row marked replica was copied here from the other cluster's DB.")
            emptyText: qsTr("no charges yet")
            model: db.ledger
            // A double charge stays in view: its rows are the lesson.
            focusRow: db.ledger ? db.ledger.firstDuplicate : -1
            delegate: LedgerRowItem {
                width: ListView.view.width
            }
        }
    }
}
