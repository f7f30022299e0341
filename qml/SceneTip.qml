import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// A tooltip owned by one item of the scene: shown after a delay while `shown` holds, gone
// the moment it does not (or its item goes), at most a few words wide, and placed above or
// below its item so that it does not cover what it describes.
ToolTip {
    id: tip

    property bool shown: false
    /// Below the item (true) or above it.
    property bool below: true

    visible: shown && text.length > 0
    delay: 700
    timeout: 8000
    x: Math.round((parent ? parent.width - width : 0) / 2)
    y: below ? (parent ? parent.height : 0) + Math.round(4 * Theme.scale)
             : -height - Math.round(4 * Theme.scale)
    width: Math.min(implicitWidth, Math.round(340 * Theme.scale))
    font.pixelSize: Theme.smallFont
    padding: Math.round(6 * Theme.scale)
    contentItem: Text {
        text: tip.text
        font: tip.font
        wrapMode: Text.Wrap
        color: tip.palette.toolTipText
    }
}
