import QtQuick
import QtQuick.Controls.Basic

// What just happened, in one plain sentence: the caption of the last event at the
// playhead, its time set apart in a pill. Elided to one line; the tooltip has it all.
// An error (a scenario that failed to load or run) takes its place in the anomaly colour.
// Past text scale 1.5 the line grows only half as fast as the text scale (the transport
// and the settings bar grow less still): the scene gets the height instead, and its labels,
// drawn smaller to fit at that size, stay no larger than the caption.
Rectangle {
    id: bar

    property string caption
    property string errorText
    /// Why the caption's event matters (a second, smaller line); its room is kept even
    /// when an event has none, so the scene above does not jump at every step.
    property string why

    readonly property int captionFont: Math.max(12, Math.round(14 * Theme.chromeScale))
    readonly property real unit: captionFont / 14

    readonly property int split: caption.indexOf(" · ")
    readonly property string timePart: split >= 0 ? caption.slice(0, split) : ""
    readonly property string sentence: errorText.length > 0 ? errorText
                                       : split >= 0 ? caption.slice(split + 3) : caption

    // Less air around the line as the text grows: 2.3 lines' height at scale 1, 1.7 at 3.
    readonly property int whyFont: Math.max(11, Math.round(captionFont * 0.86))
    implicitHeight: Math.round(captionFont * (2.3 - 0.3 * Math.max(0, Math.min(2, Theme.textScale - 1)))
                               + whyFont * 1.35)
    radius: Theme.radius
    color: "transparent"
    border.width: 1
    border.color: errorText.length > 0 ? Theme.anomaly : Theme.border

    PanelFill { color: bar.errorText.length > 0 ? Theme.anomalyFill : Theme.captionFill }

    Rectangle {
        id: timePill
        visible: bar.timePart.length > 0 && bar.errorText.length === 0
        x: Math.round(8 * bar.unit)
        y: Math.round((bar.height - bar.whyFont * 1.35 - height) / 2)
        width: visible ? timeLabel.implicitWidth + Math.round(14 * bar.unit) : 0
        height: timeLabel.implicitHeight + Math.round(4 * bar.unit)
        radius: height / 2
        color: Theme.accent
        Text {
            id: timeLabel
            anchors.centerIn: parent
            text: bar.timePart
            color: Theme.onColour
            font.family: Theme.monoFamily
            font.pixelSize: bar.captionFont
            font.bold: true
        }
    }

    Text {
        id: sentenceText
        anchors.left: timePill.right
        anchors.leftMargin: Math.round(10 * bar.unit)
        anchors.right: parent.right
        anchors.rightMargin: Math.round(10 * bar.unit)
        anchors.verticalCenter: timePill.verticalCenter
        text: bar.sentence
        elide: Text.ElideRight
        maximumLineCount: 1
        color: bar.errorText.length > 0 ? Theme.anomalyText : Theme.text
        font.pixelSize: bar.captionFont
        font.bold: bar.errorText.length > 0
    }

    Text {
        id: whyText
        anchors.left: sentenceText.left
        anchors.right: sentenceText.right
        anchors.top: sentenceText.bottom
        anchors.topMargin: Math.round(2 * bar.unit)
        visible: bar.errorText.length === 0
        text: bar.why.length > 0 ? qsTr("Why it matters: %1").arg(bar.why) : ""
        elide: Text.ElideRight
        maximumLineCount: 1
        color: Theme.mutedText
        font.pixelSize: bar.whyFont
        font.italic: true
    }

    HoverHandler { id: hover }
    ToolTip.visible: hover.hovered && (sentenceText.truncated || whyText.truncated)
    ToolTip.delay: 400
    ToolTip.text: bar.errorText.length > 0 ? bar.errorText
                  : bar.why.length > 0 ? bar.caption + "\n" + whyText.text : bar.caption
}
