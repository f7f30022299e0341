import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QtCharts
import IdemLab

// Sweep a setting (Ctrl+Shift+W): `idemlab-cli sweep` on the scenario on screen. Pick one
// setting (and maybe a second) and its values, and how many seeded trials each point runs;
// the chart shows the share of trials with an anomaly at each value, with its 95 % interval
// as a band. Point at a dot for its numbers; click it to open one of its failing trials.
Dialog {
    id: dialog

    required property SimulationController controller
    readonly property SweepRunner sweep: controller.sweep
    readonly property var choices: sweep.choices
    /// The line colours (Okabe–Ito, as the exports): one per value of the second setting.
    readonly property var lineColours: [Theme.anomaly, Theme.status201, Theme.statusOther,
        Theme.cacheAccent, Theme.status409, Theme.replicationLine, Theme.status422, Theme.text]

    title: qsTr("Sweep a setting")
    modal: true
    anchors.centerIn: parent
    width: Math.min(parent.width - 40, Math.round(900 * Theme.scale))
    height: Math.min(Math.round(640 * Theme.scale), parent.height - 2 * Theme.gap)
    closePolicy: sweep.running ? Popup.NoAutoClose : (Popup.CloseOnEscape | Popup.CloseOnPressOutside)

    function choiceIndex(flag) {
        for (let i = 0; i < choices.length; ++i)
            if (choices[i].flag === flag)
                return i
        return 0
    }
    /// Fills the fields and runs (the --show sweep-run look).
    function runWith(flag, values, flag2, values2, trials) {
        firstBox.currentIndex = choiceIndex(flag)
        firstValues.text = values
        secondBox.currentIndex = flag2 === "" ? 0 : choiceIndex(flag2) + 1
        secondValues.text = values2
        trialsBox.value = trials
        run()
    }
    function run() {
        const second = secondBox.currentIndex > 0 ? choices[secondBox.currentIndex - 1] : null
        sweep.start(choices[firstBox.currentIndex].flag, firstValues.text,
                    second ? second.flag : "", second ? secondValues.text : "", trialsBox.value)
    }

    Flickable {
        // At a large text size the fields, the status and the chart scroll rather than run
        // under the buttons.
        id: scroller
        anchors.fill: parent
        clip: true
        contentWidth: width
        contentHeight: content.height
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}
        /// It scrolls: a line at its edge may show in part (the screenshot tests allow it).
        readonly property bool partialRows: true
        // A new result: bring the chart into view (at a large text size it is below the fields).
        Connections {
            target: dialog.sweep
            function onResultChanged() {
                Qt.callLater(() => scroller.contentY = Math.max(0, scroller.contentHeight - scroller.height))
            }
        }

        ColumnLayout {
            id: content
            width: scroller.width
            height: Math.max(scroller.height, implicitHeight)
            spacing: Math.round(6 * Theme.scale)

            Label {
                // What a sweep does, until one has run: then the chart takes the room.
                visible: dialog.sweep.points.length === 0 && !dialog.sweep.running
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.text
                text: qsTr("Runs the scenario on screen many times at each value of a setting, each time with another seed (so another jitter and loss), and plots how often a run shows an anomaly, with its 95 % interval. With a second setting, one line for each of its values.")
            }
            GridLayout {
                columns: 3
                columnSpacing: Theme.gap
                rowSpacing: Math.round(4 * Theme.scale)
                Layout.fillWidth: true
                enabled: !dialog.sweep.running

                Label { text: qsTr("Vary"); color: Theme.text }
                ComboBox {
                    id: firstBox
                    Layout.preferredWidth: Math.round(260 * Theme.scale)
                    implicitHeight: Math.round(34 * Theme.scale)
                    font.pixelSize: Theme.fontSize
                    model: dialog.choices.map(c => c.label)
                    currentIndex: dialog.choiceIndex("lag-ms")
                    onActivated: firstValues.text = dialog.choices[currentIndex].values
                }
                TextField {
                    id: firstValues
                    Layout.fillWidth: true
                    implicitHeight: Math.round(34 * Theme.scale)
                    font.pixelSize: Theme.fontSize
                    text: dialog.choices.length ? dialog.choices[firstBox.currentIndex].values : ""
                    placeholderText: qsTr("FROM:TO:STEP or V1,V2,…")
                    onAccepted: dialog.run()
                }
                Label { text: qsTr("and"); color: Theme.text }
                ComboBox {
                    id: secondBox
                    Layout.preferredWidth: Math.round(260 * Theme.scale)
                    implicitHeight: Math.round(34 * Theme.scale)
                    font.pixelSize: Theme.fontSize
                    model: [qsTr("(nothing else)")].concat(dialog.choices.map(c => c.label))
                    onActivated: secondValues.text = currentIndex > 0 ? dialog.choices[currentIndex - 1].values : ""
                }
                TextField {
                    id: secondValues
                    Layout.fillWidth: true
                    implicitHeight: Math.round(34 * Theme.scale)
                    font.pixelSize: Theme.fontSize
                    enabled: secondBox.currentIndex > 0
                    placeholderText: enabled ? qsTr("FROM:TO:STEP or V1,V2,…") : ""
                    onAccepted: dialog.run()
                }
                Label { text: qsTr("Trials"); color: Theme.text }
                RowLayout {
                    Layout.columnSpan: 2
                    spacing: Theme.gap
                    ScaledSpinBox {
                        id: trialsBox
                        implicitWidth: Math.round(130 * Theme.scale)
                        implicitHeight: Math.round(34 * Theme.scale)
                        from: 1
                        to: 100000
                        stepSize: 50
                        value: 100
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("seeded runs at each point (seeds 1, 2, …: the same at every point)")
                        color: Theme.mutedText
                        wrapMode: Text.WordWrap
                    }
                }
            }
            ProgressBar {
                Layout.fillWidth: true
                visible: dialog.sweep.running
                from: 0
                to: 1
                value: dialog.sweep.progress
            }
            Label {
                Layout.fillWidth: true
                visible: text !== ""
                wrapMode: Text.WordWrap
                color: Theme.mutedText
                text: dialog.sweep.status
            }
            SweepChart {
                id: chart
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: Math.round(260 * Theme.panelScale)
                visible: dialog.sweep.points.length > 0 && !dialog.sweep.running
                sweep: dialog.sweep
                lineColours: dialog.lineColours
                onPointClicked: point => {
                    if (dialog.sweep.openTrial(point, true))
                        dialog.close()
                }
            }
            Flow {
                // The lines' legend: one per value of the second setting.
                Layout.fillWidth: true
                visible: chart.visible && dialog.sweep.lines.length > 0
                spacing: Theme.gap
                Label {
                    text: dialog.sweep.lineTitle + ":"
                    color: Theme.text
                    font.pixelSize: chart.chartFont
                }
                Repeater {
                    model: dialog.sweep.lines
                    Row {
                        required property string modelData
                        required property int index
                        spacing: Math.round(4 * Theme.scale)
                        Rectangle {
                            anchors.verticalCenter: parent.verticalCenter
                            width: Math.round(18 * Theme.scale)
                            height: Math.max(2, Math.round(3 * Theme.scale))
                            color: dialog.lineColours[index % dialog.lineColours.length]
                        }
                        Label {
                            text: modelData
                            color: Theme.text
                            font.pixelSize: chart.chartFont
                        }
                    }
                }
            }
        }
    }

    footer: DialogButtonBox {
        Button {
            text: dialog.sweep.running ? qsTr("Cancel") : qsTr("Close")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        Button {
            text: dialog.sweep.points.length > 0 ? qsTr("Sweep again") : qsTr("Sweep")
            enabled: !dialog.sweep.running
            DialogButtonBox.buttonRole: DialogButtonBox.ApplyRole
        }
        onApplied: dialog.run()
    }
    onRejected: {
        if (sweep.running) {
            sweep.cancel()
            open() // stay until the sweep has stopped
        }
    }
}
