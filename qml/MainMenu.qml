import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// The window's ☰ menu (the transport bar's last button): the lesson, settings, files, the
// editor, export and marks, the what-if tools, the look, quit. Each line names its shortcut;
// what it does is the window's (a signal each), the same action as the shortcut's.
Menu {
    id: menu

    required property SimulationController controller
    required property LiveController live
    /// The toolbar has no room for its Live switch (the largest text): the menu has a line.
    property bool liveInMenu: false
    property bool editorOpen: false
    property bool dark: false
    /// The window's margin and width: the menu keeps off the window's edges.
    property real margin: 8
    property real windowWidth: 1280

    signal settingsRequested()
    signal openRequested()
    signal editorToggled()
    signal exportRequested()
    signal compareToggled()
    signal huntRequested()
    signal sweepRequested()
    signal themeToggled()
    /// The text one step larger (+0.1) or smaller (-0.1).
    signal textScaleStepped(real step)
    signal fullScreenToggled()
    signal quitRequested()

    // The presenter's menu: at the largest text it grows as the caption does, not as
    // the scene, so all of it fits in a 720 px window; it keeps off the window's edges.
    font.pixelSize: Math.max(12, Math.round(14 * Theme.chromeScale))
    margins: menu.margin
    padding: Math.round(4 * Theme.chromeScale)
    // As wide as its longest item (the style's default cuts them), inside the window.
    width: {
        let widest = 0
        for (let i = 0; i < count; ++i) {
            const item = itemAt(i)
            if (item)
                widest = Math.max(widest, item.implicitWidth)
        }
        return Math.min(menu.windowWidth - 2 * menu.margin, widest + leftPadding + rightPadding)
    }
    MenuItem {
        text: menu.controller.lesson.active ? qsTr("Leave the lesson  (L)")
                                            : qsTr("Lesson: a guided tour of this preset  (L)")
        enabled: menu.controller.lesson.available
        onTriggered: menu.controller.lesson.active = !menu.controller.lesson.active
    }
    MenuItem { text: qsTr("All settings…  (Ctrl+,)"); onTriggered: menu.settingsRequested() }
    MenuItem {
        // The toolbar's Live switch, when the largest text leaves it no room there.
        visible: menu.liveInMenu
        height: visible ? implicitHeight : 0
        text: menu.live.running ? qsTr("Stop live mode") : qsTr("Start live mode (real HTTP servers)")
        onTriggered: menu.live.running ? menu.live.stop() : menu.live.start()
    }
    MenuItem { text: qsTr("Open scenario or timeline…  (Ctrl+O)"); onTriggered: menu.openRequested() }
    MenuItem {
        text: menu.editorOpen ? qsTr("Close the scenario editor  (Ctrl+Shift+E)")
                                : qsTr("Scenario editor…  (Ctrl+Shift+E)")
        onTriggered: menu.editorToggled()
    }
    MenuItem { text: qsTr("New scenario"); onTriggered: menu.controller.session.editor.newScenario() }
    MenuItem { text: qsTr("Export…  (Ctrl+E)"); onTriggered: menu.exportRequested() }
    Menu {
        title: qsTr("Mark a part of the run (to export)")
        font: menu.font
        margins: menu.margin
        MenuItem { text: qsTr("Its start here  (I)"); onTriggered: menu.controller.playback.setMarkIn() }
        MenuItem { text: qsTr("Its end here  (O)"); onTriggered: menu.controller.playback.setMarkOut() }
        MenuItem {
            text: qsTr("Clear the marks")
            enabled: menu.controller.playback.hasMarks
            onTriggered: menu.controller.playback.clearMarks()
        }
    }
    MenuSeparator {}
    // One line for the what-if tools: the menu already runs long at the largest text.
    Menu {
        title: qsTr("What if…  (compare, find, sweep)")
        font: menu.font
        margins: menu.margin
        MenuItem {
            text: menu.controller.compare.active ? qsTr("Leave Compare  (Ctrl+Shift+C)")
                                            : qsTr("Compare two settings…  (Ctrl+Shift+C)")
            onTriggered: menu.compareToggled()
        }
        MenuItem { text: qsTr("Find a failure…  (Ctrl+F)"); onTriggered: menu.huntRequested() }
        MenuItem { text: qsTr("Sweep a setting…  (Ctrl+Shift+W)"); onTriggered: menu.sweepRequested() }
    }
    MenuSeparator {}
    // The presenter's look in one line, so the menu fits a 720 px window at the largest text.
    Menu {
        title: qsTr("Look (theme, text size, full screen)")
        font: menu.font
        margins: menu.margin
        MenuItem { text: menu.dark ? qsTr("Light theme  (Ctrl+T)") : qsTr("Dark theme  (Ctrl+T)"); onTriggered: menu.themeToggled() }
        MenuItem { text: qsTr("Larger text  (Ctrl+=)"); onTriggered: menu.textScaleStepped(0.1) }
        MenuItem { text: qsTr("Smaller text  (Ctrl+−)"); onTriggered: menu.textScaleStepped(-0.1) }
        MenuItem {
            text: qsTr("Full screen  (F11)")
            onTriggered: menu.fullScreenToggled()
        }
    }
    MenuSeparator {}
    MenuItem { text: qsTr("Quit  (Ctrl+Q)"); onTriggered: menu.quitRequested() }
}
