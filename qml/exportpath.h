#pragma once

#include <QObject>
#include <QString>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace idem {

/// The path logic of the file dialogs: a folder, the name typed into the name field and
/// the format's suffix give one absolute file path. An absolute name is used as it is,
/// `~/x` is the home folder's x, a name without the suffix gets it; a missing folder is
/// created before writing. Every problem is one line in `error`.
class ExportPath : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    /// The folder the dialog shows (a local path, or a file: URL, as FolderListModel has it).
    Q_PROPERTY(QString folder READ folder WRITE setFolder NOTIFY folderChanged FINAL)
    /// `folder` as a file: URL, for FolderListModel.
    Q_PROPERTY(QUrl folderUrl READ folderUrl NOTIFY folderChanged FINAL)
    /// What the name field holds.
    Q_PROPERTY(QString name READ name WRITE setName NOTIFY nameChanged FINAL)
    /// The format's extension without the dot ("json"); empty when opening a file.
    Q_PROPERTY(QString suffix READ suffix WRITE setSuffix NOTIFY suffixChanged FINAL)
    /// The absolute path the folder, name and suffix give; empty while `error` is set.
    Q_PROPERTY(QString filePath READ filePath NOTIFY pathChanged FINAL)
    Q_PROPERTY(QUrl fileUrl READ fileUrl NOTIFY pathChanged FINAL)
    /// Why there is no path yet ("Type a file name."), or empty.
    Q_PROPERTY(QString error READ error NOTIFY pathChanged FINAL)
    /// A file is already at filePath (an export replaces it).
    Q_PROPERTY(bool exists READ exists NOTIFY pathChanged FINAL)
    /// filePath names a folder: the dialog opens it instead of writing.
    Q_PROPERTY(bool isFolder READ isFolder NOTIFY pathChanged FINAL)

public:
    using QObject::QObject;

    [[nodiscard]] QString folder() const { return m_folder; }
    void setFolder(const QString &folder);
    [[nodiscard]] QUrl folderUrl() const { return QUrl::fromLocalFile(m_folder); }
    [[nodiscard]] QString name() const { return m_name; }
    void setName(const QString &name);
    [[nodiscard]] QString suffix() const { return m_suffix; }
    void setSuffix(const QString &suffix);

    [[nodiscard]] QString filePath() const { return m_path; }
    [[nodiscard]] QUrl fileUrl() const;
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] bool exists() const;
    [[nodiscard]] bool isFolder() const;

    /// The absolute path of `name` in `folder` with `suffix`; or nullopt and `error` says why.
    [[nodiscard]] static std::optional<QString> resolve(const QString &folder, const QString &name,
                                                        const QString &suffix, QString *error);
    /// A local path from what a user or FolderListModel gives: "~/x", "file:///x", "/x".
    [[nodiscard]] static QString localPath(const QString &text);
    /// The folder a dialog opens first: `last` if it still exists, else Documents if it
    /// exists, else the home folder.
    Q_INVOKABLE static QString startFolder(const QString &last);
    /// The folder above `folder` (itself at the root; home for what is no full local path).
    Q_INVOKABLE static QString parentFolder(const QString &folder);

    /// Before writing: creates filePath's folder if it is missing. False, with the reason in
    /// `error`, when there is no path or the folder cannot be made.
    Q_INVOKABLE bool prepareToWrite();
    /// Before opening: false, with the reason in `error`, unless filePath is a readable file.
    Q_INVOKABLE bool checkReadable();

signals:
    void folderChanged();
    void nameChanged();
    void suffixChanged();
    void pathChanged();

private:
    void update();
    void fail(const QString &error);

    QString m_folder;
    QString m_name;
    QString m_suffix;
    QString m_path;
    /// Nothing typed yet is the first problem (as resolve() words it for an empty name).
    QString m_error = tr("Type a file name.");
};

} // namespace idem
