import QtQuick
import QtQuick.Shapes

// The asynchronous replication between DB A and DB B: a dashed line across the gap
// between the clusters, labelled with the lag after which a write shows up on the other side.
// Partitioned, the line is broken at its middle by a bold ✕ and says how many rows wait for
// the heal (not only by colour: the gap and the words say it too).
Item {
    id: link

    /// The line's x and its two ends (scene coordinates of the parent).
    property real lineX
    property real lineTop
    property real lineBottom
    property real lagMs
    /// While the link is cut: "partitioned — 2 rows waiting · heals at t = 5.0 s"; else "".
    property string cutText

    readonly property bool cut: cutText.length > 0
    readonly property real middle: (lineTop + lineBottom) / 2
    readonly property real halfGap: cut ? Math.min((lineBottom - lineTop) / 2 - 2, cross.height / 2 + 2) : 0

    /// Right-click on the line or its label, at `x`, `y` of this item: the link's fault menu.
    signal faultMenuRequested(real x, real y)

    Shape {
        ShapePath {
            strokeColor: link.cut ? Theme.anomaly : Theme.replicationLine
            strokeWidth: Math.max(2, 2 * Theme.scale)
            strokeStyle: ShapePath.DashLine
            dashPattern: [3, 3]
            fillColor: "transparent"
            startX: link.lineX
            startY: link.lineTop
            PathLine { x: link.lineX; y: link.middle - link.halfGap }
            PathMove { x: link.lineX; y: link.middle + link.halfGap }
            PathLine { x: link.lineX; y: link.lineBottom }
        }
    }

    Item {
        x: link.lineX - Math.round(12 * Theme.scale)
        y: link.lineTop
        width: label.x + label.width - x
        height: link.lineBottom - link.lineTop
        TapHandler {
            acceptedButtons: Qt.RightButton
            onTapped: (eventPoint) => link.faultMenuRequested(parent.x + eventPoint.position.x,
                                                              parent.y + eventPoint.position.y)
        }
    }

    Text {
        id: cross
        visible: link.cut
        x: link.lineX - width / 2
        y: link.middle - height / 2
        text: "✕"
        color: Theme.anomaly
        font.pixelSize: Theme.fontSize
        font.bold: true
    }

    Text {
        id: label
        x: link.lineX + Math.round(10 * Theme.scale)
        y: link.middle - height / 2
        text: link.cut ? link.cutText : qsTr("⇅ replication · lag %1").arg(Theme.durationText(link.lagMs))
        color: link.cut ? Theme.anomalyText : Theme.mutedText
        font.pixelSize: Theme.smallFont
        font.bold: true
    }
}
