import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// A request's ◆ on the timeline, on its client's lane at its send time: drag it sideways to
// send the request at another time, past the run's end too (one undo step per drag). The
// engine reruns as it is dragged: the scene and the timeline follow, the ◆ stays under the
// pointer on the axis the drag began on.
Item {
    id: handle

    required property int index
    required property string requestId
    required property int clientIndex
    required property real atUs
    required property TimelineCanvas canvas
    required property ScenarioEditor editor

    /// Where the drag began (canvas x) and where it has taken the ◆ since.
    property real dragStartX: 0
    property real dragDx: 0
    // Read layoutRevision in the result (a bare read may be compiled away) to follow a new
    // run, size or text scale.
    readonly property real baseX: canvas.layoutRevision >= 0 ? canvas.xForTime(atUs) : 0
    readonly property real laneY: canvas.layoutRevision >= 0 ? canvas.laneY(clientIndex) : -1
    readonly property real dragX: dragStartX + dragDx
    readonly property real dragUs: Math.max(0, Math.round(canvas.dragTimeForX(dragX) / 1000) * 1000)

    width: Math.round(Theme.smallFont * 1.6)
    height: width
    x: canvas.x + (drag.active ? dragX : baseX) - width / 2
    y: canvas.y + laneY - height / 2
    visible: laneY >= 0

    Text {
        anchors.centerIn: parent
        text: "◆"
        font.pixelSize: Theme.smallFont // one lane high: the ◆s of next lanes do not touch
        color: drag.active || hover.hovered ? Theme.accent : Theme.request
        style: Text.Outline
        styleColor: Theme.panel
    }

    HoverHandler {
        id: hover
        cursorShape: Qt.SizeHorCursor
    }
    DragHandler {
        id: drag
        target: null
        xAxis.enabled: true
        yAxis.enabled: false
        onTranslationChanged: {
            if (!active)
                return
            handle.dragDx = translation.x
            handle.editor.dragRequest(handle.index, handle.dragUs)
        }
        onActiveChanged: {
            if (active) {
                handle.canvas.beginDrag()
                handle.dragStartX = handle.baseX
                handle.dragDx = 0
                return
            }
            const t = handle.dragUs
            handle.dragDx = 0
            handle.editor.moveRequest(handle.index, t)
        }
    }

    ToolTip.visible: hover.hovered || drag.active
    ToolTip.delay: drag.active ? 0 : 500
    ToolTip.text: drag.active ? qsTr("%1 sent at %2").arg(requestId).arg(DurationFormat.moment(dragUs))
                              : qsTr("%1 at %2: drag to send it at another time").arg(requestId).arg(DurationFormat.moment(atUs))
}
