// The file dialogs' path logic: folder + typed name + the format's suffix give one absolute
// path; a missing folder is made before writing; every problem is one line.
#include "exportpath.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace idem;

class TstExportPath : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void resolve_data();
    void resolve();
    void startFolder_data();
    void startFolder();
    void createsTheMissingFolder();
    void writeProblemsAreOneLine_data();
    void writeProblemsAreOneLine();
    void openChecksTheFile_data();
    void openChecksTheFile();
    void notifies();

private:
    QTemporaryDir m_home;
    QString home(const QString &rest = {}) const
    {
        return rest.isEmpty() ? m_home.path() : m_home.path() + QLatin1Char('/') + rest;
    }
};

void TstExportPath::initTestCase()
{
    // A fresh machine: a home folder with no Documents in it.
    QVERIFY(m_home.isValid());
    qputenv("HOME", m_home.path().toLocal8Bit());
    qputenv("XDG_DOCUMENTS_DIR", QByteArray());
    QStandardPaths::setTestModeEnabled(false);
    QCOMPARE(QDir::homePath(), m_home.path());
    QVERIFY(QDir(home()).mkpath(QStringLiteral("exports")));
    QFile f(home(QStringLiteral("exports/old.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
}

void TstExportPath::resolve_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("path");  // with "~" for the home folder; empty = an error
    QTest::addColumn<QString>("error"); // empty = none

    QTest::addRow("name in folder") << "~/exports"
                                    << "run.json"
                                    << "json"
                                    << "~/exports/run.json"
                                    << "";
    QTest::addRow("suffix added") << "~/exports"
                                  << "run"
                                  << "json"
                                  << "~/exports/run.json"
                                  << "";
    QTest::addRow("suffix any case") << "~/exports"
                                     << "Run.JSON"
                                     << "json"
                                     << "~/exports/Run.JSON"
                                     << "";
    QTest::addRow("other dots kept") << "~/exports"
                                     << "run.v2"
                                     << "csv"
                                     << "~/exports/run.v2.csv"
                                     << "";
    QTest::addRow("absolute name used as is") << "~/exports"
                                              << "/tmp/idem/x.json"
                                              << "json"
                                              << "/tmp/idem/x.json"
                                              << "";
    QTest::addRow("tilde expands") << "~/exports"
                                   << "~/class/x.svg"
                                   << "svg"
                                   << "~/class/x.svg"
                                   << "";
    QTest::addRow("tilde alone is a folder") << "/tmp"
                                             << "~"
                                             << "json"
                                             << "~"
                                             << "";
    QTest::addRow("relative with folders") << "~/exports"
                                           << "week1/run.mmd"
                                           << "mmd"
                                           << "~/exports/week1/run.mmd"
                                           << "";
    QTest::addRow("dot-dot cleaned") << "~/exports"
                                     << "../x.csv"
                                     << "csv"
                                     << "~/x.csv"
                                     << "";
    QTest::addRow("spaces trimmed") << "~/exports"
                                    << "  run.json  "
                                    << "json"
                                    << "~/exports/run.json"
                                    << "";
    QTest::addRow("folder as file URL") << "file://" + QDir::tempPath() << "x.json"
                                        << "json" << QDir::tempPath() + "/x.json"
                                        << "";
    QTest::addRow("a folder's name") << "~"
                                     << "exports"
                                     << "json"
                                     << "~/exports"
                                     << "";
    QTest::addRow("opening: no suffix added") << "~/exports"
                                              << "old"
                                              << ""
                                              << "~/exports/old"
                                              << "";
    QTest::addRow("empty name") << "~/exports"
                                << ""
                                << "json"
                                << ""
                                << "Type a file name.";
    QTest::addRow("blank name") << "~/exports"
                                << "   "
                                << "json"
                                << ""
                                << "Type a file name.";
    QTest::addRow("another format's suffix")
        << "~/exports"
        << "run.csv"
        << "json"
        << ""
        << "\"run.csv\" ends in .csv, but the format chosen writes .json files: change the "
           "name or the format.";
    QTest::addRow("png for a text format")
        << "~/exports"
        << "shot.png"
        << "svg"
        << ""
        << "\"shot.png\" ends in .png, but the format chosen writes .svg files: change the "
           "name or the format.";
    QTest::addRow("no folder") << ""
                               << "run.json"
                               << "json"
                               << ""
                               << "Choose a folder, or type a full path such as ~/run.json.";
    // Qt's ":/" resource paths are not the user's files: typed, ":/x" is a name in the folder.
    QTest::addRow("a colon name is not a resource") << "~/exports"
                                                    << ":/x"
                                                    << "json"
                                                    << "~/exports/:/x.json"
                                                    << "";
    // A pasted name or folder with a line break: refused in one line, the text escaped.
    QTest::addRow("line break in the name")
        << "~/exports"
        << "run\n.json"
        << "json"
        << ""
        << "The file name must be on one line (no line break or control character), got "
           "\"run\\n.json\".";
    QTest::addRow("line break in a file URL")
        << "~/exports"
        << "file:///tmp/a%0Ab.json"
        << "json"
        << ""
        << "The file name must be on one line (no line break or control character), got "
           "\"/tmp/a\\nb.json\".";
    QTest::addRow("line break in the folder") << "file:///tmp/a%0Db"
                                              << "run.json"
                                              << "json"
                                              << ""
                                              << "The folder must be on one line (no line break "
                                                 "or control character), got \"/tmp/a\\rb\".";
}

void TstExportPath::resolve()
{
    QFETCH(QString, folder);
    QFETCH(QString, name);
    QFETCH(QString, suffix);
    QFETCH(QString, path);
    QFETCH(QString, error);
    const auto expand = [this](QString p) {
        return p.startsWith(QLatin1Char('~')) ? home() + p.mid(1) : p;
    };
    QString why;
    const auto got = ExportPath::resolve(expand(folder), name, suffix, &why);
    QCOMPARE(got.value_or(QString()), expand(path));
    QCOMPARE(why, error);
    QVERIFY(!why.contains(QLatin1Char('\n')));

    // The QML object says the same through its properties.
    ExportPath p;
    p.setFolder(expand(folder));
    p.setName(name);
    p.setSuffix(suffix);
    QCOMPARE(p.filePath(), expand(path));
    QCOMPARE(p.error(), error);
    QCOMPARE(p.fileUrl().isEmpty(), path.isEmpty());
}

void TstExportPath::startFolder_data()
{
    QTest::addColumn<QString>("last");
    QTest::addColumn<bool>("documents"); // a Documents folder exists
    QTest::addColumn<QString>("expected");
    QTest::addRow("last used") << "~/exports" << true << "~/exports";
    QTest::addRow("last as URL") << "file://~/exports" << false << "~/exports";
    QTest::addRow("last gone, documents") << "~/gone" << true << "~/Documents";
    QTest::addRow("nothing, documents") << "" << true << "~/Documents";
    QTest::addRow("fresh machine: home") << "" << false << "~";
    QTest::addRow("last is a file") << "~/exports/old.json" << false << "~";
}

void TstExportPath::startFolder()
{
    QFETCH(QString, last);
    QFETCH(bool, documents);
    QFETCH(QString, expected);
    const QString docs = home(QStringLiteral("Documents"));
    if (documents)
        QVERIFY(QDir().mkpath(docs));
    else
        QVERIFY(QDir(docs).removeRecursively());
    const auto expand = [this](QString p) {
        p.replace(QLatin1String("file://~"), QLatin1String("file://") + home());
        return p.startsWith(QLatin1Char('~')) ? home() + p.mid(1) : p;
    };
    QCOMPARE(ExportPath::startFolder(expand(last)), expand(expected));
    QVERIFY(QDir(docs).removeRecursively());
}

void TstExportPath::createsTheMissingFolder()
{
    // The suggested name in the suggested folder works on a fresh machine: the folder is made.
    ExportPath p;
    p.setFolder(home(QStringLiteral("Documents")));
    p.setName(QStringLiteral("single-request-mutex-off-cache-off"));
    p.setSuffix(QStringLiteral("json"));
    QVERIFY(!QFileInfo::exists(home(QStringLiteral("Documents"))));
    QVERIFY2(p.prepareToWrite(), qPrintable(p.error()));
    QVERIFY(QFileInfo(home(QStringLiteral("Documents"))).isDir());
    QCOMPARE(p.filePath(),
             home(QStringLiteral("Documents/single-request-mutex-off-cache-off.json")));
    QVERIFY(!p.exists());
    QVERIFY(p.error().isEmpty());

    // A typed path deep in missing folders is made too.
    p.setName(QStringLiteral("~/a/b/c/run"));
    QVERIFY2(p.prepareToWrite(), qPrintable(p.error()));
    QVERIFY(QFileInfo(home(QStringLiteral("a/b/c"))).isDir());
    QCOMPARE(p.filePath(), home(QStringLiteral("a/b/c/run.json")));

    // An existing file is reported (the export replaces it).
    p.setFolder(home(QStringLiteral("exports")));
    p.setName(QStringLiteral("old"));
    QVERIFY(p.prepareToWrite());
    QVERIFY(p.exists());
    QVERIFY(QDir(home(QStringLiteral("Documents"))).removeRecursively());
    QVERIFY(QDir(home(QStringLiteral("a"))).removeRecursively());
}

void TstExportPath::writeProblemsAreOneLine_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("error"); // with "~" for the home folder

    QTest::addRow("a file in the way")
        << "~/exports/old.json/x.json"
        << "Cannot create the folder \"~/exports/old.json\": \"~/exports/old.json\" is a file.";
    QTest::addRow("a file further up")
        << "~/exports/old.json/deeper/x.json"
        << "Cannot create the folder \"~/exports/old.json/deeper\": \"~/exports/old.json\" is a "
           "file.";
    QTest::addRow("a folder") << "~/exports"
                              << "\"~/exports\" is a folder: type a file name.";
    QTest::addRow("nothing typed") << ""
                                   << "Type a file name.";
}

void TstExportPath::writeProblemsAreOneLine()
{
    QFETCH(QString, name);
    QFETCH(QString, error);
    error.replace(QLatin1String("~"), home());
    ExportPath p;
    p.setFolder(home());
    p.setSuffix(QStringLiteral("json"));
    p.setName(name);
    QVERIFY(!p.prepareToWrite());
    QCOMPARE(p.error(), error);
}

void TstExportPath::openChecksTheFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("error"); // empty = it opens
    QTest::addRow("a file") << "old.json"
                            << "";
    QTest::addRow("by full path") << "~/exports/old.json"
                                  << "";
    QTest::addRow("missing") << "new.json"
                             << "There is no file \"~/exports/new.json\".";
    QTest::addRow("a folder") << "~/exports"
                              << "\"~/exports\" is a folder: choose a file in it.";
    QTest::addRow("nothing") << ""
                             << "Type a file name.";
}

