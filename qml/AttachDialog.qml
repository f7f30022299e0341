import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IdemLab

// Attach to running clusters (Ctrl+Shift+A, the toolbar's Attach switch): the URL of each
// cluster process (`idemlab-cli serve` prints them), and once attached each URL's state:
// connecting, up (the clusters its process hosts) or down and why, retried by itself.
// Detach keeps the record on screen for scrubbing and export. Sized like the editor panel
// (Theme.panelFont): at the largest text it still shows the fields and the states.
Dialog {
    id: dialog

    required property AttachController attach
    /// Called before attaching: the app's own live servers stop (one record on screen).
    signal attaching()

    title: qsTr("Attach to running clusters")
    modal: true
    anchors.centerIn: parent
    width: Math.min(parent.width - 40, Math.round(620 * Theme.panelScale))
    height: Math.min(implicitHeight, parent.height - 2 * Theme.gap)
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    font.pixelSize: Theme.panelFont

    function attachNow() {
        dialog.attaching()
        if (dialog.attach.attach([urlA.text, urlB.text]))
            errorLine.text = ""
        else
            errorLine.text = dialog.attach.errorText
    }

    contentItem: Flickable {
        implicitHeight: column.implicitHeight
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: column
            width: parent.width
            spacing: Math.round(6 * Theme.panelScale)

            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.text
                text: qsTr("The address of each cluster, as idemlab-cli serve prints it (http://HOST:PORT). The scene animates what they stream; a cluster that goes away is shown down and reconnected when it is back.")
            }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: Theme.gap
                rowSpacing: Math.round(4 * Theme.panelScale)
                Label { text: qsTr("Cluster A"); color: Theme.text }
                TextField {
                    id: urlA
                    Layout.fillWidth: true
                    implicitHeight: Math.round(34 * Theme.panelScale)
                    font.pixelSize: Theme.panelFont
                    text: "http://127.0.0.1:8081"
                    placeholderText: "http://HOST:8081"
                    selectByMouse: true
                    onAccepted: dialog.attachNow()
                }
                Label { text: qsTr("Cluster B"); color: Theme.text }
                TextField {
                    id: urlB
                    Layout.fillWidth: true
                    implicitHeight: Math.round(34 * Theme.panelScale)
                    font.pixelSize: Theme.panelFont
                    text: "http://127.0.0.1:8082"
                    placeholderText: qsTr("http://HOST:8082 (or empty)")
                    selectByMouse: true
                    onAccepted: dialog.attachNow()
                }
            }
            Label {
                id: errorLine
                Layout.fillWidth: true
                visible: text !== ""
                wrapMode: Text.WordWrap
                color: Theme.anomalyText
            }
            Repeater {
                model: dialog.attach.links
                delegate: RowLayout {
                    id: linkRow
                    required property var modelData
                    readonly property string state: modelData.state
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    Rectangle {
                        Layout.alignment: Qt.AlignTop
                        Layout.topMargin: Math.round(4 * Theme.panelScale)
                        implicitWidth: Math.round(10 * Theme.panelScale)
                        implicitHeight: implicitWidth
                        radius: width / 2
                        color: linkRow.state === "up" ? Theme.status201
                             : linkRow.state === "down" ? Theme.anomaly : Theme.strongBorder
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        color: Theme.text
                        text: linkRow.state === "up"
                              ? qsTr("%1: up, cluster %2 (its process hosts %3)")
                                    .arg(linkRow.modelData.url).arg(linkRow.modelData.cluster)
                                    .arg(linkRow.modelData.clusters)
                              : linkRow.state === "down"
                                ? qsTr("%1: down (%2), retrying").arg(linkRow.modelData.url).arg(linkRow.modelData.why)
                                : qsTr("%1: connecting").arg(linkRow.modelData.url)
                    }
                }
            }
        }
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Close")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        Button {
            text: qsTr("Detach")
            enabled: dialog.attach.attached
            DialogButtonBox.buttonRole: DialogButtonBox.DestructiveRole
            onClicked: dialog.attach.detach()
        }
        Button {
            text: dialog.attach.attached ? qsTr("Attach again") : qsTr("Attach")
            DialogButtonBox.buttonRole: DialogButtonBox.ApplyRole
            onClicked: dialog.attachNow()
        }
    }
    onOpened: {
        // Attached: the fields say to what (to edit and attach again).
        const links = dialog.attach.links
        if (dialog.attach.attached && links.length > 0) {
            urlA.text = links[0].url
            urlB.text = links.length > 1 ? links[1].url : ""
        }
        urlA.forceActiveFocus()
    }
}
