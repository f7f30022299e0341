import QtQuick
import IdemLab

// The Compare mode's timelines: the left run's lanes above the right run's, on one time
// axis through both runs' moments, with the one playhead and a ◆ line at the first
// divergence across both. Each run gets its share of the height by its lanes. Where every
// lane of both runs does not fit at the scene's small text size (large text, a projector),
// the lanes that neither run uses (no message, no operation on them) are left out; where even
// those do not fit, the side the scene shows has the room and the other is a strip with its
// name (a click or Ctrl+← / Ctrl+→ swaps them).
Rectangle {
    id: panel

    required property CompareController compare

    readonly property int tagFont: Math.max(12, Math.round(13 * Theme.chromeScale))
    readonly property real padding: Math.round(6 * Theme.scale)
    readonly property int lanes: Math.max(1, top.laneCount) + Math.max(1, bottom.laneCount)
    /// The height `laneTotal` lanes in all take, their labels at the scene's small text size.
    function heightFor(laneTotal) {
        return 2 * (Math.ceil(Theme.smallFont * 1.6) + 24)
                + laneTotal * Math.ceil(Theme.smallFont * 1.25) + 3 * padding
    }
    /// Every lane label of both runs at the scene's small text size.
    readonly property real neededHeight: heightFor(Math.max(1, compare.left.nodeCount)
                                                   + Math.max(1, compare.right.nodeCount))
    /// Only the lanes either run uses: every lane does not fit.
    readonly property bool busyLanesOnly: height < neededHeight
    /// One side's lanes at a time: the busy lanes of both do not fit either.
    readonly property bool oneAtATime: busyLanesOnly
        && height < heightFor(Math.max(1, compare.left.busyLanes.length)
                              + Math.max(1, compare.right.busyLanes.length))
    readonly property int shown: compare.shownSide

    radius: Theme.radius + 2
    color: Theme.panel
    border.width: 1
    border.color: Theme.border

    readonly property real room: height - 3 * padding

    CompareLane {
        id: top
        x: panel.padding
        y: panel.padding
        width: panel.width - 2 * panel.padding
        height: panel.oneAtATime
                ? (collapsed ? collapsedHeight : panel.room - bottom.collapsedHeight)
                : Math.round(panel.room * Math.max(1, laneCount) / panel.lanes)
        collapsed: panel.oneAtATime && panel.shown !== 0
        compare: panel.compare
        side: panel.compare.left
        lanes: panel.busyLanesOnly ? side.busyLanes : []
        index: 0
        tagFont: panel.tagFont
    }
    CompareLane {
        id: bottom
        x: panel.padding
        y: top.y + top.height + panel.padding
        width: top.width
        height: panel.room - top.height
        collapsed: panel.oneAtATime && panel.shown !== 1
        compare: panel.compare
        side: panel.compare.right
        lanes: panel.busyLanesOnly ? side.busyLanes : []
        index: 1
        tagFont: panel.tagFont
    }
}
