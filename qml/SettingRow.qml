import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IdemLab

// One row of the settings drawer, for one row of the settings table: its label, its
// control (a switch, a choice, or a slider with a field for a typed value) and, after a
// bad typed value, one line saying what the setting takes.
Item {
    id: row

    required property int index
    required property string name
    required property string flag
    required property string label
    required property string kind
    required property string unit
    required property string tip
    required property var stops
    required property int stopIndex
    required property var value
    required property string valueText
    required property var choices
    required property var choiceLabels
    required property string note

    /// The model, to set values through.
    required property SettingsModel settings

    /// The last typed value's error, until the next good value.
    property string error: ""

    readonly property bool slider: stops.length > 0
    readonly property real pad: Math.round(4 * Theme.scale)

    implicitHeight: column.implicitHeight + 2 * pad

    function apply(text) {
        error = row.settings.set(row.index, text)
        if (error.length === 0)
            field.text = Qt.binding(() => row.valueText)
    }

    /// The value as a label shows it: "2 s", "5 %", "3".
    function shown(v) {
        if (row.kind === "millis")
            return Theme.durationText(v)
        if (row.kind === "probability")
            return qsTr("%1 %").arg(Math.round(v * 1000) / 10)
        return String(v)
    }

    HoverHandler { id: hover }
    ToolTip.visible: hover.hovered && row.tip.length > 0
    ToolTip.delay: 700
    ToolTip.timeout: 15000
    ToolTip.text: row.flag.length > 0 ? qsTr("%1\n(--%2 on the command line)").arg(row.tip).arg(row.flag)
                                      : row.tip

    ColumnLayout {
        id: column
        x: 0
        y: row.pad
        width: row.width
        spacing: Math.round(2 * Theme.scale)

        RowLayout {
            Layout.fillWidth: true
            spacing: Math.round(8 * Theme.scale)

            Label {
                Layout.fillWidth: true
                text: row.label
                color: Theme.text
                font.pixelSize: Theme.fontSize
                font.bold: true
                wrapMode: Text.WordWrap
            }
            Label {
                visible: row.slider
                text: row.shown(row.value)
                color: Theme.accentText
                font.pixelSize: Theme.fontSize
                font.bold: true
            }
            Switch {
                id: toggle
                visible: row.kind === "toggle"
                checked: row.value === true
                focusPolicy: Qt.StrongFocus
                onToggled: row.apply(checked ? "on" : "off")
                Accessible.name: row.label
                indicator: Rectangle {
                    implicitWidth: Math.round(42 * Theme.scale)
                    implicitHeight: Math.round(22 * Theme.scale)
                    x: toggle.leftPadding
                    y: (toggle.height - height) / 2
                    radius: height / 2
                    color: toggle.checked ? Theme.status201 : Theme.border
                    border.width: toggle.visualFocus ? 2 : 0
                    border.color: Theme.accent
                    Rectangle {
                        width: parent.height - 4
                        height: width
                        radius: width / 2
                        y: 2
                        x: toggle.checked ? parent.width - width - 2 : 2
                        color: Theme.knob
                    }
                }
            }
            Label {
                visible: row.kind === "toggle"
                text: toggle.checked ? qsTr("on") : qsTr("off")
                color: toggle.checked ? Theme.statusTextColor(201) : Theme.mutedText
                font.pixelSize: Theme.smallFont
                font.bold: true
                Layout.preferredWidth: Math.round(28 * Theme.scale)
            }
        }

        // What else in the scenario acts like this setting (a scripted drop beside loss).
        Label {
            Layout.fillWidth: true
            visible: row.note.length > 0
            text: row.note
            color: Theme.mutedText
            font.pixelSize: Theme.smallFont
            font.italic: true
            wrapMode: Text.WordWrap
        }

        // A choice: one button per word, the chosen one filled.
        Flow {
            Layout.fillWidth: true
            visible: row.kind === "choice"
            spacing: Math.round(6 * Theme.scale)
            Repeater {
                model: row.choices
                delegate: Button {
                    required property string modelData
                    required property int index
                    readonly property bool chosen: row.value === modelData
                    text: row.choiceLabels[index] || modelData
                    checkable: true
                    checked: chosen
                    focusPolicy: Qt.StrongFocus
                    font.pixelSize: Theme.smallFont
                    onClicked: row.apply(modelData)
                    palette.button: chosen ? Theme.accent : Theme.panelAlt
                    palette.buttonText: chosen ? Theme.onColour : Theme.text
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            visible: row.slider || row.kind === "seed"
            spacing: Math.round(8 * Theme.scale)

            StopSlider {
                id: track
                objectName: "track"
                Layout.fillWidth: true
                visible: row.slider
                stops: row.stops
                stopIndex: row.stopIndex
                Accessible.name: row.label
                onChosen: (stop) => {
                    row.error = row.settings.setStop(row.index, stop)
                    field.text = Qt.binding(() => row.valueText)
                }
            }

            TextField {
                id: field
                objectName: "field"
                Layout.preferredWidth: Math.round((row.kind === "seed" ? 160 : 90) * Theme.scale)
                Layout.fillWidth: row.kind === "seed"
                text: row.valueText
                selectByMouse: true
                horizontalAlignment: TextInput.AlignRight
                font.pixelSize: Theme.fontSize
                color: Theme.text
                placeholderTextColor: Theme.mutedText
                Accessible.name: qsTr("%1, typed").arg(row.label)
                background: Rectangle {
                    radius: Theme.radius
                    color: Theme.panelAlt
                    border.width: field.activeFocus ? 2 : 1
                    border.color: row.error.length > 0 ? Theme.anomaly
                                : field.activeFocus ? Theme.accent : Theme.border
                }
                onAccepted: row.apply(text)
                onEditingFinished: if (text !== row.valueText) row.apply(text)
                Keys.onEscapePressed: {
                    text = Qt.binding(() => row.valueText)
                    row.error = ""
                }
            }
            Label {
                visible: row.unit.length > 0
                text: row.unit
                color: Theme.mutedText
                font.pixelSize: Theme.smallFont
            }
        }

        Label {
            Layout.fillWidth: true
            visible: row.error.length > 0
            text: row.error
            color: Theme.anomalyText
            font.pixelSize: Theme.smallFont
            wrapMode: Text.WordWrap
        }
    }
}
