#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace idem {

/// Reads typed fields out of parsed JSON that nobody vouches for, and keeps the first problem
/// as one line naming its JSON path and what was expected, in JsonWording's words:
/// `events[3].t: must be a whole number from 0 to 9007199254740991, got "5"`.
///
/// Once a problem is recorded later ones keep it, so a reader may read a whole object and
/// check failed() once. The getters come in two kinds: plain ones return an empty value on
/// failure (the timeline reader's style); the std::optional ones return nullopt and can say
/// in their own words what they expect (the scenario reader's style). Every string is checked
/// to be on one line unless the getter says "raw".
class JsonFields
{
public:
    /// The largest integer a JSON number holds exactly (2^53 - 1).
    static constexpr qint64 maxExactInteger = (qint64(1) << 53) - 1;

    [[nodiscard]] const QString &error() const { return m_error; }
    [[nodiscard]] bool failed() const { return !m_error.isEmpty(); }
    /// Records `"<path>: <what>"` unless a problem is already recorded; returns false.
    bool fail(const QString &path, const QString &what);

    // ---- values that say what they expect (nullopt on failure) ----------------------------

    /// False (and "unknown field (did you mean ...)") if `o` has a field not in `allowed`.
    bool onlyFields(const QJsonObject &o, const QString &path, const QStringList &allowed,
                    const QString &noun = QStringLiteral("field"));
    /// The field's value, or nullopt and "missing (expected <expected>)".
    [[nodiscard]] std::optional<QJsonValue> required(const QJsonObject &o, const QString &path,
                                                     const QString &field, const QString &expected);
    /// An object; `like` shows one: "must be an object like {...}, got ...".
    [[nodiscard]] std::optional<QJsonObject> objectLike(const QJsonValue &v, const QString &path,
                                                        const QString &like);
    /// An array of 1 to `max` entries, each a `noun` ("clients").
    [[nodiscard]] std::optional<QJsonArray> nonEmptyArray(const QJsonValue &v, const QString &path,
                                                          qsizetype max, const QString &noun);
    /// A whole number from `min` to `max`; `note` explains the range in brackets.
    [[nodiscard]] std::optional<qint64> wholeNumber(const QJsonValue &v, const QString &path,
                                                    qint64 min, qint64 max,
                                                    const QString &note = {});
    /// A string that is not blank, on one line, at most `maxLength` characters; `what` names
    /// it in the error ("a client name string").
    [[nodiscard]] std::optional<QString> label(const QJsonValue &v, const QString &path,
                                               qsizetype maxLength, const QString &what);
    /// The index of the string among `options`.
    [[nodiscard]] std::optional<int> oneOf(const QJsonValue &v, const QString &path,
                                           const QStringList &options);

    // ---- plain values (empty on failure) ----------------------------------------------------

    [[nodiscard]] QJsonObject object(const QJsonValue &value, const QString &path);
    [[nodiscard]] QJsonObject object(const QJsonObject &o, const QString &path,
                                     const QString &field);
    /// An array of at most `maxSize` entries (it may be empty).
    [[nodiscard]] QJsonArray array(const QJsonObject &o, const QString &path, const QString &field,
                                   qsizetype maxSize);
    [[nodiscard]] qint64 integer(const QJsonValue &value, const QString &path, qint64 min,
                                 qint64 max);
    [[nodiscard]] qint64 integer(const QJsonObject &o, const QString &path, const QString &field,
                                 qint64 min, qint64 max);
    [[nodiscard]] qint64 nullableInteger(const QJsonObject &o, const QString &path,
                                         const QString &field, qint64 min, qint64 max,
                                         qint64 ifNull);
    /// A string on one line (it may be empty) of at most `maxLength` characters.
    [[nodiscard]] QString string(const QJsonValue &value, const QString &path, qsizetype maxLength);
    [[nodiscard]] QString string(const QJsonObject &o, const QString &path, const QString &field,
                                 qsizetype maxLength);
    /// JSON null reads as an empty string.
    [[nodiscard]] QString nullableString(const QJsonObject &o, const QString &path,
                                         const QString &field, qsizetype maxLength);
    /// Any string at all, line breaks included: only for a value that is data under test (a
    /// literal Idempotency-Key header) and only ever written back JSON-escaped.
    [[nodiscard]] QString rawString(const QJsonObject &o, const QString &path, const QString &field,
                                    qsizetype maxLength, bool nullable);
    /// An array of strings, each on one line.
    [[nodiscard]] QStringList stringList(const QJsonObject &o, const QString &path,
                                         const QString &field, qsizetype maxSize,
                                         qsizetype maxLength);
    [[nodiscard]] bool boolean(const QJsonObject &o, const QString &path, const QString &field);
    /// The index of the string among `choices`; -1 for null when `nullable` (and on failure).
    [[nodiscard]] int choice(const QJsonObject &o, const QString &path, const QString &field,
                             const QStringList &choices, bool nullable);

private:
    /// The field's value, or undefined and "missing (expected <expected>)".
    [[nodiscard]] QJsonValue field(const QJsonObject &o, const QString &path, const QString &field,
                                   const QString &expected);
    /// `v` as a string of at most `maxLength` characters, on one line unless `raw`.
    [[nodiscard]] std::optional<QString> text(const QJsonValue &v, const QString &path,
                                              qsizetype maxLength, bool raw);

    QString m_error;
};

} // namespace idem
