import QtQuick
import QtQuick.Controls.Basic

// A titled list of table rows (keys, ledger, cache entries) that shows only whole rows,
// keeps the newest row (or `focusRow`) in view and says how many rows are scrolled out
// ("↑ 3 more").
// The wheel scrolls it.
Item {
    id: root

    property string heading
    /// The number in the heading, when not every row shown is counted (-1: all are).
    property int headingCount: -1
    /// Said when the heading is hovered: what the table is, in a newcomer's words.
    property string headingTip
    property string emptyText
    property alias model: list.model
    property alias delegate: list.delegate
    property bool monoHeading: true
    /// A row to keep in view at the top (the ledger's first double charge), or -1 for the
    /// newest row at the bottom.
    property int focusRow: -1

    function reposition() {
        if (focusRow >= 0 && focusRow < list.count)
            list.positionViewAtIndex(focusRow, ListView.Beginning)
        else
            list.positionViewAtEnd()
    }
    onFocusRowChanged: repositionLater.restart()

    // Once the list has laid out its rows (after a count or size change).
    Timer {
        id: repositionLater
        interval: 0
        onTriggered: root.reposition()
    }

    readonly property real rowHeight: Theme.rowHeight
    readonly property int count: list.count
    readonly property int visibleRows: Math.max(1, Math.floor((height - headingText.height)
                                                               / (rowHeight + list.spacing)))
    readonly property int hiddenAbove: Math.max(0, Math.round((list.contentY - list.originY)
                                                              / (rowHeight + list.spacing)))
    readonly property int hiddenBelow: Math.max(0, list.count - hiddenAbove - visibleRows)

    Text {
        id: headingText
        width: parent.width - (moreText.visible ? moreText.width + Theme.gap : 0)
        readonly property int counted: root.headingCount >= 0 ? root.headingCount : list.count
        text: counted > 0 ? qsTr("%1 (%2)").arg(root.heading).arg(counted) : root.heading
        elide: Text.ElideRight
        color: Theme.mutedText
        font.family: root.monoHeading ? Theme.monoFamily : Theme.fontFamily
        font.pixelSize: Theme.smallFont

        HoverHandler { id: headingHover }
        SceneTip {
            shown: headingHover.hovered
            below: false // the rows it describes stay in view
            text: root.headingTip
        }
    }
    Text {
        id: moreText
        anchors.right: parent.right
        anchors.baseline: headingText.baseline
        visible: root.hiddenAbove + root.hiddenBelow > 0
        text: root.hiddenAbove > 0 ? qsTr("↑ %1 more").arg(root.hiddenAbove)
                                   : qsTr("↓ %1 more").arg(root.hiddenBelow)
        color: Theme.accentText
        font.pixelSize: Theme.smallFont
        font.bold: true
    }

    ListView {
        id: list
        anchors.top: headingText.bottom
        width: parent.width
        height: root.visibleRows * (root.rowHeight + spacing)
        clip: true
        spacing: 1
        boundsBehavior: Flickable.StopAtBounds
        onCountChanged: repositionLater.restart()
        onHeightChanged: repositionLater.restart()
        ScrollIndicator.vertical: ScrollIndicator { }
    }

    Text {
        anchors.top: headingText.bottom
        anchors.topMargin: Math.round(3 * Theme.scale)
        width: parent.width
        visible: list.count === 0
        text: root.emptyText
        elide: Text.ElideRight
        color: Theme.mutedText
        font.pixelSize: Theme.smallFont
        font.italic: true
    }
}
