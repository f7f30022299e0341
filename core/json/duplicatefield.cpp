#include "json/duplicatefield.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QVector>

namespace idem {

namespace {

// A key as QJsonDocument reads it: escapes (\u00e9, \") decoded, so "a" and "\u0061" clash.
QString keyText(QByteArrayView quoted)
{
    if (!quoted.contains('\\'))
        return QString::fromUtf8(quoted.sliced(1, quoted.size() - 2));
    return QJsonDocument::fromJson("[" + quoted.toByteArray() + "]").array().at(0).toString();
}

} // namespace

std::optional<DuplicateField> firstDuplicateField(const QByteArray &json)
{
    struct Level
    {
        bool object = false;
        bool expectKey = false;
        QSet<QString> keys;
    };
    QVector<Level> stack;
    const qsizetype size = json.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = json[i];
        if (c == '{' || c == '[') {
            stack.push_back({c == '{', c == '{', {}});
        } else if (c == '}' || c == ']') {
            if (!stack.isEmpty())
                stack.pop_back();
        } else if (c == ',') {
            if (!stack.isEmpty() && stack.back().object)
                stack.back().expectKey = true;
        } else if (c == '"') {
            const qsizetype start = i;
            for (++i; i < size && json[i] != '"'; ++i)
                if (json[i] == '\\')
                    ++i; // the escaped character, whatever it is
            if (stack.isEmpty() || !stack.back().expectKey)
                continue;
            stack.back().expectKey = false;
            const QString key = keyText(
                QByteArrayView(json.constData() + start, std::min(i, size - 1) - start + 1));
            if (stack.back().keys.contains(key))
                return DuplicateField{start, key};
            stack.back().keys.insert(key);
        }
    }
    return std::nullopt;
}

} // namespace idem