void TstExportPath::openChecksTheFile()
{
    QFETCH(QString, name);
    QFETCH(QString, error);
    error.replace(QLatin1String("~"), home());
    ExportPath p;
    p.setFolder(home(QStringLiteral("exports")));
    p.setName(name);
    QCOMPARE(p.checkReadable(), error.isEmpty());
    QCOMPARE(p.error(), error);
}

void TstExportPath::notifies()
{
    ExportPath p;
    // Before anything is typed there is no path, and the object says why (fuzz_exportpath
    // found a fresh one with neither).
    QVERIFY(p.filePath().isEmpty());
    QCOMPARE(p.error(), QStringLiteral("Type a file name."));
    QSignalSpy folder(&p, &ExportPath::folderChanged);
    QSignalSpy name(&p, &ExportPath::nameChanged);
    QSignalSpy path(&p, &ExportPath::pathChanged);
    p.setFolder(home(QStringLiteral("exports")));
    p.setFolder(home(QStringLiteral("exports/"))); // the same folder, cleaned
    QCOMPARE(folder.count(), 1);
    QCOMPARE(p.folderUrl(), QUrl::fromLocalFile(home(QStringLiteral("exports"))));
    p.setName(QStringLiteral("x"));
    p.setName(QStringLiteral("x"));
    QCOMPARE(name.count(), 1);
    QCOMPARE(path.count(), 2);
    // Opening another folder keeps the typed name.
    p.setFolder(home());
    QCOMPARE(p.name(), QStringLiteral("x"));
    QCOMPARE(p.filePath(), home(QStringLiteral("x")));
    QCOMPARE(ExportPath::parentFolder(home(QStringLiteral("exports"))), home());
    QCOMPARE(ExportPath::parentFolder(QStringLiteral("/")), QStringLiteral("/"));
    QCOMPARE(ExportPath::localPath(QStringLiteral("~/y")), home(QStringLiteral("y")));
}

QTEST_GUILESS_MAIN(TstExportPath)
#include "tst_exportpath.moc"
