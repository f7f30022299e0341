import QtQuick
import IdemLab

// In the Compare mode, which side the scene shows, in large type at its lower left corner
// ("LEFT · --mutex off"), so the back of the room knows which run it is watching.
Rectangle {
    id: tag

    required property CompareController compare

    readonly property CompareSide side: compare.shownSide === 0 ? compare.left : compare.right
    readonly property int font: Math.max(14, Math.round(20 * Theme.chromeScale))

    visible: compare.active
    anchors.left: parent.left
    anchors.bottom: parent.bottom
    anchors.margins: Math.round(6 * Theme.scale)
    z: 7
    width: Math.min(parent.width * 0.6, label.implicitWidth + 2 * label.x)
    height: label.implicitHeight + Math.round(8 * font / 20)
    radius: Theme.radius
    color: Theme.accent

    Text {
        id: label
        x: Math.round(10 * tag.font / 20)
        width: tag.width - 2 * x
        anchors.verticalCenter: parent.verticalCenter
        text: tag.side.overrides.length > 0
              ? qsTr("%1 · %2").arg(tag.side.name.toUpperCase()).arg(tag.side.overrides)
              : tag.side.name.toUpperCase()
        color: Theme.onColour
        font.pixelSize: tag.font
        font.bold: true
        elide: Text.ElideRight
    }
}
