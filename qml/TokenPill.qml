import QtQuick

// How a message looks: a request is a filled pill, a response a hollow one; the colour
// says the HTTP status (slate for requests and plain query results).
Rectangle {
    id: pill

    property string text
    property int status: 0
    property bool response: false
    /// Its event is highlighted (hovered here or in the timeline): an accent ring.
    property bool highlighted: false

    readonly property color tone: Theme.statusColor(status)

    implicitWidth: label.implicitWidth + Math.round(14 * Theme.scale)
    implicitHeight: label.implicitHeight + Math.round(5 * Theme.scale)
    radius: height / 2
    color: response ? Theme.panel : tone
    border.width: highlighted ? Math.max(3, Math.round(3 * Theme.scale))
                              : response ? Math.max(2, Math.round(2 * Theme.scale)) : 0
    border.color: highlighted ? Theme.accent : tone

    Text {
        id: label
        anchors.centerIn: parent
        text: pill.text
        color: pill.response ? Theme.statusTextColor(pill.status)
                             : (pill.status === 0 ? Theme.requestText : "#ffffff")
        font.pixelSize: Theme.tokenFont
        font.bold: true
    }
}
