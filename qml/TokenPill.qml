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

    /// No room for the label: a small dot in the same colours instead.
    property bool compact: false

    readonly property color tone: Theme.statusColor(status)
    /// The size with the label, whether or not it is compact now.
    readonly property real fullWidth: label.implicitWidth + Math.round(14 * Theme.scale)
    readonly property real fullHeight: label.implicitHeight + Math.round(5 * Theme.scale)
    readonly property real dotSize: Math.round(12 * Theme.scale)

    implicitWidth: compact ? dotSize : fullWidth
    implicitHeight: compact ? dotSize : fullHeight
    radius: height / 2
    color: response ? Theme.panel : tone
    border.width: highlighted ? Math.max(3, Math.round(3 * Theme.scale))
                              : response ? Math.max(2, Math.round(2 * Theme.scale)) : 0
    border.color: highlighted ? Theme.accent : tone

    Text {
        id: label
        anchors.centerIn: parent
        text: pill.text
        visible: !pill.compact
        color: pill.response ? Theme.statusTextColor(pill.status)
                             : (pill.status === 0 ? Theme.requestText : Theme.onColour)
        font.pixelSize: Theme.tokenFont
        font.bold: true
    }
}
