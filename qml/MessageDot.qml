import QtQuick
import IdemLab

// A message in flight when too many are to label each (a burst of hundreds): a small
// disc, filled for a request, a ring for a response, in its status colour. No text, so
// hundreds stay cheap; hovering still shows its label in the scene's tooltip.
Rectangle {
    id: dot

    required property int from
    required property int to
    required property double progress
    required property string label
    required property int status
    required property bool response
    required property bool falling
    required property int eventIndex

    required property Item view
    required property SimulationController controller

    readonly property var link: view.link(from, to, view.geometryRevision)
    readonly property point position: view.tokenPosition(link, progress, response, width, height)
    readonly property bool highlighted: controller.highlightedEvent === eventIndex
    readonly property color tone: Theme.statusColor(status)

    width: Math.round(11 * Theme.scale)
    height: width
    radius: width / 2
    x: position.x - width / 2
    y: position.y - height / 2 + (falling ? Math.round(40 * Theme.scale) : 0)
    opacity: falling ? 0.4 : 1
    color: response ? Theme.panel : tone
    border.width: highlighted ? 3 : response ? 2 : 0
    border.color: highlighted ? Theme.accent : tone
    scale: highlighted ? 1.6 : 1
}
