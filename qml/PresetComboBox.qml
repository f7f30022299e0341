import QtQuick
import QtQuick.Controls.Basic

// Picks the scenario: "6 · Parallel duplicates in two clusters". The list shows each
// preset's one-line description under its title, so a teacher can choose without a script.
ComboBox {
    id: control

    property list<string> names
    property list<string> titles
    property list<string> descriptions
    /// Shown when the scenario on screen is not a preset (a file).
    property string otherText: qsTr("Scenario file")

    signal presetChosen(string name)

    /// Wide enough for the entry on screen.
    readonly property real displayWidth: Math.ceil(shown.implicitWidth) + leftPadding + rightPadding + 2

    // The entry on screen as the box draws it, for displayWidth.
    Text {
        id: shown
        visible: false
        text: control.displayText
        font: label.font
    }

    function entryText(i) {
        return i >= 0 && i < titles.length ? qsTr("%1 · %2").arg(i + 1).arg(titles[i]) : ""
    }

    model: titles.length
    focusPolicy: Qt.TabFocus
    hoverEnabled: true
    displayText: currentIndex >= 0 ? entryText(currentIndex) : otherText
    implicitHeight: Math.round(34 * Theme.scale)
    leftPadding: Math.round(10 * Theme.scale)
    rightPadding: Math.round(28 * Theme.scale)
    font.pixelSize: Theme.fontSize
    onActivated: (index) => presetChosen(names[index])

    background: Rectangle {
        radius: Theme.radius
        color: control.pressed || control.popup.visible ? Theme.toolbarControlDown : control.hovered ? Theme.toolbarControlHover : Theme.toolbarControl
        border.width: control.visualFocus ? 2 : 1
        border.color: control.visualFocus ? Theme.statusOther : Theme.toolbarControlBorder
    }

    contentItem: Text {
        id: label
        text: control.displayText
        color: Theme.toolbarText
        font.pixelSize: Theme.fontSize
        font.bold: true
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }

    indicator: Text {
        x: control.width - width - Math.round(10 * Theme.scale)
        y: (control.height - height) / 2
        text: "▾"
        color: Theme.toolbarMuted
        font.pixelSize: Theme.fontSize
    }

    delegate: ItemDelegate {
        id: item
        required property int index
        width: control.popup.width - 2
        highlighted: control.highlightedIndex === index
        padding: Math.round(8 * Theme.scale)
        background: Rectangle {
            color: item.highlighted ? Theme.wash(Theme.accent, 0.16)
                   : item.index === control.currentIndex ? Theme.panelAlt : "transparent"
        }
        contentItem: Column {
            spacing: Math.round(2 * Theme.scale)
            Text {
                width: item.availableWidth
                text: control.entryText(item.index)
                color: Theme.text
                font.pixelSize: Theme.fontSize
                font.bold: true
                elide: Text.ElideRight
            }
            Text {
                width: item.availableWidth
                text: control.descriptions[item.index] || ""
                color: Theme.mutedText
                font.pixelSize: Theme.smallFont
                wrapMode: Text.WordWrap
            }
        }
    }

    popup: Popup {
        y: control.height + 2
        width: Math.min(control.Window.width - 20, Math.max(control.width, Math.round(560 * Theme.scale)))
        implicitHeight: Math.min(contentItem.implicitHeight + 2, control.Window.height - control.height - 20)
        padding: 1
        contentItem: ListView {
            clip: true
            implicitHeight: contentHeight
            model: control.popup.visible ? control.delegateModel : null
            currentIndex: control.highlightedIndex
            ScrollIndicator.vertical: ScrollIndicator { }
        }
        background: Rectangle {
            color: Theme.panel
            border.color: Theme.border
            radius: Theme.radius
        }
    }

    ToolTip.visible: hovered && !popup.visible && currentIndex >= 0
    ToolTip.delay: 500
    ToolTip.text: qsTr("Scenario: %1").arg(descriptions[currentIndex] || "")
}
