import QtQuick
import QtQuick.Controls.Basic

// The scenario on screen: its number and title, and one line saying what happens in it.
Item {
    id: header

    property string title
    property string description
    /// The settings that differ from the preset's own ("lag 27 ms (preset: 60 s)").
    property string changedText

    Text {
        id: titleText
        width: Math.min(implicitWidth, parent.width - (changed.visible ? changed.width + Theme.gap : 0))
        text: header.title
        elide: Text.ElideRight
        color: Theme.text
        font.pixelSize: Theme.titleFont
        font.bold: true
    }
    Text {
        id: changed
        anchors.right: parent.right
        anchors.baseline: titleText.baseline
        width: Math.min(implicitWidth, parent.width * 0.55)
        visible: header.changedText.length > 0
        text: qsTr("Not the preset's settings: %1").arg(header.changedText)
        elide: Text.ElideRight
        color: Theme.accentText
        font.pixelSize: Theme.fontSize
        font.bold: true

        HoverHandler { id: changedHover }
        ToolTip.visible: changedHover.hovered
        ToolTip.text: qsTr("The description below is written for the preset's own settings. "
                           + "You changed: %1. Choosing a preset starts it from its own settings.").arg(header.changedText)
        ToolTip.delay: 400
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
