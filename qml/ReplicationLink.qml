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

    /// Right-click on the line or its label, at `x`, `y` of this item: the link's fault menu.
    signal faultMenuRequested(real x, real y)

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
        id: label
        x: link.lineX + Math.round(10 * Theme.scale)
        y: (link.lineTop + link.lineBottom) / 2 - height / 2
        text: qsTr("⇅ replication · lag %1").arg(Theme.durationText(link.lagMs))
        color: Theme.mutedText
        font.pixelSize: Theme.smallFont
        font.bold: true
    }
}
