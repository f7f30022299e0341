// libFuzzer target: the file dialogs' path logic (ExportPath) on any folder and typed name,
// given as fields split by the byte 0x1F; a third field picks the format's suffix (the
// program's own, one of the formats', or none when opening). A refused name gives one line
// and no path; an accepted one is an absolute, clean path that ends in the suffix (unless
// it names a folder, which the dialog opens). Nothing is written: prepareToWrite would
// make folders, so only what the dialog shows while the user types is fuzzed.

#include "exportpath.h"
#include "fuzzcheck.h"

#include <QDir>
#include <QFileInfo>

using namespace idem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QStringList fields = input.split(QChar(0x1f));
    const QString folder = fields.value(0);
    const QString name = fields.value(1);
    static const QStringList suffixes{QString(),
                                      QStringLiteral("json"),
                                      QStringLiteral("csv"),
                                      QStringLiteral("mmd"),
                                      QStringLiteral("puml"),
                                      QStringLiteral("svg"),
                                      QStringLiteral("html"),
                                      QStringLiteral("png")};
    const QString asked = fields.value(2);
    const QString suffix =
        suffixes.contains(asked) ? asked : suffixes.at(asked.size() % suffixes.size());
    const QString detail =
        QStringLiteral("folder \"%1\", name \"%2\", suffix \"%3\"").arg(folder, name, suffix);

    QString error;
    const std::optional<QString> path = ExportPath::resolve(folder, name, suffix, &error);
    if (!path) {
        fuzz::checkOneLine(error);
    } else {
        fuzz::check(error.isEmpty(), "an accepted name has no error", detail);
        fuzz::check(QDir::isAbsolutePath(*path), "the path is absolute", *path);
        fuzz::check(QDir::cleanPath(*path) == *path, "the path is clean", *path);
        if (!suffix.isEmpty() && !QFileInfo(*path).isDir())
            fuzz::check(path->endsWith(QLatin1Char('.') + suffix, Qt::CaseInsensitive),
                        "the path ends in the format's suffix", *path);
    }

    // The object the dialog binds to agrees with resolve(), whatever order the fields
    // arrive in, and says why whenever it has no path.
    ExportPath p;
    p.setSuffix(suffix);
    p.setName(name);
    p.setFolder(folder);
    fuzz::check(p.filePath().isEmpty() != p.error().isEmpty(), "a path or an error", detail);
    if (!p.error().isEmpty())
        fuzz::checkOneLine(p.error());
    fuzz::check(p.fileUrl().isEmpty() == p.filePath().isEmpty(), "a URL with the path", detail);

    // Navigating up from whatever the folder field holds stays a local path.
    const QString up = ExportPath::parentFolder(folder);
    if (QDir::isAbsolutePath(ExportPath::localPath(folder)))
        fuzz::check(QDir::isAbsolutePath(up), "the folder above is absolute", up);
    const QString start = ExportPath::startFolder(folder);
    fuzz::check(QFileInfo(start).isDir(), "the first folder exists", start);
    return 0;
}
