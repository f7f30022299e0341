import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IdemLab

// The main window: the settings bar on top, then the scene (with the anomaly banner), the
// caption of the moment, the transport with its scrub bar, and the lane timeline.
ApplicationWindow {
    id: window

    width: 1280
    height: 720
    minimumWidth: 960
    minimumHeight: 540
    visible: true
    title: controller.session.scenarioTitle.length > 0
           ? qsTr("Idempotency Lab — %1").arg(controller.session.scenarioTitle)
           : qsTr("Idempotency Lab")
    color: Theme.background

    property alias controller: controller
    property alias live: live
    property alias attach: attach
    /// The presenter's look (text scale 0.5 to 3, as --text-scale takes). Ctrl+T and
    /// Ctrl+= / Ctrl+- change them; they are remembered between launches.
    property bool dark: false
    property real textScale: 1.0

    /// The gaps between the window's parts: they grow with the window's zoom and the text
    /// up to 1.5 times, no more (at the largest text the scene needs the pixels).
    readonly property real margin: Math.round(8 * Math.min(Theme.scale, 1.5 * Theme.zoom))

    function toggleFullScreen() {
        visibility = visibility === Window.FullScreen ? Window.Windowed : Window.FullScreen
    }

    function setTextScale(s) {
        textScale = Math.round(Math.max(0.5, Math.min(3.0, s)) * 10) / 10
    }

    Binding { target: Theme; property: "dark"; value: window.dark }
    Binding { target: Theme; property: "textScale"; value: window.textScale }
    Binding {
        // Bigger windows (a 1080p projector) get proportionally bigger type.
        target: Theme
        property: "zoom"
        value: {
            const f = Math.min(window.width / 1280, window.height / 720)
            return Math.max(0.9, Math.min(1.6, 1 + (f - 1) * 0.7))
        }
    }

    palette {
        window: Theme.background
        windowText: Theme.text
        base: Theme.panel
        text: Theme.text
        button: Theme.panel
        buttonText: Theme.text
        highlight: Theme.accent
        highlightedText: Theme.onColour
        toolTipBase: Theme.tooltipFill
        toolTipText: Theme.tooltipText
        mid: Theme.strongBorder
        dark: Theme.mutedText
        light: Theme.panelAlt
    }
    font.pixelSize: Theme.fontSize

    SimulationController {
        id: controller
    }
    Binding { target: controller.session; property: "askBeforeDiscardingLive"; value: true }
    Connections {
        target: controller.session
        function onDiscardLiveAsked() { discardLiveDialog.open() }
    }
    Binding { target: controller.session.editor; property: "askBeforeDiscarding"; value: true }
    Connections {
        target: controller.session.editor
        function onDiscardEditsAsked() { discardEditsDialog.open() }
    }

    // Opening another scenario would lose edits not saved: ask, never drop them silently.
    DiscardDialog {
        id: discardEditsDialog
        title: qsTr("Discard the unsaved edits?")
        text: qsTr("The scenario on screen has edits that are not saved. Keep them to save them first (Ctrl+S), or discard them and go on.")
        keepText: qsTr("Keep the edits")
        discardText: qsTr("Discard the edits")
        onAccepted: controller.session.editor.discardEditsAndContinue()
        onRejected: controller.session.editor.keepEdits()
    }

    /// The scenario editor is docked beside the scene (Ctrl+Shift+E).
    property bool editorOpen: false
    function saveScenario() {
        if (controller.session.editor.fileUrl.toString().length === 0) {
            saveDialog.start(controller.session.editor.fileName)
            return
        }
        const error = controller.session.editor.save()
        toast.show(error.length > 0 ? error : qsTr("Saved %1").arg(controller.session.editor.fileUrl.toString()),
                   error.length === 0)
    }

    FileChooser {
        id: saveDialog
        title: qsTr("Save the scenario as")
        saving: true
        suffix: "json"
        acceptText: qsTr("Save")
        lastFolder: window.lastFolder
        onChosen: (fileUrl, folder) => {
            window.useFolder(folder)
            const error = controller.session.editor.saveAs(fileUrl)
            toast.show(error.length > 0 ? error : qsTr("Saved %1").arg(fileUrl.toString()), error.length === 0)
        }
    }

    // A setting change would replace the live record on screen: ask, never wipe silently.
    DiscardDialog {
        id: discardLiveDialog
        title: qsTr("Discard the recorded live session?")
        text: live.running
              ? qsTr("The live servers restart with the new setting and the requests recorded so far are dropped. Keep the record to export it first (stop live mode, then Ctrl+E).")
              : qsTr("The simulation runs again with the new setting and the requests recorded so far are dropped. Keep the record to export it first (Ctrl+E).")
        keepText: qsTr("Keep the record")
        discardText: qsTr("Discard and apply")
        onAccepted: controller.session.discardLiveAndApply()
        onRejected: {
            controller.session.keepLiveRecord()
            toast.show(qsTr("Setting not changed: the live record stays on screen."), true)
        }
    }

    LiveController {
        id: live
        session: controller.session
        onNotice: (message) => toast.show(message, true)
        onErrorTextChanged: if (errorText.length > 0) toast.show(errorText, false)
    }

    // Attached to running clusters (--attach, Ctrl+Shift+A): their streamed events on screen.
    AttachController {
        id: attach
        session: controller.session
        onErrorTextChanged: if (errorText.length > 0) toast.show(errorText, false)
    }
    Connections {
        target: live
        // One record on screen: starting the app's own servers detaches.
        function onRunningChanged() { if (live.running) attach.detach() }
    }
    AttachDialog {
        id: attachDialog
        attach: attach
        onAttaching: live.stop()
    }

    header: ControlBar {
        id: controlBar
        controller: controller
        live: live
        attach: attach
        onAttachRequested: attachDialog.open()
        maxHeight: window.height / 10
        onSettingsRequested: settingsDrawer.open()
    }

    // Every setting of the run, beside the scene (Ctrl+, or the toolbar's All settings).
    SettingsDrawer {
        id: settingsDrawer
        controller: controller
        y: controlBar.height
        height: window.height - controlBar.height
    }

    ColumnLayout {
        id: body
        anchors.fill: parent
        anchors.margins: window.margin
        spacing: window.margin

        // The timeline gets about a fifth of the window, and at least a line of small text
        // a lane. Where the scene and such a timeline do not both fit (large text on a small
        // screen), one shows at a time and Tab (or the switch under the transport) swaps.
        readonly property real rest: height - caption.implicitHeight - transport.implicitHeight
                                     - (lessonPanel.visible ? lessonPanel.implicitHeight + spacing : 0)
                                     - (comparePanel.visible ? comparePanel.implicitHeight + spacing : 0)
                                     - 3 * spacing
        readonly property bool bothFit:
            rest - bottomNeeded >= 0.9 * scene.comfortableHeight
        /// The lane timeline, or in its place the life of the key clicked.
        readonly property bool keyLifeShown: KeySelection.key.length > 0
        readonly property bool comparing: controller.compare.active
        readonly property real bottomNeeded: keyLifeShown ? keyLife.neededHeight
                                           : comparing ? compareTimelines.neededHeight : timeline.neededHeight
        property bool timelineOnly: false
        readonly property real timelineHeight: bothFit
            ? Math.round(Math.max(bottomNeeded,
                                  Math.min(window.height * 0.22, rest - 0.9 * scene.comfortableHeight)))
            : 0

        // The scene, and docked beside it the scenario editor (Ctrl+Shift+E). Where the scene
        // would be too narrow beside it (large text), the editor takes the scene's place.
        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: body.bothFit || !body.timelineOnly
            spacing: window.margin
            readonly property real editorWidth: Math.round(Math.min(400 * Theme.panelScale, window.width * 0.42))
            readonly property bool editorBeside:
                width - editorWidth - spacing >= 800 * Theme.zoom * Math.min(Theme.textScale, 1.25)

            SceneView {
                id: scene
                Layout.fillWidth: true
                Layout.fillHeight: true
                visible: !window.editorOpen || parent.editorBeside
                controller: controller
                live: live
                attach: attach
                onFaultMenuRequested: (target, name, item, x, y) => faultMenu.openFor(target, name, item, x, y)
                CompareSceneTag { compare: controller.compare }
            }

            // Made when opened: a closed editor keeps no delegates of the scenario's lists.
            Loader {
                id: editorPanel
                Layout.fillHeight: true
                Layout.fillWidth: !parent.editorBeside
                Layout.preferredWidth: parent.editorWidth
                active: window.editorOpen
                visible: active
                sourceComponent: EditorPanel {
                    editor: controller.session.editor
                    session: controller.session
                    onCloseRequested: window.editorOpen = false
                    onSaveAsRequested: saveDialog.start(controller.session.editor.fileName)
                    onNotice: (message, ok) => toast.show(message, ok)
                }
            }
        }

        ComparePanel {
            id: comparePanel
            Layout.fillWidth: true
            visible: body.comparing
            compare: controller.compare
        }

        LessonPanel {
            id: lessonPanel
            Layout.fillWidth: true
            visible: controller.lesson.active
            lesson: controller.lesson
            scenarioTitle: controller.session.scenarioTitle
            // A quarter of the window at most, and never so tall that the scene above is
            // squeezed below the least height that holds it (large text on a small screen).
            maxHeight: Math.round(Math.min(window.height * 0.25,
                                           body.height - caption.implicitHeight - transport.implicitHeight
                                           - 4 * body.spacing - scene.smallestHeight))
        }

        CaptionBar {
            id: caption
            Layout.fillWidth: true
            caption: controller.text.caption
            why: controller.text.why
            errorText: controller.session.errorText
        }

        TransportBar {
            id: transport
            Layout.fillWidth: true
            controller: controller
            onExportRequested: exportDialog.open()
            // Right-aligned under its button, so it opens into the window, not off its edge.
            onMenuRequested: (anchor) => appMenu.popup(anchor, anchor.width - appMenu.width, anchor.height)
            onHelpRequested: help.open()
            // The scene and the timeline take turns at large text: the bar's button switches.
            takingTurns: !body.bothFit
            timelineOnly: body.timelineOnly
            onViewToggled: body.timelineOnly = !body.timelineOnly
        }

        TimelinePanel {
            id: timeline
            Layout.fillWidth: true
            Layout.fillHeight: !body.bothFit
            Layout.preferredHeight: body.timelineHeight
            visible: (body.bothFit || body.timelineOnly) && !body.keyLifeShown && !body.comparing
            controller: controller
            editing: window.editorOpen
        }

        CompareTimelines {
            id: compareTimelines
            Layout.fillWidth: true
            Layout.fillHeight: !body.bothFit
            Layout.preferredHeight: body.timelineHeight
            visible: (body.bothFit || body.timelineOnly) && !body.keyLifeShown && body.comparing
            compare: controller.compare
        }

        KeyLifePanel {
            id: keyLife
            Layout.fillWidth: true
            Layout.fillHeight: !body.bothFit
            Layout.preferredHeight: body.timelineHeight
            visible: (body.bothFit || body.timelineOnly) && body.keyLifeShown
            controller: controller
        }

    }

    /// The folder of the last export or open, remembered between launches.
    property string lastFolder: ""
    function useFolder(folder) {
        lastFolder = folder
        preferences.setValue("lastFolder", folder)
    }

    HelpOverlay {
        id: help
    }

    HuntDialog {
        id: huntDialog
        controller: window.controller
    }

    // Made on first use: its chart (Qt Charts) is the window's heaviest item.
    Loader {
        id: sweepLoader
        active: false
        anchors.fill: parent
        sourceComponent: SweepDialog {
            controller: window.controller
        }
    }
    function openSweep() {
        sweepLoader.active = true
        sweepLoader.item.open()
    }
    Connections {
        target: controller.sweep
        function onOpened(message) { toast.show(message, true) }
    }

    ExportDialog {
        id: exportDialog
        controller: controller
        sceneItem: body
        lastFolder: window.lastFolder
        onFolderUsed: (folder) => window.useFolder(folder)
        onFinished: (message, ok) => toast.show(message, ok)
    }

    FileChooser {
        id: openDialog
        title: qsTr("Open a scenario or a timeline")
        saving: false
        lastFolder: window.lastFolder
        onChosen: (fileUrl, folder) => {
            window.useFolder(folder)
            if (controller.session.loadFile(fileUrl))
                toast.show(qsTr("Opened %1").arg(controller.session.scenarioTitle), true)
            else if (!discardEditsDialog.visible) // held back while it asks about unsaved edits
                toast.show(controller.session.errorText, false)
        }
    }

    MainMenu {
        id: appMenu
        controller: controller
        live: live
        liveInMenu: controlBar.liveHidden
        editorOpen: window.editorOpen
        dark: window.dark
        margin: window.margin
        windowWidth: window.width
        onSettingsRequested: settingsDrawer.open()
        onOpenRequested: openDialog.start("")
        onEditorToggled: window.editorOpen = !window.editorOpen
        onExportRequested: exportDialog.open()
        onCompareToggled: compareKeys.toggle()
        onHuntRequested: huntDialog.open()
        onSweepRequested: window.openSweep()
        onThemeToggled: window.dark = !window.dark
        onTextScaleStepped: (step) => window.setTextScale(window.textScale + step)
        onFullScreenToggled: window.toggleFullScreen()
        onQuitRequested: window.close()
    }

    // Right-click a server, the cache or the replication link: inject a fault (Ctrl+Z: undo).
    FaultMenu {
        id: faultMenu
        controller: controller
        maxWidth: window.width - 2 * window.margin
        onNotice: (message, ok) => toast.show(message, ok)
    }
    // One undo stack for every edit: the editor panel, the fault menu, a request sent.
    Shortcut {
        sequences: [StandardKey.Undo]
        enabled: controller.session.editor.canUndo
        onActivated: controller.session.editor.undo()
    }
    Shortcut {
        sequences: ["Ctrl+Shift+Z", "Ctrl+Y"]
        enabled: controller.session.editor.canRedo
        onActivated: controller.session.editor.redo()
    }

    Toast {
        id: toast
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Math.round(24 * Theme.scale)
    }

    Shortcut { sequence: "Ctrl+E"; onActivated: exportDialog.open() }
    Shortcut { sequence: "Ctrl+F"; onActivated: huntDialog.open() }
    Shortcut { sequence: "Ctrl+Shift+W"; onActivated: window.openSweep() }
    CompareShortcuts {
        id: compareKeys
        compare: controller.compare
        onRefused: (message) => toast.show(message, false)
    }
    // Where the scene and the timelines take turns, Compare opens on its two timelines.
    Connections {
        target: controller.compare
        function onActiveChanged() { if (!body.bothFit) body.timelineOnly = controller.compare.active }
    }
    Shortcut { sequence: "Ctrl+Shift+A"; onActivated: attachDialog.open() }
    Shortcut { sequence: "Ctrl+Shift+E"; onActivated: window.editorOpen = !window.editorOpen }
    Shortcut { sequence: "Ctrl+S"; onActivated: window.saveScenario() }
    Shortcut {
        sequence: "Ctrl+Shift+S"
        onActivated: saveDialog.start(controller.session.editor.fileName)
    }
    Shortcut {
        sequence: "Esc"
        enabled: window.editorOpen && !body.keyLifeShown
        onActivated: window.editorOpen = false
    }
    Shortcut {
        sequence: "Esc"
        enabled: body.keyLifeShown
        onActivated: KeySelection.clear()
    }
    // A key clicked where the scene and the timeline take turns: its life takes the turn
    // (Tab swaps back), and closing it returns to the scene.
    Connections {
        target: KeySelection
        function onKeyChanged() { body.timelineOnly = KeySelection.key.length > 0 }
    }
    Shortcut { sequence: StandardKey.Open; onActivated: openDialog.start("") }
    Shortcut { sequence: "I"; onActivated: controller.playback.setMarkIn() }
    Shortcut { sequence: "O"; onActivated: controller.playback.setMarkOut() }

    // Keyboard: the presenter's remote usually sends Space, arrows, +/−, F11.
    Shortcut { sequence: "Space"; onActivated: controller.playback.togglePlaying() }
    // Lesson mode: L on and off; Page Down / Page Up (a presentation clicker) step; Q asks.
    Shortcut { sequence: "L"; onActivated: controller.lesson.active = !controller.lesson.active }
    Shortcut {
        sequence: "PgDown"
        enabled: controller.lesson.active
        onActivated: controller.lesson.next()
    }
    Shortcut {
        sequence: "PgUp"
        enabled: controller.lesson.active
        onActivated: controller.lesson.previous()
    }
    Shortcut {
        sequence: "Q"
        enabled: controller.lesson.active
        onActivated: controller.lesson.reveal()
    }
    Shortcut { sequence: "Left"; onActivated: controller.playback.stepPrevious() }
    Shortcut { sequence: "Right"; onActivated: controller.playback.stepNext() }
    Shortcut { sequence: "Home"; onActivated: controller.playback.restart() }
    Shortcut { sequence: "End"; onActivated: controller.playback.seek(controller.playback.endUs) }
    Shortcut { sequence: "Ctrl+,"; onActivated: settingsDrawer.opened ? settingsDrawer.close() : settingsDrawer.open() }
    Shortcut { sequences: [StandardKey.Quit, "Ctrl+Q"]; onActivated: window.close() }
    Shortcut { sequences: ["+", "="]; onActivated: controller.playback.faster() }
    Shortcut { sequences: ["-", "_"]; onActivated: controller.playback.slower() }
    Shortcut { sequence: "F11"; onActivated: window.toggleFullScreen() }
    Shortcut { sequence: "Ctrl+T"; onActivated: window.dark = !window.dark }
    Shortcut { sequence: "F1"; onActivated: help.visible ? help.close() : help.open() }
    Shortcut {
        sequence: "Tab"
        enabled: !body.bothFit
        onActivated: body.timelineOnly = !body.timelineOnly
    }
    Shortcut { sequences: ["Ctrl+=", "Ctrl++"]; onActivated: window.setTextScale(window.textScale + 0.1) }
    Shortcut { sequence: "Ctrl+-"; onActivated: window.setTextScale(window.textScale - 0.1) }
    Shortcut { sequence: "Ctrl+0"; onActivated: window.setTextScale(1.0) }

    // Remembered between launches: look, speed, window size, the last preset and toggles.
    PreferencesStore {
        id: preferences
    }

    Component.onCompleted: {
        if (rememberPreferences && preferences.open()) {
            // Read everything first: applying the preset saves the toggles it comes with.
            const saved = {
                dark: preferences.boolValue("dark", false),
                textScale: preferences.numberValue("textScale", 1.0),
                width: preferences.numberValue("width", 1280),
                height: preferences.numberValue("height", 720),
                x: preferences.numberValue("x", NaN),
                y: preferences.numberValue("y", NaN),
                fullScreen: preferences.boolValue("fullScreen", false),
                lastFolder: String(preferences.value("lastFolder", "")),
                speed: preferences.numberValue("speed", controller.playback.speed),
                preset: String(preferences.value("preset", "")),
                mutex: preferences.boolValue("mutex", controller.session.settings.mutex),
                cache: preferences.boolValue("cache", controller.session.settings.cache)
            }
            dark = saved.dark
            setTextScale(saved.textScale)
            width = Math.max(minimumWidth, saved.width)
            height = Math.max(minimumHeight, saved.height)
            // Only where it is still on a screen (a projector may have gone since).
            const desktop = Qt.rect(screen.virtualX, screen.virtualY,
                                    screen.desktopAvailableWidth, screen.desktopAvailableHeight)
            if (!isNaN(saved.x) && !isNaN(saved.y) && saved.x >= desktop.x && saved.y >= desktop.y
                    && saved.x + 100 <= desktop.x + desktop.width
                    && saved.y + 100 <= desktop.y + desktop.height) {
                x = saved.x
                y = saved.y
            }
            if (saved.fullScreen)
                visibility = Window.FullScreen
            lastFolder = saved.lastFolder
            controller.playback.speed = saved.speed
            if (controller.session.presetNames.indexOf(saved.preset) >= 0)
                controller.session.preset = saved.preset
            controller.session.setSetting("mutex", saved.mutex ? "on" : "off")
            controller.session.setSetting("cache", saved.cache ? "on" : "off")
        }
        rememberLook = false
        if (darkArgument)
            dark = true
        if (textScaleArgument > 0)
            setTextScale(textScaleArgument)
        rememberLook = true
        if (panelArgument.length > 0)
            Qt.callLater(openPanel, panelArgument)
        if (keyArgument.length > 0) {
            const scoped = keyArgument.match(/^(.*) \((.*)\)$/)
            if (scoped)
                KeySelection.select(scoped[1], scoped[2])
            else
                KeySelection.select(keyArgument, "")
        }
    }

    /// Set by the C++ main before the window loads, from the command line (--dark,
    /// --text-scale F): a one-off look that wins over the remembered one and is not saved.
    property bool darkArgument: false
    property real textScaleArgument: 0
    /// Set by the C++ main from --show: a panel to open once the window is up.
    property string panelArgument: ""
    /// --key: the key whose life is shown, "K1" or "K1 (Client 1)".
    property string keyArgument: ""
    function openPanel(name) {
        if (name === "settings")
            settingsDrawer.open()
        else if (name === "export")
            exportDialog.open()
        else if (name === "export-file")
            exportDialog.chooseFile()
        else if (name === "open")
            openDialog.start("")
        else if (name === "menu")
            transport.openMenu()
        else if (name === "discard")
            discardLiveDialog.open()
        else if (name === "lesson")
            controller.lesson.showAt(controller.playback.timeUs)
        else if (name === "hunt")
            huntDialog.open()
        else if (name === "hunt-run") {
            huntDialog.open()
            controller.hunt.start("any", 1000)
            controller.hunt.wait() // a screenshot shows the hunt's end
        }
        else if (name === "sweep")
            window.openSweep()
        else if (name === "sweep-run") {
            // Preset 9's double charge against the jitter, with the mutex off and on.
            window.openSweep()
            sweepLoader.item.runWith("jitter-ms", "0:200:20", "mutex", "off,on", 100)
            controller.sweep.wait() // a screenshot shows the plotted result
        }
        else if (name === "editor")
            window.editorOpen = true
        else if (name === "editor-faults") {
            window.editorOpen = true
            editorPanel.item.showEntries()
        }
        else if (name === "discard-edits")
            discardEditsDialog.open()
        else if (name === "attach")
            attachDialog.open()
        else if (name === "compare" && !controller.compare.active)
            compareKeys.toggle()
    }

    /// False for automated runs (--screenshot, --fps-log), which must neither read nor
    /// change the presenter's preferences.
    property bool rememberPreferences: true

    /// Off while the command line sets the look: a one-off --dark is not a preference.
    property bool rememberLook: true
    onDarkChanged: if (rememberLook) preferences.setValue("dark", dark)
    onTextScaleChanged: if (rememberLook) preferences.setValue("textScale", textScale)
    onClosing: {
        preferences.setValue("fullScreen", visibility === Window.FullScreen)
        if (visibility === Window.Windowed) {
            preferences.setValue("width", width)
            preferences.setValue("height", height)
            preferences.setValue("x", x)
            preferences.setValue("y", y)
        }
    }

    Connections {
        target: controller.playback
        function onSpeedChanged() { preferences.setValue("speed", controller.playback.speed) }
    }
    Connections {
        target: controller.session
        function onPresetChanged() {
            if (controller.session.presetIndex >= 0)
                preferences.setValue("preset", controller.session.preset)
        }
        function onSettingsChanged() {
            preferences.setValue("mutex", controller.session.settings.mutex)
            preferences.setValue("cache", controller.session.settings.cache)
        }
    }
}
