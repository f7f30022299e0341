import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// The settings a lesson changes most, left to right in the order it uses them: the
// scenario, the two guards (mutex, shared cache), the timings, then the seed and the
// replay mode; every setting (jitter, loss, timeout, retries, ...) is in the drawer behind
// "All settings". Every change reruns the engine at once and keeps the playhead where it
// was. The bar follows the text scale and stays one row: what does not fit at this size is
// left to the drawer, from the end of the row (replay, seed, timings) backwards, and at the
// largest text the Live switch to the ☰ menu. Only when even the picker, the two guards
// and the Settings button do not fit is the whole row drawn smaller (down to 80 % to keep
// the scenario's title whole, further only if nothing else fits). Like the transport, the
// bar is the teacher's, not the class's: past text scale 1.5 it grows only a little more,
// and never takes more than `maxHeight` (a tenth of the window), so at the largest text the
// scene gets the height; the row is then drawn smaller and more of it fits.
Rectangle {
    id: bar

    required property SimulationController controller
    /// The Live switch's controller; null or unavailable hides the switch.
    property LiveController live: null
    /// The Attach switch's controller (attach to running clusters); null hides the switch.
    property AttachController attach: null

    /// The most height the bar may take (the window gives a share of its own).
    property real maxHeight: Infinity

    /// Opens the drawer with every setting.
    signal settingsRequested()
    /// Opens the Attach dialog (the URLs of running clusters).
    signal attachRequested()

    readonly property real rowHeight: Math.round(46 * Theme.scale)
    readonly property real margin: Math.round(10 * Theme.scale)
    readonly property real gap: Math.round(14 * Theme.scale)
    readonly property real minimumPickerWidth: Math.round(150 * Theme.scale)

    /// The items that may be left to the drawer, in the order they give way.
    readonly property var optional: {
        const items = [replayItem, seedItem]
        for (let i = timings.count - 1; i >= 0; --i)
            if (timings.itemAt(i))
                items.push(timings.itemAt(i))
        // Attach gives way before Live (Ctrl+Shift+A opens its dialog at any size).
        if (attachAvailable)
            items.push(attachItem)
        if (liveAvailable)
            items.push(liveItem)
        return items
    }
    /// What is always shown, without the picker.
    readonly property real mandatory: 2 * margin + settingsItem.implicitWidth
                                      + mutexItem.implicitWidth + cacheItem.implicitWidth + 3 * gap
    /// The bar's height at scale 1 of its row.
    readonly property real naturalHeight: rowHeight + 2 * Math.round(4 * Theme.scale)
    /// Short of height, or at large text, the row is drawn smaller.
    readonly property real shrink: Math.min(1, Theme.zoom * 1.5 / Theme.scale, maxHeight / naturalHeight)
    /// The row's scale: `shrink` unless the mandatory items and the picker do not fit.
    readonly property real fit: Math.min(shrink, Math.max(width / (mandatory + presets.displayWidth),
                                                          Math.min(0.8, width / (mandatory + minimumPickerWidth))))
    /// Room for the picker and the optional items, in the row's own (unscaled) units.
    readonly property real room: width / fit - mandatory
    readonly property bool liveAvailable: live !== null && live.available
    readonly property bool attachAvailable: attach !== null && attach.available
    /// The Live switch gave way (the ☰ menu has it then).
    readonly property bool liveHidden: liveAvailable && !shown(liveItem)
    /// The picker shows the whole title of the scenario on screen when it can.
    readonly property real pickerWidth: Math.max(minimumPickerWidth,
                                                 Math.min(presets.displayWidth, room))
    /// How many of `optional` give way so that the row fits.
    readonly property int hidden: {
        let rest = room - pickerWidth
        for (let i = 0; i < optional.length; ++i)
            rest -= optional[i].implicitWidth + gap
        let n = 0
        while (rest < 0 && n < optional.length) {
            rest += optional[n].implicitWidth + gap
            ++n
        }
        return n
    }
    function shown(item) {
        return optional.indexOf(item) >= hidden
    }

    implicitHeight: naturalHeight * fit
    color: Theme.toolbar

    SettingsModel {
        id: timingModel
        session: bar.controller.session
        names: ["delayMs", "lagMs", "opMs"]
    }

    Row {
        id: row
        x: bar.margin * bar.fit
        y: Math.round(4 * Theme.scale) * bar.fit
        scale: bar.fit
        transformOrigin: Item.TopLeft
        spacing: bar.gap

        Item {
            width: bar.pickerWidth
            height: bar.rowHeight
            PresetComboBox {
                id: presets
                anchors.verticalCenter: parent.verticalCenter
                width: parent.width
                names: bar.controller.session.presetNames
                titles: bar.controller.session.presetTitles
                descriptions: bar.controller.session.presetDescriptions
                currentIndex: bar.controller.session.presetIndex
                otherText: bar.controller.session.liveRecord ? qsTr("Live record")
                         : bar.controller.session.recorded ? qsTr("Recorded: %1").arg(bar.controller.session.scenarioTitle)
                                                   : qsTr("File: %1").arg(bar.controller.session.scenarioTitle)
                onPresetChosen: (name) => bar.controller.session.preset = name
            }
        }

        Item {
            id: mutexItem
            implicitWidth: mutexSwitch.implicitWidth
            width: implicitWidth
            height: bar.rowHeight
            ToolbarSwitch {
                id: mutexSwitch
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Mutex")
                checked: bar.controller.session.settings.mutex
                onToggled: bar.controller.session.setSetting("mutex", checked ? "on" : "off")
                tip: qsTr("A per-key lock inside each cluster makes lookup + insert one step,\n"
                          + "so a parallel duplicate gets 409. It cannot span two clusters.")
            }
        }

        Item {
            id: cacheItem
            implicitWidth: cacheSwitch.implicitWidth
            width: implicitWidth
            height: bar.rowHeight
            ToolbarSwitch {
                id: cacheSwitch
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Shared cache")
                checked: bar.controller.session.settings.cache
                onToggled: bar.controller.session.setSetting("cache", checked ? "on" : "off")
                tip: qsTr("Both clusters claim each key first in one shared cache\n"
                          + "(as Redis SET key NX does), so a duplicate sent to the\n"
                          + "other cluster sees the claim.")
            }
        }

        Item {
            id: liveItem
            visible: bar.liveAvailable && bar.shown(liveItem)
            implicitWidth: liveSwitch.implicitWidth
            width: implicitWidth
            height: bar.rowHeight
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
            id: attachItem
            visible: bar.attachAvailable && bar.shown(attachItem)
            implicitWidth: attachSwitch.implicitWidth
            width: implicitWidth
            height: bar.rowHeight
            ToolbarSwitch {
                id: attachSwitch
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Attach")
                checked: bar.attach !== null && bar.attach.attached
                onToggled: {
                    if (checked)
                        bar.attachRequested()
                    else
                        bar.attach.detach()
                    checked = Qt.binding(() => bar.attach !== null && bar.attach.attached)
                }
                tip: qsTr("Attaches to clusters running elsewhere (idemlab-cli serve on\n"
                          + "this machine or others) and animates the events they stream.\n"
                          + "Ctrl+Shift+A: the cluster URLs and each one's state.")
            }
        }

        Repeater {
            id: timings
            model: timingModel
            delegate: Item {
                id: timing
                required property int index
                required property string label
                required property string kind
                required property string tip
                required property var stops
                required property int stopIndex
                required property var value
                implicitWidth: slider.implicitWidth
                width: visible ? implicitWidth : 0
                height: bar.rowHeight
                visible: bar.shown(timing)
                LabeledSlider {
                    id: slider
                    anchors.verticalCenter: parent.verticalCenter
                    settings: timingModel
                    index: timing.index
                    label: timing.label
                    kind: timing.kind
                    tip: timing.tip
                    stops: timing.stops
                    stopIndex: timing.stopIndex
                    value: timing.value
                }
            }
        }

        Item {
            id: seedItem
            implicitWidth: seed.implicitWidth
            width: visible ? implicitWidth : 0
            height: bar.rowHeight
            visible: bar.shown(seedItem)
            SeedSpinBox {
                id: seed
                anchors.verticalCenter: parent.verticalCenter
                value: bar.controller.session.settings.seed
                onEdited: (v) => bar.controller.session.setSetting("seed", String(v))
            }
        }

        Item {
            id: replayItem
            implicitWidth: replay.implicitWidth
            width: visible ? implicitWidth : 0
            height: bar.rowHeight
            visible: bar.shown(replayItem)
            ReplayToggle {
                id: replay
                anchors.verticalCenter: parent.verticalCenter
                original: bar.controller.session.settings.replay === "original"
                onChosen: (original) => bar.controller.session.setSetting("replay", original ? "original" : "seed")
            }
        }

        Item {
            id: settingsItem
            implicitWidth: settingsButton.implicitWidth
            width: implicitWidth
            height: bar.rowHeight
            Button {
                id: settingsButton
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Settings…")
                focusPolicy: Qt.TabFocus
                hoverEnabled: true
                font.pixelSize: Theme.fontSize
                padding: Math.round(8 * Theme.scale)
                onClicked: bar.settingsRequested()
                background: Rectangle {
                    radius: Theme.radius
                    color: settingsButton.down ? Theme.toolbarControlDown : settingsButton.hovered ? Theme.toolbarControlHover : Theme.toolbarControl
                    border.width: settingsButton.visualFocus ? 2 : 1
                    border.color: settingsButton.visualFocus ? Theme.statusOther : Theme.toolbarControlBorder
                }
                contentItem: Text {
                    text: settingsButton.text
                    color: Theme.toolbarText
                    font: settingsButton.font
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
                ToolTip.visible: hovered
                ToolTip.delay: 700
                ToolTip.text: qsTr("Every setting of the run: jitter, loss, timeout, retries,\n"
                                   + "backoff and more, each with a slider and a typed value (Ctrl+,)")
            }
        }
    }
}
