#include "json/jsonfields.h"

#include "json/jsonwording.h"

#include <cmath>

namespace idem {

namespace {

using W = JsonWording;

QString wholeNumberRange(qint64 min, qint64 max)
{
    return QStringLiteral("a whole number from %1 to %2").arg(min).arg(max);
}

} // namespace

bool JsonFields::fail(const QString &path, const QString &what)
{
    if (m_error.isEmpty())
        m_error = path.isEmpty() ? what : path + QStringLiteral(": ") + what;
    return false;
}

// ---- values that say what they expect ------------------------------------------------------

bool JsonFields::onlyFields(const QJsonObject &o, const QString &path, const QStringList &allowed,
                            const QString &noun)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!allowed.contains(it.key()))
            return fail(W::at(path, it.key()), W::unknownField(it.key(), allowed, noun));
    return true;
}

std::optional<QJsonValue> JsonFields::required(const QJsonObject &o, const QString &path,
                                               const QString &name, const QString &expected)
{
    const QJsonValue v = field(o, path, name, expected);
    if (v.isUndefined())
        return std::nullopt;
    return v;
}

std::optional<QJsonObject> JsonFields::objectLike(const QJsonValue &v, const QString &path,
                                                  const QString &like)
{
    if (!v.isObject()) {
        fail(path, QStringLiteral("must be an object like %1, got %2").arg(like, W::describe(v)));
        return std::nullopt;
    }
    return v.toObject();
}

std::optional<QJsonArray> JsonFields::nonEmptyArray(const QJsonValue &v, const QString &path,
                                                    qsizetype max, const QString &noun)
{
    const QJsonArray a = v.toArray();
    if (!v.isArray() || a.isEmpty() || a.size() > max) {
        const QString got = v.isArray() && !a.isEmpty()
                                ? QStringLiteral("%1 %2").arg(a.size()).arg(noun)
                                : W::describe(v);
        fail(path,
             QStringLiteral("must be an array of 1 to %1 %2, got %3").arg(max).arg(noun, got));
        return std::nullopt;
    }
    return a;
}

std::optional<qint64> JsonFields::wholeNumber(const QJsonValue &v, const QString &path, qint64 min,
                                              qint64 max, const QString &note)
{
    const double d = v.toDouble();
    // Compared as doubles first: a huge number must not overflow on the way to qint64.
    const bool ok = v.isDouble() && std::isfinite(d) && d == std::floor(d) && d >= double(min) &&
                    d <= double(max) && v.toInteger() >= min && v.toInteger() <= max;
    if (!ok) {
        fail(path, QStringLiteral("must be %1%2, got %3")
                       .arg(wholeNumberRange(min, max),
                            note.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(note),
                            W::describe(v)));
        return std::nullopt;
    }
    return v.toInteger();
}

std::optional<QString> JsonFields::label(const QJsonValue &v, const QString &path,
                                         qsizetype maxLength, const QString &what)
{
    if (!v.isString()) {
        fail(path, QStringLiteral("must be %1, got %2").arg(what, W::describe(v)));
        return std::nullopt;
    }
    if (v.toString().trimmed().isEmpty()) {
        fail(path, QStringLiteral("must not be empty or blank, got %1").arg(W::describe(v)));
        return std::nullopt;
    }
    return text(v, path, maxLength, false);
}

std::optional<int> JsonFields::oneOf(const QJsonValue &v, const QString &path,
                                     const QStringList &options)
{
    const int index = v.isString() ? int(options.indexOf(v.toString())) : -1;
    if (index < 0) {
        fail(path,
             QStringLiteral("must be %1, got %2").arg(W::alternatives(options), W::describe(v)));
        return std::nullopt;
    }
    return index;
}

// ---- plain values ------------------------------------------------------------------------------

QJsonValue JsonFields::field(const QJsonObject &o, const QString &path, const QString &name,
                             const QString &expected)
{
    const auto it = o.constFind(name);
    if (it == o.constEnd()) {
        fail(W::at(path, name), QStringLiteral("missing (expected %1)").arg(expected));
        return QJsonValue(QJsonValue::Undefined);
    }
    return it.value();
}

std::optional<QString> JsonFields::text(const QJsonValue &v, const QString &path,
                                        qsizetype maxLength, bool raw)
{
    if (!v.isString()) {
        if (!v.isUndefined()) // undefined: already reported missing
            fail(path, QStringLiteral("must be a string, got %1").arg(W::describe(v)));
        return std::nullopt;
    }
    const QString s = v.toString();
    if (!raw && !W::isOneLine(s)) {
        fail(path, W::notOneLine(s));
        return std::nullopt;
    }
    if (s.size() > maxLength) {
        fail(path, QStringLiteral("must be at most %1 characters, got %2 characters")
                       .arg(maxLength)
                       .arg(s.size()));
        return std::nullopt;
    }
    return s;
}

