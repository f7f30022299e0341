import QtQuick
import QtQuick.Controls
import IdemLab

ApplicationWindow {
    id: window
    width: 1280
    height: 720
    visible: true
    title: qsTr("Idempotency Lab")
    color: Theme.background

    property alias controller: controller

    SimulationController {
        id: controller
    }

    Text {
        anchors.centerIn: parent
        text: controller.caption
        color: Theme.text
        font.pixelSize: Theme.fontSize
    }
}
