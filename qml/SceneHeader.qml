import QtQuick
import QtQuick.Controls.Basic

// The scenario on screen: its number and title, and one line saying what happens in it.
Item {
    id: header

    property string title
    property string description

    Text {
        id: titleText
        width: parent.width
        text: header.title
        elide: Text.ElideRight
        color: Theme.text
        font.pixelSize: Theme.titleFont
        font.bold: true
    }
    Text {
        id: descriptionText
        anchors.top: titleText.bottom
        anchors.topMargin: Math.round(2 * Theme.scale)
        width: parent.width
        text: header.description
        elide: Text.ElideRight
        maximumLineCount: 1
        color: Theme.mutedText
        font.pixelSize: Theme.fontSize

        HoverHandler { id: hover }
        ToolTip.visible: hover.hovered && descriptionText.truncated
        ToolTip.text: header.description
        ToolTip.delay: 400
    }
}
