import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IdemLab

// Find a failure (Ctrl+F): the hunt of `idemlab-cli hunt` on the scenario and settings on
// screen. Pick what must not happen and how many runs to spend; a failure found is shrunk to
// the smallest scenario that still fails and opened in the scene, its steps listed here.
Dialog {
    id: dialog

    required property SimulationController controller
    readonly property HuntRunner hunt: controller.hunt

    title: qsTr("Find a failure")
    modal: true
    anchors.centerIn: parent
    width: Math.min(parent.width - 40, Math.round(620 * Theme.scale))
    height: Math.min(implicitHeight, parent.height - 2 * Theme.gap)
    closePolicy: hunt.running ? Popup.NoAutoClose : (Popup.CloseOnEscape | Popup.CloseOnPressOutside)

    readonly property var invariants: [
        { word: "any", text: qsTr("any anomaly") },
        { word: "duplicate", text: qsTr("a key charged more than once") },
        { word: "stuck", text: qsTr("a key stuck in CREATED") },
        { word: "collision", text: qsTr("two payments under one key") }
    ]

    Flickable {
        // At a large text size the explanation, the fields and the shrink's steps scroll
        // rather than run under the buttons.
        id: scroller
        anchors.fill: parent
        clip: true
        contentWidth: width
        contentHeight: content.implicitHeight
        implicitHeight: content.implicitHeight
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}
        /// It scrolls: a line at its edge may show in part (the screenshot tests allow it).
        readonly property bool partialRows: true

        ColumnLayout {
            id: content
            width: scroller.width
            spacing: Math.round(6 * Theme.scale)

            Label {
                // What a hunt does, until one has run: then its outcome takes the room.
                visible: !dialog.hunt.running && dialog.hunt.status === ""
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.text
                text: qsTr("Runs the scenario on screen, with its settings, on a few seeds, then with small random changes: a request moved next to another, jitter, loss, a crash, a cache outage, a partition, a duplicated or lost message, a failed charge. The first run that fails is shrunk step by step to the smallest scenario that still fails, and shown in the scene.")
            }
            RowLayout {
                spacing: Theme.gap
                Label { text: qsTr("Look for"); color: Theme.text }
                ComboBox {
                    id: invariantBox
                    Layout.preferredWidth: Math.round(300 * Theme.scale)
                    implicitHeight: Math.round(34 * Theme.scale) // the window's text scale
                    font.pixelSize: Theme.fontSize
                    enabled: !dialog.hunt.running
                    model: dialog.invariants
                    textRole: "text"
                }
            }
            RowLayout {
                spacing: Theme.gap
                Label { text: qsTr("Budget"); color: Theme.text }
                ScaledSpinBox {
                    id: budgetBox
                    implicitWidth: Math.round(130 * Theme.scale)
                    implicitHeight: Math.round(34 * Theme.scale)
                    enabled: !dialog.hunt.running
                    from: 10
                    to: 100000
                    stepSize: 500
                    value: 1000
                }
                Label { text: qsTr("runs"); color: Theme.mutedText }
            }
            ProgressBar {
                Layout.fillWidth: true
                visible: dialog.hunt.running
                from: 0
                to: 1
                value: Math.max(0, dialog.hunt.progress)
                indeterminate: dialog.hunt.progress < 0
            }
            Label {
                Layout.fillWidth: true
                visible: text !== ""
                wrapMode: Text.WordWrap
                color: dialog.hunt.found ? Theme.text : Theme.mutedText
                font.bold: dialog.hunt.found && !dialog.hunt.running
                text: dialog.hunt.status
            }
            Repeater {
                // The shrink's steps.
                model: dialog.hunt.running ? [] : dialog.hunt.steps
                delegate: Label {
                    required property string modelData
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.gap
                    wrapMode: Text.WordWrap
                    color: Theme.text
                    text: modelData
                }
            }
        }
    }

    footer: DialogButtonBox {
        Button {
            text: dialog.hunt.running ? qsTr("Cancel") : qsTr("Close")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        Button {
            text: dialog.hunt.found ? qsTr("Hunt again") : qsTr("Find a failure")
            enabled: !dialog.hunt.running
            DialogButtonBox.buttonRole: DialogButtonBox.ApplyRole
        }
        onApplied: dialog.hunt.start(dialog.invariants[invariantBox.currentIndex].word, budgetBox.value)
    }
    onRejected: {
        if (hunt.running) {
            hunt.cancel()
            open() // stay until the hunt has stopped and says what it found
        }
    }
    onOpened: if (!hunt.running && !hunt.found) budgetBox.forceActiveFocus()
}
