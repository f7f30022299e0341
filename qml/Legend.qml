import QtQuick

// What the message tokens mean: filled = request, hollow = response, and the colour of
// each HTTP status the lesson uses.
Rectangle {
    id: legend

    /// Pills only, without their words (the "?" overlay explains them): for a short scene.
    property bool compact: false

    readonly property real inset: Math.round(8 * Theme.scale)
    readonly property var statuses: [
        { code: 201, text: qsTr("Created") },
        { code: 200, text: qsTr("Replayed") },
        { code: 409, text: qsTr("Conflict") },
        { code: 400, text: qsTr("Bad request") },
        { code: 422, text: qsTr("Mismatch") }
    ]

    implicitHeight: flow.implicitHeight + 2 * inset
    radius: Theme.radius
    color: "transparent"
    border.width: 1
    border.color: Theme.border

    PanelFill { color: Theme.panel }

    Flow {
        id: flow
        x: legend.inset
        y: legend.inset
        width: legend.width - 2 * legend.inset
        spacing: Math.round(6 * Theme.scale)

        Row {
            spacing: Math.round(4 * Theme.scale)
            TokenPill { text: qsTr("POST"); status: 0; response: false }
            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("request")
                visible: !legend.compact
                color: Theme.mutedText
                font.pixelSize: Theme.smallFont
            }
        }
        Row {
            spacing: Math.round(4 * Theme.scale)
            TokenPill { text: qsTr("result"); status: 0; response: true }
            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("response")
                visible: !legend.compact
                color: Theme.mutedText
                font.pixelSize: Theme.smallFont
            }
        }
        Repeater {
            model: legend.statuses
            delegate: Row {
                required property var modelData
                spacing: Math.round(4 * Theme.scale)
                TokenPill {
                    text: String(parent.modelData.code)
                    status: parent.modelData.code
                    response: true
                }
                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    text: parent.modelData.text
                    visible: !legend.compact
                color: Theme.mutedText
                    font.pixelSize: Theme.smallFont
                }
            }
        }
    }
}
