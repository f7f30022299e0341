import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IdemLab

// Every setting of the run, beside the scene: one row per row of the settings table (a
// setting added there appears here by itself). Not modal: the scene replays each change
// at once, with the playhead where it was. Ctrl+, or the toolbar's Settings button.
Drawer {
    id: drawer

    required property SimulationController controller

    edge: Qt.RightEdge
    modal: false
    dim: false
    interactive: opened
    closePolicy: Popup.CloseOnEscape
    width: Math.min(Math.round(400 * Theme.scale), parent ? parent.width * 0.5 : 400)

    background: Rectangle {
        color: Theme.panel
        Rectangle {
            width: 1
            height: parent.height
            color: Theme.strongBorder
        }
    }

    SettingsModel {
        id: settingsModel
        session: drawer.controller.session
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: Math.round(12 * Theme.scale)
            Label {
                Layout.fillWidth: true
                text: qsTr("Settings of the run")
                color: Theme.text
                font.pixelSize: Theme.titleFont
                font.bold: true
                elide: Text.ElideRight
            }
            Button {
                id: closeButton
                text: qsTr("Close")
                font.pixelSize: Theme.smallFont
                onClicked: drawer.close()
                background: Rectangle {
                    radius: Theme.radius
                    color: closeButton.down ? Theme.panelAlt : Theme.panel
                    border.width: closeButton.visualFocus ? 2 : 1
                    border.color: closeButton.visualFocus ? Theme.accent : Theme.strongBorder
                }
                contentItem: Text {
                    text: closeButton.text
                    font: closeButton.font
                    color: Theme.text
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
                ToolTip.visible: hovered
                ToolTip.delay: 700
                ToolTip.text: qsTr("Close (Esc or Ctrl+,)")
            }
        }
        Label {
            Layout.fillWidth: true
            Layout.leftMargin: Math.round(12 * Theme.scale)
            Layout.rightMargin: Math.round(12 * Theme.scale)
            Layout.bottomMargin: Math.round(6 * Theme.scale)
            text: qsTr("Each change reruns the scene at once. Drag a slider or use its arrow "
                       + "keys, or type a value and press Enter.")
            color: Theme.mutedText
            font.pixelSize: Theme.smallFont
            wrapMode: Text.WordWrap
        }

        ScrollView {
            id: scroll
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentWidth: availableWidth

            Column {
                width: scroll.availableWidth
                spacing: Math.round(4 * Theme.scale)
                padding: Math.round(12 * Theme.scale)
                topPadding: 0

                Repeater {
                    model: settingsModel
                    delegate: SettingRow {
                        width: scroll.availableWidth - 2 * Math.round(12 * Theme.scale)
                        settings: settingsModel
                    }
                }
            }
        }
    }
}
