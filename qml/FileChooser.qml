import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Qt.labs.folderlistmodel
import IdemLab

// The app's own file dialog, for Export (saving) and Open: a path bar, the folder's files
// and a name field, always about the same folder. The name typed is kept while folders
// are opened; an absolute path or ~/x typed as the name is used as it is (ExportPath).
// The highlighted file is the selected one: Open, Enter and a double click take it.
// Its size is fixed, so nothing moves while it is used.
Dialog {
    id: chooser

    /// Saving a file (Export) or choosing one to open.
    property bool saving: true
    /// The format's extension when saving ("json"); the list shows those files.
    property string suffix: ""
    /// Patterns of the files the list shows when opening.
    property list<string> openFilters: ["*.json"]
    property string acceptText: saving ? qsTr("Export") : qsTr("Open")
    /// The folder used last (remembered by the window), or empty.
    property string lastFolder: ""

    /// The file was chosen (its folder exists; when opening, the file is readable).
    signal chosen(url fileUrl, string folder)

    /// Opens the chooser with `name` in the name field.
    function start(name) {
        suggested = name
        path.folder = path.startFolder(lastFolder)
        path.name = name
        nameField.text = name
        listFolder()
        files.currentIndex = -1
        open()
        nameField.forceActiveFocus()
    }

    property string suggested: ""
    /// The folder shown (the path bar's and the list's).
    readonly property alias folder: path.folder
    /// The name field's text: the file Export writes or Open opens.
    readonly property alias selectedName: nameField.text
    /// Why the name cannot be used yet, or empty.
    readonly property alias problem: path.error

    /// Puts `name` in the name field, as typing it does.
    function typeName(name) {
        nameField.text = name
        path.name = name
    }

    modal: true
    anchors.centerIn: parent
    width: Math.min(parent.width - 40, Math.round(760 * Theme.scale))
    height: Math.min(parent.height - 40, Math.round(560 * Theme.scale))
    padding: Math.round(12 * Theme.scale)
    font.pixelSize: Theme.fontSize

    ExportPath {
        id: path
        suffix: chooser.saving ? chooser.suffix : ""
    }

    // A new model for every folder, created with its folder set: FolderListModel reads
    // folders on a thread, and changing the folder of one already reading could leave it
    // showing the first folder (the working folder) under the path of the second.
    property FolderListModel folderModel: null
    Component {
        id: folderModelMaker
        FolderListModel {
            id: made
            showDirsFirst: true
            showDotAndDotDot: false
            showHidden: false
            caseSensitive: false
            onStatusChanged: if (status === FolderListModel.Ready) chooser.listed(made)
        }
    }
    function listFolder() {
        const old = folderModel
        folderModel = folderModelMaker.createObject(chooser, {
            folder: path.folderUrl,
            nameFilters: saving ? ["*." + suffix] : openFilters
        })
        if (old)
            old.destroy()
    }
    Connections {
        target: path
        function onFolderChanged() { chooser.listFolder() }
    }

    /// Opening: once a folder is read, its first file is selected (really: the name field
    /// holds it), unless a file is named already.
    function listed(model) {
        if (model !== folderModel || saving || !visible)
            return
        if (path.name.length > 0 && !path.isFolder && !path.error)
            return
        for (let i = 0; i < model.count; ++i) {
            if (!model.isFolder(i)) {
                select(i)
                return
            }
        }
    }

    function select(i) {
        files.currentIndex = i
        if (i >= 0)
            files.positionViewAtIndex(i, ListView.Contain)
        // Saving, a folder highlighted keeps the name typed; opening, it is what Open opens.
        if (i >= 0 && (!saving || !folderModel.isFolder(i))) {
            nameField.text = folderModel.get(i, "fileName")
            path.name = nameField.text
        }
    }

    function openFolder(folder) {
        path.folder = folder
        files.currentIndex = -1
        if (!saving) {
            nameField.text = ""
            path.name = ""
        }
    }

    /// The list's Enter or double click on row `i`: a folder opens, a file is taken.
    function activate(i) {
        if (folderModel.isFolder(i))
            openFolder(folderModel.get(i, "filePath"))
        else {
            select(i)
            finish()
        }
    }

    function finish() {
        path.name = nameField.text
        if (path.isFolder) {
            // A folder typed as the name: open it and give the name back.
            openFolder(path.filePath)
            nameField.text = saving ? suggested : ""
            path.name = nameField.text
            return
        }
        const ok = saving ? path.prepareToWrite() : path.checkReadable()
        if (!ok)
            return
        chosen(path.fileUrl, path.parentFolder(path.filePath))
        close()
    }

    contentItem: ColumnLayout {
        spacing: Math.round(8 * Theme.scale)

        RowLayout {
            Layout.fillWidth: true
            spacing: Math.round(6 * Theme.scale)
            Button {
                Layout.preferredHeight: pathBar.implicitHeight
                text: qsTr("↑ Up")
                enabled: path.parentFolder(path.folder) !== path.folder
                onClicked: chooser.openFolder(path.parentFolder(path.folder))
            }
            Rectangle {
                id: pathBar
                Layout.fillWidth: true
                implicitHeight: Math.round(Theme.smallFont * 2.4)
                radius: Theme.radius
                color: Theme.panelAlt
                border.width: pathInput.activeFocus ? 2 : 1
                border.color: pathInput.activeFocus ? Theme.accent : Theme.strongBorder
                TextInput {
                    id: pathInput
                    anchors.fill: parent
                    anchors.leftMargin: Math.round(8 * Theme.scale)
                    anchors.rightMargin: Math.round(8 * Theme.scale)
                    verticalAlignment: TextInput.AlignVCenter
                    clip: true
                    text: path.folder
                    color: Theme.text
                    selectByMouse: true
                    selectionColor: Theme.accent
                    selectedTextColor: Theme.onColour
                    font.family: Theme.monoFamily
                    font.pixelSize: Theme.smallFont
                    Accessible.name: qsTr("Folder")
                    // Enter opens the folder typed; anything else is put back.
                    onAccepted: {
                        path.name = path.localPath(text)
                        if (path.isFolder)
                            chooser.openFolder(path.filePath)
                        path.name = nameField.text
                        text = Qt.binding(() => path.folder)
                    }
                    onEditingFinished: text = Qt.binding(() => path.folder)
                }
            }
            Button {
                Layout.preferredHeight: pathBar.implicitHeight
                text: qsTr("Home")
                onClicked: chooser.openFolder(path.localPath("~"))
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: Theme.panel
            border.color: Theme.border
            radius: Theme.radius

            ListView {
                id: files
                anchors.fill: parent
                anchors.margins: 1
                clip: true
                model: chooser.folderModel
                currentIndex: -1
                keyNavigationEnabled: true
                focus: true
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar { }
                onCurrentIndexChanged: if (activeFocus) chooser.select(currentIndex)
                Keys.onReturnPressed: if (currentIndex >= 0) chooser.activate(currentIndex)
                Keys.onEnterPressed: if (currentIndex >= 0) chooser.activate(currentIndex)

                delegate: ItemDelegate {
                    id: entry
                    required property int index
                    required property string fileName
                    required property bool fileIsDir
                    readonly property bool selected: ListView.isCurrentItem
                    width: files.width
                    padding: Math.round(6 * Theme.scale)
                    leftPadding: Math.round(10 * Theme.scale)
                    background: Rectangle {
                        color: entry.selected ? Theme.accent
                               : entry.hovered ? Theme.wash(Theme.accent, 0.14) : "transparent"
                    }
                    contentItem: Text {
                        text: entry.fileIsDir ? qsTr("▸  %1/").arg(entry.fileName) : entry.fileName
                        color: entry.selected ? Theme.onColour : Theme.text
                        font.pixelSize: Theme.fontSize
                        font.bold: entry.fileIsDir
                        elide: Text.ElideMiddle
                        verticalAlignment: Text.AlignVCenter
                    }
                    onClicked: {
                        files.forceActiveFocus()
                        chooser.select(entry.index)
                    }
                    onDoubleClicked: chooser.activate(entry.index)
                }

                Text {
                    anchors.centerIn: parent
                    visible: files.count === 0
                    width: parent.width - 20
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                    text: chooser.saving ? qsTr("No .%1 files here yet.").arg(chooser.suffix)
                                         : qsTr("No scenario or timeline files (.json) here.")
                    color: Theme.mutedText
                    font.pixelSize: Theme.smallFont
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Math.round(8 * Theme.scale)
            Label {
                text: qsTr("File name")
                color: Theme.text
                font.bold: true
            }
            TextField {
                id: nameField
                Layout.fillWidth: true
                implicitHeight: Math.round(font.pixelSize * 2.2)
                color: Theme.text
                selectByMouse: true
                placeholderText: chooser.saving ? qsTr("a name, or a full path such as ~/class/run.%1").arg(chooser.suffix)
                                                : qsTr("a file in this folder, or a full path")
                placeholderTextColor: Theme.mutedText
                Accessible.name: qsTr("File name")
                background: Rectangle {
                    radius: Theme.radius
                    color: Theme.panelAlt
                    border.width: nameField.activeFocus ? 2 : 1
                    border.color: nameField.activeFocus ? Theme.accent : Theme.strongBorder
                }
                onTextEdited: path.name = text
                onAccepted: chooser.finish()
            }
        }

        // Where the file goes, or why it cannot yet: one line, always there, so nothing moves.
        Label {
            Layout.fillWidth: true
            text: path.error.length > 0 ? path.error
                : path.isFolder ? qsTr("%1 opens this folder.").arg(chooser.acceptText)
                : chooser.saving ? (path.exists ? qsTr("Replaces %1").arg(path.filePath)
                                                : qsTr("Writes %1").arg(path.filePath))
                : qsTr("Opens %1").arg(path.filePath)
            color: path.error.length > 0 ? Theme.anomalyText
                 : path.exists && chooser.saving ? Theme.statusTextColor(409) : Theme.mutedText
            font.pixelSize: Theme.smallFont
            elide: Text.ElideMiddle
        }
    }

    footer: DialogButtonBox {
        padding: Math.round(12 * Theme.scale)
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        Button {
            id: acceptButton
            text: chooser.acceptText
            // Not AcceptRole: the dialog closes only once the file can really be used.
            DialogButtonBox.buttonRole: DialogButtonBox.ApplyRole
            onClicked: chooser.finish()
            background: Rectangle {
                radius: Theme.radius
                color: acceptButton.down ? Qt.darker(Theme.accent, 1.2) : Theme.accent
            }
            contentItem: Text {
                text: acceptButton.text
                color: Theme.onColour
                font.bold: true
                font.pixelSize: Theme.fontSize
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
        }
    }
}
