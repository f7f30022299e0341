import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// Asks before something on screen is dropped (unsaved edits, a live record): one sentence of
// what would be lost and how to keep it, a button that keeps it (Escape too) and one that
// discards it and goes on. Never drop such things silently.
Dialog {
    id: dialog

    /// What would be lost, and how to keep it.
    property string text
    property string keepText: qsTr("Keep")
    property string discardText: qsTr("Discard")

    modal: true
    anchors.centerIn: parent
    /// The window's width (the dialog's parent is the window's overlay once shown).
    readonly property real roomWidth: parent ? parent.width : Math.round(520 * Theme.scale)
    width: Math.min(roomWidth - 4 * Theme.gap, Math.round(520 * Theme.scale))
    closePolicy: Popup.CloseOnEscape

    Label {
        width: Math.min(dialog.roomWidth - 8 * Theme.gap, Math.round(480 * Theme.scale))
        height: implicitHeight
        wrapMode: Text.WordWrap
        color: Theme.text
        text: dialog.text
    }

    footer: DialogButtonBox {
        Button {
            text: dialog.keepText
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        Button {
            text: dialog.discardText
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
    }
}