QJsonObject JsonFields::object(const QJsonValue &v, const QString &path)
{
    if (v.isObject())
        return v.toObject();
    if (!v.isUndefined()) // undefined: already reported missing
        fail(path, QStringLiteral("must be an object, got %1").arg(W::describe(v)));
    return {};
}

QJsonObject JsonFields::object(const QJsonObject &o, const QString &path, const QString &name)
{
    return object(field(o, path, name, QStringLiteral("an object")), W::at(path, name));
}

QJsonArray JsonFields::array(const QJsonObject &o, const QString &path, const QString &name,
                             qsizetype maxSize)
{
    const QJsonValue v = field(o, path, name, QStringLiteral("an array"));
    if (!v.isArray()) {
        if (!v.isUndefined())
            fail(W::at(path, name), QStringLiteral("must be an array, got %1").arg(W::describe(v)));
        return {};
    }
    const QJsonArray a = v.toArray();
    if (a.size() > maxSize) {
        fail(W::at(path, name),
             QStringLiteral("must be an array of at most %1 entries, got %2 entries")
                 .arg(maxSize)
                 .arg(a.size()));
        return {};
    }
    return a;
}

qint64 JsonFields::integer(const QJsonValue &v, const QString &path, qint64 min, qint64 max)
{
    if (v.isUndefined())
        return 0;
    return wholeNumber(v, path, min, max).value_or(0);
}

qint64 JsonFields::integer(const QJsonObject &o, const QString &path, const QString &name,
                           qint64 min, qint64 max)
{
    return integer(field(o, path, name, wholeNumberRange(min, max)), W::at(path, name), min, max);
}

qint64 JsonFields::nullableInteger(const QJsonObject &o, const QString &path, const QString &name,
                                   qint64 min, qint64 max, qint64 ifNull)
{
    const QJsonValue v =
        field(o, path, name, wholeNumberRange(min, max) + QStringLiteral(" or null"));
    if (v.isNull())
        return ifNull;
    return integer(v, W::at(path, name), min, max);
}

QString JsonFields::string(const QJsonValue &v, const QString &path, qsizetype maxLength)
{
    return text(v, path, maxLength, false).value_or(QString());
}

QString JsonFields::string(const QJsonObject &o, const QString &path, const QString &name,
                           qsizetype maxLength)
{
    return string(field(o, path, name, QStringLiteral("a string")), W::at(path, name), maxLength);
}

QString JsonFields::nullableString(const QJsonObject &o, const QString &path, const QString &name,
                                   qsizetype maxLength)
{
    const QJsonValue v = field(o, path, name, QStringLiteral("a string or null"));
    return v.isNull() ? QString() : string(v, W::at(path, name), maxLength);
}

QString JsonFields::rawString(const QJsonObject &o, const QString &path, const QString &name,
                              qsizetype maxLength, bool nullable)
{
    const QJsonValue v = field(
        o, path, name, nullable ? QStringLiteral("a string or null") : QStringLiteral("a string"));
    if (nullable && v.isNull())
        return {};
    return text(v, W::at(path, name), maxLength, true).value_or(QString());
}

QStringList JsonFields::stringList(const QJsonObject &o, const QString &path, const QString &name,
                                   qsizetype maxSize, qsizetype maxLength)
{
    const QJsonArray a = array(o, path, name, maxSize);
    QStringList out;
    out.reserve(a.size());
    for (int i = 0; i < a.size() && !failed(); ++i)
        out << string(a.at(i), W::at(W::at(path, name), i), maxLength);
    return out;
}

bool JsonFields::boolean(const QJsonObject &o, const QString &path, const QString &name)
{
    const QJsonValue v = field(o, path, name, QStringLiteral("true or false"));
    if (!v.isBool() && !v.isUndefined())
        fail(W::at(path, name),
             QStringLiteral("must be true or false, got %1").arg(W::describe(v)));
    return v.toBool();
}

int JsonFields::choice(const QJsonObject &o, const QString &path, const QString &name,
                       const QStringList &choices, bool nullable)
{
    const auto it = o.constFind(name);
    if (it == o.constEnd()) {
        fail(W::at(path, name),
             QStringLiteral("missing (expected %1)").arg(W::alternatives(choices, nullable)));
        return -1;
    }
    const QJsonValue v = it.value();
    if (nullable && v.isNull())
        return -1;
    const int index = v.isString() ? int(choices.indexOf(v.toString())) : -1;
    if (index < 0)
        fail(W::at(path, name), QStringLiteral("must be %1, got %2")
                                    .arg(W::alternatives(choices, nullable), W::describe(v)));
    return index;
}

} // namespace idem
