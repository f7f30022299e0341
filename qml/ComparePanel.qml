import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IdemLab

// The Compare mode's strip above the caption: the two sides' cards (overrides, verdict,
// answers, what each did at the first divergence) side by side, and under them where the
// two logs part, "Jump to the divergence" (J), which side the scene shows (Ctrl+←/→ or a
// click on a card) and the way back to one run (Ctrl+Shift+C). Its text grows as the
// caption's does up to 1.5 times (the two timelines under it need the height), and past
// text scale 1.5 each card keeps only its field and its verdict's first line.
Rectangle {
    id: panel

    required property CompareController compare

    readonly property int font: Math.max(12, Math.round(14 * Math.min(Theme.chromeScale, 1.5 * Theme.zoom)))
    readonly property real unit: font / 14
    /// At large text each card drops its answers and divergence lines (tooltips keep them).
    readonly property bool compact: Theme.textScale > 1.5

    implicitHeight: column.implicitHeight + 2 * column.y
    radius: Theme.radius + 2
    color: Theme.panelAlt
    border.width: 1
    border.color: Theme.border

    ColumnLayout {
        id: column
        x: Math.round(6 * panel.unit)
        y: Math.round(6 * panel.unit)
        width: panel.width - 2 * x
        spacing: Math.round(6 * panel.unit)

        RowLayout {
            Layout.fillWidth: true
            spacing: Math.round(8 * panel.unit)
            Repeater {
                model: [panel.compare.left, panel.compare.right]
                delegate: CompareSideCard {
                    // index: the card's own required property, given by the Repeater.
                    required property CompareSide modelData
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    compare: panel.compare
                    side: modelData
                    font: panel.font
                    compact: panel.compact
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Math.round(10 * panel.unit)
            Text {
                text: panel.compare.hasDivergence ? "◆" : "="
                color: panel.compare.hasDivergence ? Theme.accentText : Theme.mutedText
                font.pixelSize: Math.round(panel.font * 1.2)
                font.bold: true
            }
            Text {
                id: divergenceLine
                Layout.fillWidth: true
                text: panel.compare.divergenceText
                color: Theme.text
                font.pixelSize: panel.font
                font.bold: true
                elide: Text.ElideRight
                HoverHandler { id: lineHover }
                ToolTip.visible: lineHover.hovered && truncated
                ToolTip.text: text
            }
            EditorButton {
                text: qsTr("Jump to the divergence  (J)")
                font.pixelSize: panel.font
                padding: Math.round(4 * panel.unit)
                enabled: panel.compare.hasDivergence
                tip: qsTr("Move the playhead to the first event where the two runs differ")
                onClicked: panel.compare.jumpToDivergence()
            }
            EditorButton {
                text: panel.compare.shownSide === 0 ? qsTr("Scene: show Right") : qsTr("Scene: show Left")
                font.pixelSize: panel.font
                padding: Math.round(4 * panel.unit)
                tip: qsTr("The scene shows one side at a time (Ctrl+← / Ctrl+→, or click a card)")
                onClicked: panel.compare.shownSide = 1 - panel.compare.shownSide
            }
            EditorButton {
                text: "✕"
                font.pixelSize: panel.font
                padding: Math.round(4 * panel.unit)
                tip: qsTr("Leave Compare: one run again, with the left side's settings (Ctrl+Shift+C)")
                onClicked: panel.compare.leave()
            }
        }
    }
}
