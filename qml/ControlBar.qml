import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// The settings of the run, left to right in the order a lesson uses them: the scenario,
// the two guards (mutex, shared cache), the timings, then the seed and the replay mode.
// Every change reruns the engine at once and keeps the playhead where it was. The row
// wraps onto a second line when the text is scaled up.
Rectangle {
    id: bar

    required property SimulationController controller
    /// The Live switch's controller; null or unavailable hides the switch.
    property LiveController live: null

    readonly property real rowHeight: Math.round(44 * Theme.scale)
    readonly property real lagSteps: Math.log(600000 / 10)

    function lagToPosition(ms) {
        return Math.log(Math.max(10, ms) / 10) / lagSteps
    }
    function positionToLag(p) {
        // Round to two significant digits so the labels read "2.5 s", not "2.512 s".
        const ms = 10 * Math.exp(p * lagSteps)
        const magnitude = Math.pow(10, Math.floor(Math.log(ms) / Math.LN10) - 1)
        return Math.round(ms / magnitude) * magnitude
    }

    /// The bar is the teacher's, not the class's: it follows the window's zoom but not the
    /// text scale (laid out larger, then shrunk), so it stays one row when the text grows;
    /// a narrow window shrinks it a little more before it wraps onto a second row.
    readonly property real shrink: Math.min(1, Theme.zoom / Theme.scale,
                                            Math.max(0.8, (width - 2 * Math.round(10 * Theme.scale)) / oneRowWidth))
    /// The width the controls other than the scenario picker need on one row, unscaled.
    readonly property real othersWidth: {
        let w = 0
        for (let i = 1; i < flow.children.length; ++i)
            w += flow.children[i].width + flow.spacing
        return w
    }
    /// The width everything needs on one row with the picker at its smallest, unscaled.
    readonly property real oneRowWidth: othersWidth + minimumPickerWidth
    readonly property real minimumPickerWidth: Math.round(260 * Theme.scale)

    implicitHeight: (flow.implicitHeight + 2 * Math.round(4 * Theme.scale)) * shrink
    color: Theme.toolbar

    Flow {
        id: flow
        x: Math.round(10 * Theme.scale) * bar.shrink
        y: Math.round(4 * Theme.scale) * bar.shrink
        width: bar.width / bar.shrink - 2 * Math.round(10 * Theme.scale)
        scale: bar.shrink
        transformOrigin: Item.TopLeft
        spacing: Math.round(13 * Theme.scale)

        Item {
            width: presets.width
            height: bar.rowHeight
            PresetComboBox {
                id: presets
                anchors.verticalCenter: parent.verticalCenter
                // As wide as the longest title when the row has room, else what is left.
                width: Math.min(presets.preferredWidth,
                                Math.max(bar.minimumPickerWidth, flow.width - bar.othersWidth - 1))
                names: bar.controller.presetNames
                titles: bar.controller.presetTitles
                descriptions: bar.controller.presetDescriptions
                currentIndex: bar.controller.presetIndex
                otherText: bar.controller.liveRecord ? qsTr("Live record")
                         : bar.controller.recorded ? qsTr("Recorded: %1").arg(bar.controller.scenarioTitle)
                                                   : qsTr("File: %1").arg(bar.controller.scenarioTitle)
                onPresetChosen: (name) => bar.controller.preset = name
            }
        }

        Item {
            width: mutexSwitch.implicitWidth
            height: bar.rowHeight
            ToolbarSwitch {
                id: mutexSwitch
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Mutex")
                checked: bar.controller.mutex
                onToggled: bar.controller.mutex = checked
                tip: qsTr("A per-key lock inside each cluster makes lookup + insert one step,\n"
                          + "so a parallel duplicate gets 409. It cannot span two clusters.")
            }
        }

        Item {
            width: cacheSwitch.implicitWidth
            height: bar.rowHeight
            ToolbarSwitch {
                id: cacheSwitch
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Shared cache")
                checked: bar.controller.cache
                onToggled: bar.controller.cache = checked
                tip: qsTr("Both clusters claim each key first in one shared cache (SET key CREATED NX),\n"
                          + "so a duplicate on the other cluster sees the claim.")
            }
        }

        Item {
            width: visible ? liveSwitch.implicitWidth : 0
            height: bar.rowHeight
            visible: bar.live !== null && bar.live.available
            ToolbarSwitch {
                id: liveSwitch
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Live")
                checked: bar.live !== null && bar.live.running
                onToggled: {
                    if (checked)
                        bar.live.start()
                    else
                        bar.live.stop()
                    checked = Qt.binding(() => bar.live !== null && bar.live.running)
                }
                tip: qsTr("Runs cluster A and cluster B as real HTTP servers on this machine\n"
                          + "(ports 8081 and 8082) with these settings, and animates each\n"
                          + "request they get from an external client. Try:\n%1")
                         .arg(bar.live !== null ? bar.live.curlExample : "")
            }
        }

        Item {
            width: delaySlider.width
            height: bar.rowHeight
            LabeledSlider {
                id: delaySlider
                anchors.verticalCenter: parent.verticalCenter
                width: Math.round(140 * Theme.scale)
                label: qsTr("Network delay")
                valueText: Theme.durationText(bar.controller.delayMs)
                from: 0
                to: 500
                stepSize: 5
                value: bar.controller.delayMs
                onMoved: (v) => bar.controller.delayMs = v
                tip: qsTr("Latency of each hop between a client and the router (0–500 ms)")
            }
        }

        Item {
            width: lagSlider.width
            height: bar.rowHeight
            LabeledSlider {
                id: lagSlider
                anchors.verticalCenter: parent.verticalCenter
                width: Math.round(140 * Theme.scale)
                label: qsTr("Replication lag")
                valueText: Theme.durationText(bar.controller.lagMs)
                from: 0
                to: 1
                value: bar.lagToPosition(bar.controller.lagMs)
                onMoved: (v) => bar.controller.lagMs = bar.positionToLag(v)
                tip: qsTr("How long a write in one cluster's DB takes to reach the other's\n"
                          + "(10 ms to 10 min, log scale)")
            }
        }

        Item {
            width: opSlider.width
            height: bar.rowHeight
            LabeledSlider {
                id: opSlider
                anchors.verticalCenter: parent.verticalCenter
                width: Math.round(140 * Theme.scale)
                label: qsTr("Operation time")
                valueText: Theme.durationText(bar.controller.opMs)
                from: 0
                to: 2000
                stepSize: 10
                value: bar.controller.opMs
                onMoved: (v) => bar.controller.opMs = v
                tip: qsTr("How long the payment itself takes on a server (0–2000 ms):\n"
                          + "the window in which a duplicate finds the key CREATED")
            }
        }

        Item {
            width: seed.implicitWidth
            height: bar.rowHeight
            SeedSpinBox {
                id: seed
                anchors.verticalCenter: parent.verticalCenter
                value: bar.controller.seed
                onEdited: (v) => bar.controller.seed = v
            }
        }

        Item {
            width: replay.implicitWidth
            height: bar.rowHeight
            ReplayToggle {
                id: replay
                anchors.verticalCenter: parent.verticalCenter
                original: bar.controller.replayOriginal
                onChosen: (original) => bar.controller.replayOriginal = original
            }
        }
    }
}
