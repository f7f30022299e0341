import QtQuick
import QtQuick.Controls.Basic

// How a finished key's duplicate is answered: "200" replays the stored body with 200 OK
// (the seed design), "201" replays the original status (Stripe, the IETF draft).
Column {
    id: root

    property bool original: false
    signal chosen(bool original)

    spacing: Math.round(1 * Theme.scale)

    Text {
        text: qsTr("Replay as")
        color: Theme.toolbarMuted
        font.pixelSize: Theme.smallFont
    }

    Row {
        Repeater {
            model: [false, true]
            delegate: AbstractButton {
                id: segment
                required property bool modelData
                required property int index
                readonly property bool selected: root.original === modelData
                readonly property int code: modelData ? 201 : 200
                focusPolicy: Qt.TabFocus
                hoverEnabled: true
                implicitWidth: Math.round(44 * Theme.scale)
                implicitHeight: Math.round(24 * Theme.scale)
                onClicked: root.chosen(modelData)
                background: Rectangle {
                    radius: Theme.radius
                    color: segment.selected ? Theme.statusColor(segment.code)
                                            : segment.hovered ? Theme.toolbarControlHover : Theme.toolbarControl
                    border.width: 1
                    border.color: segment.selected ? Theme.statusColor(segment.code) : Theme.toolbarControlBorder
                    // Square the inner corners so the two halves read as one control.
                    Rectangle {
                        width: parent.radius
                        height: parent.height
                        x: segment.index === 0 ? parent.width - width : 0
                        color: parent.color
                        border.width: 0
                    }
                }
                contentItem: Text {
                    text: String(segment.code)
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    color: segment.selected ? Theme.onColour : Theme.toolbarMuted
                    font.pixelSize: Theme.fontSize
                    font.bold: true
                }
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: modelData
                    ? qsTr("A duplicate of a finished request gets the original\n201 Created again, with the stored body (Stripe, IETF draft)")
                    : qsTr("A duplicate of a finished request gets 200 OK\nwith the stored response body (the seed design)")
            }
        }
    }
}
