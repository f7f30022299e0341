#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace idem {

/// What a JSON text is called in errors and how large it may be.
struct JsonSource
{
    QString name;        ///< starts every error line: a file path, "preset burst", "body"
    QString noun;        ///< what the object describes: "scenario", "timeline", "payment"
    qint64 maxBytes = 0; ///< larger texts are refused before they are parsed
};

/// A JSON text's top-level object, or one line saying what was wrong.
struct JsonObjectLoad
{
    std::optional<QJsonObject> object;
    QString error; ///< "<name>: line 4, column 7: malformed JSON (unterminated object)"
};

/// A file's bytes, or one line saying why they could not be read.
struct JsonBytesLoad
{
    std::optional<QByteArray> bytes;
    QString error; ///< "<path>: cannot read (No such file or directory)"
};

/// The one strict way this app turns untrusted bytes into a JSON object: a size limit, a
/// UTF-8 byte order mark skipped, an empty text, malformed JSON (by line and column), a
/// top level that is not an object and a field that appears twice each get one line.
class JsonDocumentReader
{
public:
    /// Parses `json`; every error line starts with `source.name`.
    [[nodiscard]] static JsonObjectLoad parseObject(const QByteArray &json,
                                                    const JsonSource &source);
    /// Reads the file `source.name`, at most `source.maxBytes` of it (pipes and devices,
    /// which have no size, are read one byte past the limit to tell).
    [[nodiscard]] static JsonBytesLoad readFile(const JsonSource &source);
    /// "line 4, column 7" of a byte offset, counting characters rather than UTF-8 bytes.
    [[nodiscard]] static QString lineColumn(const QByteArray &json, qsizetype offset);
};

} // namespace idem
