import QtQuick
import QtTest
import IdemLab

// The app's file dialog as a class uses it: in Open the highlighted file is the selected
// one (Open works at once), opening a folder keeps the name typed for an export, and the
// path bar and the list always show the same folder.
Item {
    id: root
    width: 1280
    height: 720

    readonly property string dataDir: decodeURIComponent(String(Qt.resolvedUrl("../data")).replace(/^file:\/\//, ""))

    FileChooser {
        id: chooser
        title: "test"
    }

    SignalSpy {
        id: chosen
        target: chooser
        signalName: "chosen"
    }

    TestCase {
        name: "FileChooser"
        when: windowShown

        function init() {
            chosen.clear()
            chooser.close()
        }

        function test_openSelectsTheFirstFile() {
            chooser.saving = false
            chooser.lastFolder = root.dataDir + "/timelines"
            chooser.start("")
            tryVerify(() => chooser.folderModel && chooser.folderModel.count > 0, 5000)
            // The first file is highlighted and really selected: Open takes it at once.
            tryCompare(chooser, "selectedName", "minimal.json", 5000)
            chooser.finish()
            compare(chosen.count, 1)
            compare(String(chosen.signalArguments[0][0]), "file://" + root.dataDir + "/timelines/minimal.json")
            compare(chosen.signalArguments[0][1], root.dataDir + "/timelines")
        }

        function test_openingAFolderKeepsTheTypedName() {
            chooser.saving = true
            chooser.suffix = "json"
            chooser.lastFolder = root.dataDir
            chooser.start("my-run.json")
            tryVerify(() => chooser.folderModel && chooser.folderModel.count > 0, 5000)
            compare(chooser.folder, root.dataDir)
            chooser.openFolder(root.dataDir + "/golden")
            compare(chooser.folder, root.dataDir + "/golden")
            compare(chooser.selectedName, "my-run.json")
            // The list shows the folder the path bar shows.
            compare(String(chooser.folderModel.folder), "file://" + root.dataDir + "/golden")
            // A folder typed as the name opens it and gives the suggested name back.
            chooser.typeName(root.dataDir + "/timelines")
            chooser.finish()
            compare(chosen.count, 0)
            compare(chooser.folder, root.dataDir + "/timelines")
            compare(chooser.selectedName, "my-run.json")
        }

        function test_aBadNameSaysWhyInOneLine() {
            chooser.saving = true
            chooser.suffix = "svg"
            chooser.lastFolder = root.dataDir
            chooser.start("")
            chooser.typeName("run.csv")
            chooser.finish()
            compare(chosen.count, 0)
            verify(chooser.visible)
            compare(chooser.problem, "\"run.csv\" ends in .csv, but the format chosen writes .svg files: change the name or the format.")
        }
    }
}
