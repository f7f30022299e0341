#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace idem {

/// Reads typed fields out of parsed JSON that nobody vouches for, and keeps the first problem
/// as one line naming its JSON path and what was expected:
/// `events[3].t: expected an integer, got a string`.
///
/// A getter that finds a problem records it and returns an empty value; once one is recorded
/// later ones keep it, so a reader reads a whole object and checks failed() once. "Nullable"
/// getters accept JSON null and return the value given for it.
class JsonFields
{
public:
    /// The largest integer a JSON number holds exactly (2^53 - 1).
    static constexpr qint64 maxExactInteger = (qint64(1) << 53) - 1;

    [[nodiscard]] const QString &error() const { return m_error; }
    [[nodiscard]] bool failed() const { return !m_error.isEmpty(); }
    /// Records `"<path>: <what>"` unless a problem is already recorded; returns false.
    bool fail(const QString &path, const QString &what);

    /// "events[3]"; "events[3].t" (an empty path gives the field alone).
    [[nodiscard]] static QString at(const QString &path, int index);
    [[nodiscard]] static QString at(const QString &path, const QString &field);
    /// "a string", "an object", "null", "true", "1.5".
    [[nodiscard]] static QString describe(const QJsonValue &value);
    /// A string as a JSON literal, cut to 40 characters: keeps an error on one line.
    [[nodiscard]] static QString quoted(const QString &text);
    /// Names joined by ", ", the first ten and "and N more".
    [[nodiscard]] static QString listed(const QStringList &names);

    [[nodiscard]] QJsonObject object(const QJsonValue &value, const QString &path);
    [[nodiscard]] QJsonObject object(const QJsonObject &o, const QString &path,
                                     const QString &field);
    [[nodiscard]] QJsonArray array(const QJsonObject &o, const QString &path, const QString &field,
                                   qsizetype maxSize);
    [[nodiscard]] qint64 integer(const QJsonValue &value, const QString &path, qint64 min,
                                 qint64 max);
    [[nodiscard]] qint64 integer(const QJsonObject &o, const QString &path, const QString &field,
                                 qint64 min, qint64 max);
    [[nodiscard]] qint64 nullableInteger(const QJsonObject &o, const QString &path,
                                         const QString &field, qint64 min, qint64 max,
                                         qint64 ifNull);
    [[nodiscard]] QString string(const QJsonValue &value, const QString &path, qsizetype maxLength);
    [[nodiscard]] QString string(const QJsonObject &o, const QString &path, const QString &field,
                                 qsizetype maxLength);
    /// JSON null reads as an empty string.
    [[nodiscard]] QString nullableString(const QJsonObject &o, const QString &path,
                                         const QString &field, qsizetype maxLength);
    /// An array of strings.
    [[nodiscard]] QStringList stringList(const QJsonObject &o, const QString &path,
                                         const QString &field, qsizetype maxSize,
                                         qsizetype maxLength);
    [[nodiscard]] bool boolean(const QJsonObject &o, const QString &path, const QString &field);
    /// The index of the string among `choices`; -1 for null when `nullable` (and on failure).
    [[nodiscard]] int choice(const QJsonObject &o, const QString &path, const QString &field,
                             const QStringList &choices, bool nullable);

private:
    /// The field's value, or nullopt and "missing (expected <expected>)".
    [[nodiscard]] QJsonValue field(const QJsonObject &o, const QString &path, const QString &field,
                                   const QString &expected);

    QString m_error;
};

} // namespace idem
