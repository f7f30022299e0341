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
        target: controller
        signalName: "runChanged"
    }

    function init() {
        controller.playing = false
        controller.mutex = false
        controller.cache = false
        controller.preset = "parallel-two-clusters"
        controller.seek(0)
        runSpy.clear()
    }

    function test_presets() {
        compare(controller.presetNames.length, 17) // the truth table and its Part 2
        compare(controller.presetTitles.length, 17)
        compare(controller.presetNames[5], "parallel-two-clusters")
        verify(controller.eventCount > 10)
    }

    function test_toggleReruns() {
        controller.seek(330000)
        controller.cache = true
        compare(runSpy.count, 1)
        compare(controller.timeUs, 330000)
        compare(controller.anomalyText, "")
        controller.cache = false
        compare(runSpy.count, 2)
        verify(controller.verdictText.indexOf("DUPLICATE") === 0)
    }

    function test_bannerAppearsWithTheSecondCharge() {
        compare(controller.anomalyText, "")
        controller.seek(controller.endUs)
        verify(controller.anomalyText.indexOf("K1") > 0, controller.anomalyText)
    }

    function test_models() {
        controller.seek(100000)
        compare(controller.keysA.rowCount(), 1)
        compare(controller.keysB.rowCount(), 1)
        compare(controller.ledgerA.rowCount(), 0)
        verify(controller.nodes.rowCount() >= 7)
    }

    function test_axis() {
        const mid = controller.axisPosition(controller.endUs / 2)
        verify(mid > 0.5, "the long lag is compressed: half the time is far right")
        fuzzyCompare(controller.axisTime(controller.axisPosition(123456)), 123456, 1)
    }

    function test_sendFromClient() {
        const before = controller.eventCount
        controller.seek(2000000)
        controller.sendFromClient(0, true)
        verify(controller.eventCount > before)
        compare(controller.timeUs, 2000000)
    }
}
