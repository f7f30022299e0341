#include "json/jsonfields.h"

#include <QJsonDocument>

#include <cmath>

namespace idem {

namespace {

constexpr int maxListed = 10;

QString integerRange(qint64 min, qint64 max)
{
    return QStringLiteral("an integer from %1 to %2").arg(min).arg(max);
}

} // namespace

bool JsonFields::fail(const QString &path, const QString &what)
{
    if (m_error.isEmpty())
        m_error = path.isEmpty() ? what : path + QStringLiteral(": ") + what;
    return false;
}

QString JsonFields::at(const QString &path, int index)
{
    return QStringLiteral("%1[%2]").arg(path).arg(index);
}

QString JsonFields::at(const QString &path, const QString &field)
{
    return path.isEmpty() ? field : path + QLatin1Char('.') + field;
}

QString JsonFields::describe(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return v.toVariant().toString();
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString JsonFields::quoted(const QString &text)
{
    QString s = text;
    if (s.size() > 40)
        s = s.left(37) + QLatin1String("...");
    const QByteArray array = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QString JsonFields::listed(const QStringList &names)
{
    if (names.size() <= maxListed)
        return names.join(QLatin1String(", "));
    return names.mid(0, maxListed).join(QLatin1String(", ")) +
           QStringLiteral(" and %1 more").arg(names.size() - maxListed);
}

QJsonValue JsonFields::field(const QJsonObject &o, const QString &path, const QString &name,
                             const QString &expected)
{
    const auto it = o.constFind(name);
    if (it == o.constEnd()) {
        fail(at(path, name), QStringLiteral("missing (expected %1)").arg(expected));
        return QJsonValue(QJsonValue::Undefined);
    }
    return it.value();
}

QJsonObject JsonFields::object(const QJsonValue &v, const QString &path)
{
    if (v.isObject())
        return v.toObject();
    if (!v.isUndefined()) // undefined: already reported missing
        fail(path, QStringLiteral("expected an object, got %1").arg(describe(v)));
    return {};
}

QJsonObject JsonFields::object(const QJsonObject &o, const QString &path, const QString &name)
{
    return object(field(o, path, name, QStringLiteral("an object")), at(path, name));
}

QJsonArray JsonFields::array(const QJsonObject &o, const QString &path, const QString &name,
                             qsizetype maxSize)
{
    const QJsonValue v = field(o, path, name, QStringLiteral("an array"));
    if (!v.isArray()) {
        if (!v.isUndefined())
            fail(at(path, name), QStringLiteral("expected an array, got %1").arg(describe(v)));
        return {};
    }
    const QJsonArray a = v.toArray();
    if (a.size() > maxSize) {
        fail(at(path, name),
             QStringLiteral("too many entries (%1; at most %2)").arg(a.size()).arg(maxSize));
        return {};
    }
    return a;
}

qint64 JsonFields::integer(const QJsonValue &v, const QString &path, qint64 min, qint64 max)
{
    if (v.isUndefined())
        return 0;
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || d != std::floor(d)) {
        fail(path, QStringLiteral("expected an integer, got %1").arg(describe(v)));
        return 0;
    }
    // Compared as doubles first: a huge number must not overflow on the way to qint64.
    if (d < double(min) || d > double(max) || v.toInteger() < min || v.toInteger() > max) {
        fail(path, QStringLiteral("expected %1, got %2").arg(integerRange(min, max), describe(v)));
        return 0;
    }
    return v.toInteger();
}

qint64 JsonFields::integer(const QJsonObject &o, const QString &path, const QString &name,
                           qint64 min, qint64 max)
{
    return integer(field(o, path, name, integerRange(min, max)), at(path, name), min, max);
}

qint64 JsonFields::nullableInteger(const QJsonObject &o, const QString &path, const QString &name,
                                   qint64 min, qint64 max, qint64 ifNull)
{
    const QJsonValue v = field(o, path, name, integerRange(min, max) + QStringLiteral(" or null"));
    if (v.isNull())
        return ifNull;
    return integer(v, at(path, name), min, max);
}

QString JsonFields::string(const QJsonValue &v, const QString &path, qsizetype maxLength)
{
    if (!v.isString()) {
        if (!v.isUndefined())
            fail(path, QStringLiteral("expected a string, got %1").arg(describe(v)));
        return {};
    }
    const QString s = v.toString();
    if (s.size() > maxLength) {
        fail(path,
             QStringLiteral("too long (%1 characters; at most %2)").arg(s.size()).arg(maxLength));
        return {};
    }
    return s;
}

QString JsonFields::string(const QJsonObject &o, const QString &path, const QString &name,
                           qsizetype maxLength)
{
    return string(field(o, path, name, QStringLiteral("a string")), at(path, name), maxLength);
}

QString JsonFields::nullableString(const QJsonObject &o, const QString &path, const QString &name,
                                   qsizetype maxLength)
{
    const QJsonValue v = field(o, path, name, QStringLiteral("a string or null"));
    return v.isNull() ? QString() : string(v, at(path, name), maxLength);
}

QStringList JsonFields::stringList(const QJsonObject &o, const QString &path, const QString &name,
                                   qsizetype maxSize, qsizetype maxLength)
{
    const QJsonArray a = array(o, path, name, maxSize);
    QStringList out;
    out.reserve(a.size());
    for (int i = 0; i < a.size() && !failed(); ++i)
        out << string(a.at(i), at(at(path, name), i), maxLength);
    return out;
}

bool JsonFields::boolean(const QJsonObject &o, const QString &path, const QString &name)
{
    const QJsonValue v = field(o, path, name, QStringLiteral("true or false"));
    if (!v.isBool() && !v.isUndefined())
        fail(at(path, name), QStringLiteral("expected true or false, got %1").arg(describe(v)));
    return v.toBool();
}

int JsonFields::choice(const QJsonObject &o, const QString &path, const QString &name,
                       const QStringList &choices, bool nullable)
{
    QStringList options;
    for (const QString &c : choices)
        options << quoted(c);
    if (nullable)
        options << QStringLiteral("null");
    const QString expected = QStringLiteral("one of %1").arg(options.join(QLatin1String(", ")));
    const QJsonValue v = field(o, path, name, expected);
    if ((nullable && v.isNull()) || v.isUndefined())
        return -1;
    const int index = v.isString() ? int(choices.indexOf(v.toString())) : -1;
    if (index < 0)
        fail(at(path, name), QStringLiteral("expected %1, got %2")
                                 .arg(expected, v.isString() ? quoted(v.toString()) : describe(v)));
    return index;
}

} // namespace idem
