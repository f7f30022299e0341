import QtQuick
import QtTest
import IdemLab

// The controller as QML sees it: properties, signals and invokables of the module.
TestCase {
    name: "SimulationController"

    SimulationController {
        id: controller
    }

    SignalSpy {
        id: runSpy
        target: controller.playback
        signalName: "runChanged"
    }

    function init() {
        controller.playback.playing = false
        controller.session.setSetting("mutex", "off")
        controller.session.setSetting("cache", "off")
        controller.session.preset = "parallel-two-clusters"
        controller.playback.seek(0)
        runSpy.clear()
    }

    function test_presets() {
        compare(controller.session.presetNames.length, 17) // the truth table and its Part 2
        compare(controller.session.presetTitles.length, 17)
        compare(controller.session.presetNames[5], "parallel-two-clusters")
        verify(controller.playback.eventCount > 10)
    }

    function test_toggleReruns() {
        controller.playback.seek(330000)
        compare(controller.session.setSetting("cache", "on"), "")
        compare(runSpy.count, 1)
        compare(controller.playback.timeUs, 330000)
        compare(controller.text.anomalyText, "")
        compare(controller.session.setSetting("cache", "off"), "")
        compare(runSpy.count, 2)
        verify(controller.text.verdictText.indexOf("DUPLICATE") === 0)
    }

    function test_bannerAppearsWithTheSecondCharge() {
        compare(controller.text.anomalyText, "")
        controller.playback.seek(controller.playback.endUs)
        verify(controller.text.anomalyText.indexOf("K1") > 0, controller.text.anomalyText)
    }

    function test_models() {
        controller.playback.seek(100000)
        compare(controller.models.keysA.rowCount(), 1)
        compare(controller.models.keysB.rowCount(), 1)
        compare(controller.models.ledgerA.rowCount(), 0)
        verify(controller.models.nodes.rowCount() >= 7)
    }

    function test_axis() {
        const mid = controller.playback.axisPosition(controller.playback.endUs / 2)
        verify(mid > 0.5, "the long lag is compressed: half the time is far right")
        fuzzyCompare(controller.playback.axisTime(controller.playback.axisPosition(123456)), 123456, 1)
    }

    function test_sendFromClient() {
        const before = controller.playback.eventCount
        controller.playback.seek(2000000)
        controller.session.sendFromClient(0, true)
        verify(controller.playback.eventCount > before)
        compare(controller.playback.timeUs, 2000000)
    }
}
