import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// Playback: restart, step back, play/pause, step forward, the speed with − and +, and the
// scrub bar with the time. Each button's tooltip names its key.
Item {
    id: bar

    required property SimulationController controller

    /// The Export button and the menu button ask the window (which owns the dialogs).
    signal exportRequested()
    signal menuRequested(Item anchor)
    signal helpRequested()
    /// The scene and the lane timeline take turns (they do not both fit at this text size):
    /// the bar then shows a button that switches them (Tab).
    property bool takingTurns: false
    property bool timelineOnly: false
    signal viewToggled()

    /// Like the settings bar, the player is the teacher's: it grows with the window's zoom
    /// and only a little with the text scale.
    readonly property real shrink: Math.min(1, Theme.zoom * 1.25 / Theme.scale)

    implicitHeight: content.height * shrink

    /// Opens the ☰ menu under its button (the menu key, and --show menu).
    function openMenu() {
        bar.menuRequested(menuButton)
    }

    function speedText(s) {
        return (s >= 1 ? Number(s).toFixed(s % 1 === 0 ? 0 : 1)
                       : Number(s).toPrecision(s < 0.1 ? 1 : 2).replace(/0+$/, "")) + "×"
    }

    /// How long one second of the run lasts on screen at speed `s`: "20 s", "100 ms".
    function wallText(s) {
        return Theme.durationText(1000 / s)
    }

    Item {
        id: content
        width: bar.width / bar.shrink
        height: Math.round(40 * Theme.scale)
        scale: bar.shrink
        transformOrigin: Item.TopLeft

        Row {
            id: buttons
            anchors.verticalCenter: parent.verticalCenter
            spacing: Math.round(6 * Theme.scale)

            TransportButton {
                iconKind: "restart"
                text: qsTr("Restart (Home)")
                onClicked: bar.controller.playback.restart()
            }
            TransportButton {
                iconKind: "back"
                text: qsTr("Step back to the previous event (←)")
                onClicked: bar.controller.playback.stepPrevious()
            }
            TransportButton {
                primary: true
                // Live, the playhead follows the servers' clock: nothing to play.
                enabled: !bar.controller.playback.live
                iconKind: bar.controller.playback.playing ? "pause" : "play"
                text: bar.controller.playback.playing ? qsTr("Pause (Space)") : qsTr("Play (Space)")
                onClicked: bar.controller.playback.togglePlaying()
            }
            TransportButton {
                iconKind: "forward"
                text: qsTr("Step to the next event (→)")
                onClicked: bar.controller.playback.stepNext()
            }

            Item { width: Math.round(8 * Theme.scale); height: 1 }

            Button {
                id: slower
                anchors.verticalCenter: parent.verticalCenter
                text: "−"
                focusPolicy: Qt.TabFocus
                hoverEnabled: true
                implicitWidth: Math.round(28 * Theme.scale)
                implicitHeight: Math.round(28 * Theme.scale)
                enabled: bar.controller.playback.speed > 0.0101 && !bar.controller.playback.live
                onClicked: bar.controller.playback.slower()
                background: Rectangle {
                    radius: Theme.radius
                    color: slower.down ? Theme.border : slower.hovered ? Theme.panelAlt : Theme.panel
                    border.width: 1
                    border.color: Theme.border
                }
                contentItem: Text {
                    text: slower.text
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    color: slower.enabled ? Theme.text : Theme.border
                    font.pixelSize: Theme.fontSize
                    font.bold: true
                }
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Slower (−)")
            }
            Column {
                id: speedLabel
                anchors.verticalCenter: parent.verticalCenter
                width: Math.round(150 * Theme.scale)
                HoverHandler { id: speedHover }
                ToolTip.visible: speedHover.hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Playback speed %1: while something happens, 1 s of the run takes %2 "
                                   + "on screen, so every step can be narrated. A wait longer than "
                                   + "40 ms in which nothing new happens (a server's %3 operation, "
                                   + "the replication lag) passes in at most 1 s, whatever the "
                                   + "speed; the timeline squeezes it and marks it //. Step with "
                                   + "← and → to stop at every event.")
                              .arg(bar.speedText(bar.controller.playback.speed))
                              .arg(bar.wallText(bar.controller.playback.speed))
                              .arg(Theme.durationText(bar.controller.session.settings.opMs))
                Text {
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    text: qsTr("speed %1").arg(bar.speedText(bar.controller.playback.speed))
                    color: Theme.text
                    font.pixelSize: Theme.fontSize
                }
                Text {
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    visible: !bar.controller.playback.live
                    // What the speed does, in the words of what is seen: busy parts slowed,
                    // waits kept short (Playback::gapPlayUs).
                    text: qsTr("1 s → %1 · waits ≤ 1 s").arg(bar.wallText(bar.controller.playback.speed))
                    color: Theme.mutedText
                    font.pixelSize: Theme.smallFont
                    elide: Text.ElideRight
                }
            }
            Button {
                id: faster
                anchors.verticalCenter: parent.verticalCenter
                text: "+"
                focusPolicy: Qt.TabFocus
                hoverEnabled: true
                implicitWidth: Math.round(28 * Theme.scale)
                implicitHeight: Math.round(28 * Theme.scale)
                enabled: bar.controller.playback.speed < 9.99 && !bar.controller.playback.live
                onClicked: bar.controller.playback.faster()
                background: Rectangle {
                    radius: Theme.radius
                    color: faster.down ? Theme.border : faster.hovered ? Theme.panelAlt : Theme.panel
                    border.width: 1
                    border.color: Theme.border
                }
                contentItem: Text {
                    text: faster.text
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    color: faster.enabled ? Theme.text : Theme.border
                    font.pixelSize: Theme.fontSize
                    font.bold: true
                }
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Faster (+)")
            }
        }

        ScrubBar {
            anchors.left: buttons.right
            anchors.leftMargin: Math.round(14 * Theme.scale)
            anchors.right: timeText.left
            anchors.rightMargin: Math.round(10 * Theme.scale)
            anchors.verticalCenter: parent.verticalCenter
            controller: bar.controller
        }

        Text {
            id: timeText
            anchors.right: tools.left
            anchors.rightMargin: Math.round(10 * Theme.scale)
            anchors.verticalCenter: parent.verticalCenter
            text: bar.controller.playback.live
                  ? qsTr("LIVE %1").arg(Theme.durationText(bar.controller.playback.timeUs / 1000))
                  : qsTr("%1 / %2").arg(Theme.durationText(bar.controller.playback.timeUs / 1000))
                                   .arg(Theme.durationText(bar.controller.playback.endUs / 1000))
            color: bar.controller.playback.live ? Theme.live : Theme.mutedText
            font.bold: bar.controller.playback.live
            font.family: Theme.monoFamily
            font.pixelSize: Theme.smallFont
        }

        Row {
            id: tools
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            spacing: Math.round(6 * Theme.scale)
            Button {
                id: viewButton
                anchors.verticalCenter: parent.verticalCenter
                visible: bar.takingTurns
                text: bar.timelineOnly ? qsTr("Scene") : qsTr("Timeline")
                focusPolicy: Qt.NoFocus
                hoverEnabled: true
                implicitHeight: Math.round(34 * Theme.scale)
                leftPadding: Math.round(10 * Theme.scale)
                rightPadding: Math.round(10 * Theme.scale)
                onClicked: bar.viewToggled()
                background: Rectangle {
                    radius: height / 2
                    color: viewButton.down ? Theme.border : viewButton.hovered ? Theme.panelAlt : Theme.panel
                    border.width: 1
                    border.color: Theme.strongBorder
                }
                contentItem: Text {
                    text: viewButton.text
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    color: Theme.text
                    font.pixelSize: Theme.smallFont
                    font.bold: true
                }
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: bar.timelineOnly
                              ? qsTr("Show the scene (Tab). At this text size the scene and the lane "
                                     + "timeline take turns; Ctrl+− makes the text smaller.")
                              : qsTr("Show the lane timeline (Tab). At this text size the scene and "
                                     + "the lane timeline take turns; Ctrl+− makes the text smaller.")
            }
            Button {
                id: helpButton
                anchors.verticalCenter: parent.verticalCenter
                text: "?"
                focusPolicy: Qt.TabFocus
                hoverEnabled: true
                implicitWidth: Math.round(34 * Theme.scale)
                implicitHeight: Math.round(34 * Theme.scale)
                onClicked: bar.helpRequested()
                background: Rectangle {
                    radius: width / 2
                    color: helpButton.down ? Theme.border : helpButton.hovered ? Theme.panelAlt : Theme.panel
                    border.width: 1
                    border.color: Theme.strongBorder
                }
                contentItem: Text {
                    text: helpButton.text
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    color: Theme.text
                    font.pixelSize: Theme.fontSize
                    font.bold: true
                }
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("What every mark and word on screen means (F1)")
            }
            TransportButton {
                iconKind: "export"
                text: qsTr("Export the timeline: %1 (Ctrl+E)").arg(exportFormats.formatSummary)
                TimelineExport { id: exportFormats }
                onClicked: bar.exportRequested()
            }
            TransportButton {
                id: menuButton
                iconKind: "menu"
                text: qsTr("More: open a file, marks for exporting a part, theme, full screen")
                onClicked: bar.menuRequested(menuButton)
            }
        }
    }
}
