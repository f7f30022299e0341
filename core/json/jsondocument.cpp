#include "json/jsondocument.h"

#include "json/duplicatefield.h"
#include "json/jsonwording.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace idem {

namespace {

JsonObjectLoad objectFailure(const JsonSource &source, const QString &what)
{
    return {std::nullopt, source.name + QStringLiteral(": ") + what};
}

JsonBytesLoad bytesFailure(const JsonSource &source, const QString &what)
{
    return {std::nullopt, source.name + QStringLiteral(": ") + what};
}

QString notAnObject(const QJsonValue &got)
{
    return QStringLiteral("top level: must be a JSON object, got ") + JsonWording::describe(got);
}

} // namespace

QString JsonDocumentReader::lineColumn(const QByteArray &json, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, json.size());
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(json[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) { // count characters, not UTF-8 continuation bytes
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

JsonObjectLoad JsonDocumentReader::parseObject(const QByteArray &input, const JsonSource &source)
{
    if (input.size() > source.maxBytes)
        return objectFailure(
            source, JsonWording::tooLarge(input.size(), false, source.maxBytes, source.noun));
    // A UTF-8 byte order mark some editors write.
    const QByteArray json = input.startsWith("\xEF\xBB\xBF") ? input.mid(3) : input;
    if (json.trimmed().isEmpty())
        return objectFailure(
            source,
            QStringLiteral("empty (expected a JSON object describing a %1)").arg(source.noun));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Qt refuses a bare number or string at the top; say so plainly rather than
        // "illegal value".
        const QJsonDocument wrapped = QJsonDocument::fromJson("[" + json + "]");
        if (wrapped.isArray() && wrapped.array().size() == 1)
            return objectFailure(source, notAnObject(wrapped.array().at(0)));
        return objectFailure(
            source, QStringLiteral("%1: malformed JSON (%2)")
                        .arg(lineColumn(json, parseError.offset), parseError.errorString()));
    }
    if (!doc.isObject())
        return objectFailure(source, notAnObject(doc.array()));
    if (const auto duplicate = firstDuplicateField(json))
        return objectFailure(
            source,
            QStringLiteral("%1: duplicate field %2 (each field may appear once)")
                .arg(lineColumn(json, duplicate->offset), JsonWording::quoted(duplicate->name)));
    return {doc.object(), {}};
}

JsonBytesLoad JsonDocumentReader::readFile(const JsonSource &source)
{
    const QString &path = source.name;
    if (QFileInfo(path).isDir())
        return bytesFailure(source, QStringLiteral("cannot read (is a directory)"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return bytesFailure(source, QStringLiteral("cannot read (%1)").arg(file.errorString()));
    if (!file.isSequential() && file.size() > source.maxBytes)
        return bytesFailure(
            source, JsonWording::tooLarge(file.size(), false, source.maxBytes, source.noun));
    const QByteArray bytes = file.read(source.maxBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return bytesFailure(source, QStringLiteral("cannot read (%1)").arg(file.errorString()));
    if (bytes.size() > source.maxBytes)
        return bytesFailure(
            source, JsonWording::tooLarge(bytes.size(), true, source.maxBytes, source.noun));
    return {bytes, {}};
}

} // namespace idem
