#include "exportpath.h"

#include "export/exporter.h"
#include "json/jsonwording.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace idem {

namespace {

// The extensions a typed name may end in for another format than the one chosen.
QStringList knownSuffixes()
{
    return Exporter::formats() + QStringList{QStringLiteral("png")};
}

// A full path of this machine's files: not relative, and not one of Qt's ":/" resource
// paths (QDir calls those absolute; typed into a dialog, ":x" is a file's name).
bool isLocalAbsolute(const QString &path)
{
    return !path.startsWith(QLatin1Char(':')) && QDir::isAbsolutePath(path);
}

} // namespace

QString ExportPath::localPath(const QString &text)
{
    const QString t = text.trimmed();
    if (t.startsWith(QLatin1String("file:")))
        return QUrl(t).toLocalFile();
    if (t == QLatin1String("~"))
        return QDir::homePath();
    if (t.startsWith(QLatin1String("~/")))
        return QDir::homePath() + t.mid(1);
    return t;
}

std::optional<QString> ExportPath::resolve(const QString &folder, const QString &name,
                                           const QString &suffix, QString *error)
{
    const QString typed = localPath(name);
    if (typed.isEmpty()) {
        *error = QObject::tr("Type a file name.");
        return std::nullopt;
    }
    // A pasted name may hold a line break (a file: URL may spell one as %0A): no file is
    // named so on purpose, and every message below quotes the name on one line.
    if (!JsonWording::isOneLine(typed)) {
        *error = QObject::tr("The file name %1.").arg(JsonWording::notOneLine(typed));
        return std::nullopt;
    }
    QString path;
    if (isLocalAbsolute(typed)) {
        path = typed;
    } else {
        const QString base = localPath(folder);
        if (!JsonWording::isOneLine(base)) {
            *error = QObject::tr("The folder %1.").arg(JsonWording::notOneLine(base));
            return std::nullopt;
        }
        if (base.isEmpty() || !isLocalAbsolute(base)) {
            *error = QObject::tr("Choose a folder, or type a full path such as ~/%1.").arg(typed);
            return std::nullopt;
        }
        path = base + QLatin1Char('/') + typed;
    }
    path = QDir::cleanPath(path);
    if (QFileInfo(path).isDir())
        return path; // the dialog opens it
    if (!suffix.isEmpty()) {
        const QString given = QFileInfo(path).suffix().toLower();
        if (path.endsWith(QLatin1Char('/'))) {
            *error = QObject::tr("Type a file name after the folder.");
            return std::nullopt;
        }
        if (given != suffix.toLower()) {
            if (knownSuffixes().contains(given)) {
                *error = QObject::tr("\"%1\" ends in .%2, but the format chosen writes .%3 "
                                     "files: change the name or the format.")
                             .arg(QFileInfo(path).fileName(), given, suffix);
                return std::nullopt;
            }
            path += QLatin1Char('.') + suffix;
        }
    }
    error->clear();
    return path;
}

QString ExportPath::startFolder(const QString &last)
{
    const QString lastPath = localPath(last);
    if (isLocalAbsolute(lastPath) && JsonWording::isOneLine(lastPath) &&
        QFileInfo(lastPath).isDir())
        return QDir::cleanPath(lastPath);
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!documents.isEmpty() && QFileInfo(documents).isDir())
        return QDir::cleanPath(documents);
    return QDir::homePath();
}

QString ExportPath::parentFolder(const QString &folder)
{
    // Whatever the path bar holds: a folder above a full local path, else home.
    const QString path = QDir::cleanPath(localPath(folder));
    if (!isLocalAbsolute(path) || !JsonWording::isOneLine(path))
        return QDir::homePath();
    QDir dir(path);
    if (!dir.cdUp())
        return path;
    return dir.absolutePath();
}

void ExportPath::setFolder(const QString &folder)
{
    const QString path = QDir::cleanPath(localPath(folder));
    if (path == m_folder)
        return;
    m_folder = path;
    emit folderChanged();
    update();
}

void ExportPath::setName(const QString &name)
{
    if (name == m_name)
        return;
    m_name = name;
    emit nameChanged();
    update();
}

void ExportPath::setSuffix(const QString &suffix)
{
    if (suffix == m_suffix)
        return;
    m_suffix = suffix;
    emit suffixChanged();
    update();
}

QUrl ExportPath::fileUrl() const
{
    return m_path.isEmpty() ? QUrl() : QUrl::fromLocalFile(m_path);
}

bool ExportPath::exists() const
{
    return !m_path.isEmpty() && QFileInfo(m_path).isFile();
}

bool ExportPath::isFolder() const
{
    return !m_path.isEmpty() && QFileInfo(m_path).isDir();
}

void ExportPath::update()
{
    QString error;
    m_path = resolve(m_folder, m_name, m_suffix, &error).value_or(QString());
    m_error = error;
    emit pathChanged();
}

void ExportPath::fail(const QString &error)
{
    m_error = error;
    emit pathChanged();
}

bool ExportPath::prepareToWrite()
{
    update();
    if (m_path.isEmpty())
        return false;
    if (isFolder()) {
        fail(tr("\"%1\" is a folder: type a file name.").arg(m_path));
        return false;
    }
    const QFileInfo target(m_path);
    QFileInfo dir(target.absolutePath());
    if (!dir.exists()) {
        if (!QDir().mkpath(dir.absoluteFilePath())) {
            // Name the first part of the path that stands in the way.
            QString blocker = dir.absoluteFilePath();
            while (!QFileInfo(QFileInfo(blocker).absolutePath()).exists())
                blocker = QFileInfo(blocker).absolutePath();
            const QFileInfo above(QFileInfo(blocker).absolutePath());
            fail(above.isDir() ? tr("Cannot create the folder \"%1\": no permission in \"%2\".")
                                     .arg(dir.absoluteFilePath(), above.absoluteFilePath())
                               : tr("Cannot create the folder \"%1\": \"%2\" is a file.")
                                     .arg(dir.absoluteFilePath(), above.absoluteFilePath()));
            return false;
        }
        dir.refresh();
    }
    if (!dir.isDir()) {
        fail(tr("Cannot create the folder \"%1\": \"%1\" is a file.").arg(dir.absoluteFilePath()));
        return false;
    }
    if (!dir.isWritable()) {
        fail(tr("Cannot write into \"%1\": no permission.").arg(dir.absoluteFilePath()));
        return false;
    }
    emit pathChanged(); // exists / isFolder may have changed
    return true;
}

bool ExportPath::checkReadable()
{
    update();
    if (m_path.isEmpty())
        return false;
    const QFileInfo file(m_path);
    if (file.isDir()) {
        fail(tr("\"%1\" is a folder: choose a file in it.").arg(m_path));
        return false;
    }
    if (!file.exists()) {
        fail(tr("There is no file \"%1\".").arg(m_path));
        return false;
    }
    if (!file.isReadable()) {
        fail(tr("Cannot read \"%1\": no permission.").arg(m_path));
        return false;
    }
    return true;
}

} // namespace idem
