import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IdemLab

// One side of the Compare mode: its name in large type, the overrides typed for it (as
// `idemlab-cli compare --left` takes them; Enter runs this side again, only this one), why a
// text was refused, its verdict and answers, and what it did at the first divergence.
// Framed in the accent colour while the scene shows it; a click on the card shows it.
Rectangle {
    id: card

    required property CompareController compare
    required property CompareSide side
    /// 0: left, 1: right.
    required property int index
    /// The card's text size (the compare panel's, which grows as the caption does).
    property int font: Theme.fontSize
    /// At large text: the verdict on one line, no answers and no divergence step (the
    /// verdict's tooltip says them).
    property bool compact: false

    readonly property bool shown: compare.shownSide === index
    readonly property alias fieldHasFocus: field.activeFocus

    implicitHeight: column.implicitHeight + 2 * column.y
    radius: Theme.radius
    color: Theme.panel
    border.width: shown ? Math.max(2, Math.round(3 * font / 14)) : 1
    border.color: shown ? Theme.accent : Theme.border

    TapHandler { onTapped: card.compare.shownSide = card.index }

    ColumnLayout {
        id: column
        x: Math.round(8 * card.font / 14)
        y: Math.round(6 * card.font / 14)
        width: card.width - 2 * x
        spacing: Math.round(3 * card.font / 14)

        RowLayout {
            Layout.fillWidth: true
            spacing: Math.round(8 * card.font / 14)
            Text {
                text: card.side.name.toUpperCase()
                color: card.shown ? Theme.accentText : Theme.text
                font.pixelSize: Math.round(card.font * 1.35)
                font.bold: true
            }
            TextField {
                id: field
                Layout.fillWidth: true
                font.pixelSize: card.font
                font.family: Theme.monoFamily
                placeholderText: qsTr("the toolbar's settings")
                selectByMouse: true
                color: Theme.text
                placeholderTextColor: Theme.mutedText
                padding: Math.round(4 * card.font / 14)
                background: Rectangle {
                    radius: Theme.radius
                    color: Theme.background
                    border.width: field.activeFocus ? 2 : 1
                    border.color: card.side.errorText.length > 0 ? Theme.anomaly
                                  : field.activeFocus ? Theme.accent : Theme.strongBorder
                }
                onAccepted: {
                    card.compare.setOverrides(card.index, text)
                    card.compare.shownSide = card.index
                }
                ToolTip.visible: hovered && !activeFocus
                ToolTip.delay: 600
                ToolTip.text: qsTr("This side's overrides, as idemlab-cli run takes them (--mutex on --lag-ms 300).\nEnter runs this side again; the other side keeps its run.")
                Accessible.name: qsTr("%1 side's overrides").arg(card.side.name)
            }
        }
        // The field shows what is in force again after each run (a refused text stays typed).
        Connections {
            target: card.side
            function onChanged() { field.text = card.side.overrides }
        }
        Component.onCompleted: field.text = side.overrides

        Text {
            Layout.fillWidth: true
            visible: card.side.errorText.length > 0
            text: card.side.errorText
            color: Theme.anomalyText
            font.pixelSize: Math.max(12, Math.round(card.font * 0.86))
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
            HoverHandler { id: errorHover }
            ToolTip.visible: errorHover.hovered && truncated
            ToolTip.text: text
        }

        Text {
            Layout.fillWidth: true
            text: (card.side.ok ? "✓ " : "⚠ ") + card.side.verdict
            color: card.side.ok ? Theme.text : Theme.anomalyText
            font.pixelSize: card.font
            font.bold: true
            wrapMode: Text.WordWrap
            maximumLineCount: card.compact ? 1 : 2
            elide: Text.ElideRight
            HoverHandler { id: verdictHover }
            ToolTip.visible: verdictHover.hovered && (truncated || card.compact)
            ToolTip.text: card.compact ? [text, answersLine.text, stepLine.text].join("\n") : text
        }
        Text {
            id: answersLine
            Layout.fillWidth: true
            visible: !card.compact
            text: qsTr("Answers: %1").arg(card.side.answers)
            color: Theme.mutedText
            font.pixelSize: Math.max(12, Math.round(card.font * 0.86))
            elide: Text.ElideRight
        }
        Text {
            id: stepLine
            Layout.fillWidth: true
            visible: !card.compact && card.side.step.length > 0
            text: qsTr("There: %1").arg(card.side.step)
            color: Theme.text
            font.pixelSize: Math.max(12, Math.round(card.font * 0.86))
            elide: Text.ElideRight
            HoverHandler { id: stepHover }
            ToolTip.visible: stepHover.hovered && truncated
            ToolTip.text: text
        }
    }
}
