import QtQuick

// A box for a client, the router or a server: its name in bold and, below, what it is
// doing (one line per request in hand) or a muted "idle". Busy boxes are tinted and get
// an accent border so the eye finds the work. A crashed server is greyed inside a dashed
// frame, with a bold "✕ DOWN" badge and when it comes back.
Rectangle {
    id: box

    property string title
    property list<string> lines
    property string idleText
    property bool busy: false
    property bool hovered: false
    /// Crashed: greyed, dashed, "✕ DOWN" and `backText` instead of its work.
    property bool down: false
    property string backText
    /// The same, short ("back 3.0 s"): beside the badge where there is no line under it.
    property string backBrief
    /// Small box (many nodes): one line only, smaller type.
    property bool compact: height < Math.round(38 * Theme.scale)

    readonly property int maxLines: Math.max(0, Math.floor((height - titleText.implicitHeight
                                                            - Theme.gap) / lineHeight))
    readonly property real lineHeight: Math.ceil(Theme.smallFont * 1.3)
    /// The newest task lines that fit (the one next to the latest reply); when some do not,
    /// the last shown line ends in "(+N)", N earlier lines left out.
    readonly property list<string> shownLines: {
        const n = lines.length
        const fit = Math.max(0, maxLines)
        if (n <= fit)
            return lines
        if (fit === 0)
            return []
        const shown = lines.slice(n - fit)
        shown[fit - 1] = qsTr("%1  (+%2)").arg(shown[fit - 1]).arg(n - fit)
        return shown
    }

    /// The box's inside (PanelFill, under the border).
    property color fill: down ? Theme.panelAlt : busy ? Theme.busyFill : Theme.panel

    radius: Theme.radius
    color: "transparent"
    border.width: down ? 0 : busy || hovered ? Math.max(2, Math.round(2 * Theme.scale)) : 1
    border.color: busy ? Theme.accent : hovered ? Theme.strongBorder : Theme.border

    PanelFill { color: box.fill }

    DashedFrame {
        anchors.fill: parent
        visible: box.down
        color: Theme.anomaly
        lineWidth: Math.max(2, 2 * Theme.scale)
    }

    Column {
        anchors.centerIn: parent
        width: parent.width - (box.compact ? 4 : 2 * Theme.gap)
        spacing: 0

        Text {
            id: titleText
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: box.down && box.compact ? qsTr("✕ %1").arg(box.title) : box.title
            elide: Text.ElideRight
            color: box.down ? Theme.mutedText : Theme.text
            font.pixelSize: box.compact ? Theme.smallFont : Theme.fontSize
            font.bold: true
        }

        // No line to spare under the badge (a small box at 1280x720): when it comes back
        // goes beside it, short; where even that is too wide, the badge keeps only its ✕.
        Row {
            id: downRow
            visible: box.down && !box.compact
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: Math.round(4 * Theme.scale)
            readonly property bool underShown: box.backText.length > 0 && box.maxLines > 1
            readonly property bool besideShown: !underShown && box.backBrief.length > 0
                && badge.briefWidth + spacing + briefText.implicitWidth <= titleText.width
            DownBadge {
                id: badge
                brief: downRow.besideShown
                       && badge.fullWidth + downRow.spacing + briefText.implicitWidth > titleText.width
            }
            Text {
                id: briefText
                visible: downRow.besideShown
                anchors.verticalCenter: badge.verticalCenter
                text: box.backBrief
                color: Theme.text
                font.pixelSize: Theme.smallFont
            }
        }
        Text {
            visible: box.down && !box.compact && downRow.underShown
            width: titleText.width
            horizontalAlignment: Text.AlignHCenter
            text: box.backText
            elide: Text.ElideRight
            color: Theme.text
            font.pixelSize: Theme.smallFont
            height: box.lineHeight
            verticalAlignment: Text.AlignVCenter
        }

        Repeater {
            model: box.compact || box.down ? [] : box.shownLines
            delegate: Text {
                required property string modelData
                width: titleText.width
                horizontalAlignment: Text.AlignHCenter
                text: modelData
                elide: Text.ElideRight
                color: Theme.accentText
                font.pixelSize: Theme.smallFont
                height: box.lineHeight
                verticalAlignment: Text.AlignVCenter
            }
        }

        Text {
            visible: !box.compact && !box.down && box.maxLines > 0 && box.lines.length === 0 && box.idleText.length > 0
            width: titleText.width
            horizontalAlignment: Text.AlignHCenter
            text: box.idleText
            elide: Text.ElideRight
            color: Theme.mutedText
            font.pixelSize: Theme.smallFont
            font.italic: true
            height: box.lineHeight
            verticalAlignment: Text.AlignVCenter
        }
    }
}
