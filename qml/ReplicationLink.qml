import QtQuick
import QtQuick.Shapes

// The asynchronous replication between DB A and DB B: a dashed line across the gap
// between the clusters, labelled with the lag after which a write shows up on the other side.
Item {
    id: link

    /// The line's x and its two ends (scene coordinates of the parent).
    property real lineX
    property real lineTop
    property real lineBottom
    property real lagMs

    Shape {
        ShapePath {
            strokeColor: Theme.replicationLine
            strokeWidth: Math.max(2, 2 * Theme.scale)
            strokeStyle: ShapePath.DashLine
            dashPattern: [3, 3]
            fillColor: "transparent"
            startX: link.lineX
            startY: link.lineTop
            PathLine { x: link.lineX; y: link.lineBottom }
        }
    }

    Text {
        x: link.lineX + Math.round(10 * Theme.scale)
        y: (link.lineTop + link.lineBottom) / 2 - height / 2
        text: qsTr("⇅ replication · lag %1").arg(Theme.durationText(link.lagMs))
        color: Theme.mutedText
        font.pixelSize: Theme.smallFont
        font.bold: true
    }
}
