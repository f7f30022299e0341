import QtQuick
import QtTest
import IdemLab

// The settings drawer's rows as a presenter uses them: keys move a slider from stop to
// stop (the window's own arrow shortcuts do not take them), a typed value is set or
// refused in one line, and the run keeps its playhead.
Item {
    id: root
    width: 600
    height: 400

    SimulationController {
        id: controller
    }

    SettingsModel {
        id: model
        session: controller.session
        names: ["lagMs", "loss"]
    }

    // The main window steps through the run with the arrow keys.
    property int stolen: 0
    Shortcut { sequences: ["Left", "Right", "Home", "End", "PgUp", "PgDown"]; onActivated: root.stolen++ }

    Column {
        width: 500
        Repeater {
            id: rows
            model: model
            delegate: SettingRow {
                width: 500
                settings: model
            }
        }
    }

    TestCase {
        name: "SettingsDrawer"
        when: windowShown

        function init() {
            controller.session.preset = "failover-retry"
            controller.session.setSetting("lagMs", "1500")
            controller.playback.seek(100000)
            root.stolen = 0
        }

        function test_keysMoveTheLagSliderStopByStop() {
            const slider = findChild(rows.itemAt(0), "track")
            verify(slider)
            slider.forceActiveFocus()
            keyClick(Qt.Key_Right)
            compare(controller.session.settings.lagMs, 2000) // exactly 2 s, one stop up from 1.5 s
            keyClick(Qt.Key_Left)
            compare(controller.session.settings.lagMs, 1500)
            keyClick(Qt.Key_PageUp)
            verify(controller.session.settings.lagMs > 2000)
            keyClick(Qt.Key_End)
            compare(controller.session.settings.lagMs, 600000)
            keyClick(Qt.Key_Home)
            compare(controller.session.settings.lagMs, 0)
            compare(root.stolen, 0)
            compare(controller.playback.timeUs, 100000)
        }

        function test_typedValue() {
            const row = rows.itemAt(1)
            const field = findChild(row, "field")
            field.forceActiveFocus()
            field.selectAll()
            keySequence("0")
            keySequence(".")
            keySequence("2")
            keyClick(Qt.Key_Return)
            compare(model.data(model.index(1, 0), SettingsModel.ValueTextRole), "0.2")
            compare(row.error, "")

            field.selectAll()
            keySequence("7")
            keyClick(Qt.Key_Return)
            compare(row.error, "Message loss must be a probability from 0 to 1, got 7")
            compare(model.data(model.index(1, 0), SettingsModel.ValueTextRole), "0.2")
            verify(row.error.indexOf("\n") < 0)
            compare(controller.playback.timeUs, 100000)
        }
    }
}
