import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// What right-clicking a server, the shared cache or the replication link offers: the faults
// that can strike it at the playhead, each saying in plain words what will happen (the
// session's faultChoices), and taking back the fault injected last. Choosing one adds it to
// the scenario and runs the engine again; the playhead stays.
Menu {
    id: menu

    required property SimulationController controller
    /// As wide as the window allows: long lines wrap instead of running off its edge.
    property real maxWidth: 600

    /// The target's node id ("server-a1", "cache") or "replication-link", and its name.
    property string target
    property string targetName
    property var choices: []

    /// What an injection or its undo did, for the window's toast.
    signal notice(string message, bool ok)
    Connections {
        target: menu.controller.session
        function onFaultNotice(message, ok) { menu.notice(message, ok) }
    }

    /// Opens the menu of `target` at `x`, `y` of `item`; play pauses so the moment stays.
    function openFor(target, name, item, x, y) {
        controller.playback.playing = false
        menu.target = target
        menu.targetName = name
        menu.choices = controller.session.faultChoices(target)
        // In the window's coordinates: the scene's items may be rebuilt by the new run.
        const p = item.mapToItem(menu.parent, x, y)
        popup(p.x, p.y)
    }

    // Inside the window whatever was clicked: a node at its right edge opens it leftwards.
    margins: Theme.gap
    padding: Math.round(4 * Theme.scale)
    font.pixelSize: Theme.fontSize
    width: {
        let widest = heading.implicitWidth
        for (let i = 0; i < count; ++i) {
            const item = itemAt(i)
            if (item && item !== heading)
                widest = Math.max(widest, item.implicitWidth)
        }
        return Math.min(maxWidth, widest + leftPadding + rightPadding)
    }

    /// The side margins of every line, growing with the text.
    readonly property real linePadding: Math.round(12 * Theme.scale)

    Label {
        id: heading
        width: menu.availableWidth
        leftPadding: menu.linePadding
        rightPadding: menu.linePadding
        topPadding: Math.round(8 * Theme.scale)
        bottomPadding: Math.round(6 * Theme.scale)
        text: qsTr("Inject a fault into %1 at %2")
                  .arg(menu.targetName).arg(DurationFormat.moment(menu.controller.playback.timeUs))
        wrapMode: Text.WordWrap
        font.bold: true
        color: Theme.text
    }
    MenuSeparator {}

    Instantiator {
        model: menu.choices
        delegate: MenuItem {
            id: item
            required property var modelData
            text: modelData.text
            enabled: modelData.enabled
            font.pixelSize: Theme.fontSize
            leftPadding: menu.linePadding
            rightPadding: menu.linePadding
            topPadding: Math.round(5 * Theme.scale)
            bottomPadding: Math.round(5 * Theme.scale)
            contentItem: Text {
                text: item.text
                font: item.font
                wrapMode: Text.WordWrap
                color: !item.enabled ? Theme.mutedText
                                     : item.highlighted ? Theme.onColour : Theme.text
                verticalAlignment: Text.AlignVCenter
            }
            onTriggered: menu.controller.session.injectFault(menu.target, modelData.id)
        }
        onObjectAdded: (index, object) => menu.insertItem(index + 2, object)
        onObjectRemoved: (index, object) => menu.removeItem(object)
    }
}
