import QtQuick
import IdemLab

// The Compare mode's timelines: the left run's lanes above the right run's, on one time
// axis through both runs' moments, with the one playhead and a ◆ line at the first
// divergence across both. Each run gets its share of the height by its lanes.
Rectangle {
    id: panel

    required property CompareController compare

    readonly property int tagFont: Math.max(12, Math.round(13 * Theme.chromeScale))
    readonly property real padding: Math.round(6 * Theme.scale)
    readonly property int lanes: Math.max(1, top.laneCount) + Math.max(1, bottom.laneCount)
    /// Every lane label of both runs at the scene's small text size.
    readonly property real neededHeight: 2 * (Math.ceil(Theme.smallFont * 1.6) + 24)
                                         + lanes * Math.ceil(Theme.smallFont * 1.25) + 3 * padding

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
        height: Math.round(panel.room * Math.max(1, laneCount) / panel.lanes)
        compare: panel.compare
        side: panel.compare.left
        index: 0
        tagFont: panel.tagFont
    }
    CompareLane {
        id: bottom
        x: panel.padding
        y: top.y + top.height + panel.padding
        width: top.width
        height: panel.room - top.height
        compare: panel.compare
        side: panel.compare.right
        index: 1
        tagFont: panel.tagFont
    }
}
