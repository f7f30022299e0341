import QtQuick
import QtQuick.Controls.Basic

// The scenario on screen: its number and title, and up to two lines saying what happens
// in it (a longer description ends in "…" and shows whole in a tooltip).
Item {
    id: header

    /// The height its title and description need at this width.
    readonly property real neededHeight: titleText.implicitHeight + (descriptionShown
        ? descriptionText.anchors.topMargin + descriptionText.implicitHeight : 0)

    property string title
    property string description
    /// The settings that differ from the preset's own ("lag 27 ms (preset: 60 s)").
    property string changedText
    /// How many lines the description may take under the title (0: none; then the title's
    /// tooltip says it).
    property int descriptionLines: 2
    readonly property bool descriptionShown: descriptionLines > 0

    Text {
        id: titleText
        width: Math.min(implicitWidth, parent.width - (changed.visible ? changed.width + Theme.gap : 0))
        text: header.title
        elide: Text.ElideRight
        color: Theme.text
        font.pixelSize: Theme.titleFont
        font.bold: true

        HoverHandler { id: titleHover }
        ToolTip.visible: titleHover.hovered && (!header.descriptionShown || titleText.truncated)
        ToolTip.text: header.descriptionShown ? header.title : header.title + "\n" + header.description
        ToolTip.delay: 400
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
        visible: header.descriptionShown
        anchors.top: titleText.bottom
        anchors.topMargin: Math.round(2 * Theme.scale)
        width: parent.width
        text: header.description
        wrapMode: Text.WordWrap
        elide: Text.ElideRight
        maximumLineCount: Math.max(1, header.descriptionLines)
        color: Theme.mutedText
        font.pixelSize: Theme.fontSize

        HoverHandler { id: hover }
        ToolTip.visible: hover.hovered && descriptionText.truncated
        ToolTip.text: header.description
        ToolTip.delay: 400
    }
}
