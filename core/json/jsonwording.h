#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace idem {

/// How every reader of untrusted JSON words what it found, so that a scenario, a timeline and
/// a payment body say the same thing the same way, always on one line:
/// `<path>: must be <what>, got <value>`, `<path>: missing (expected <what>)`,
/// `<path>: unknown field (did you mean "x"?)`.
class JsonWording
{
public:
    /// "events[3]".
    [[nodiscard]] static QString at(const QString &path, int index);
    /// "events[3].t"; a field that is not a plain identifier is quoted: `settings["a b"]`.
    [[nodiscard]] static QString at(const QString &path, const QString &field);
    /// "null", "true", "1.5", "\"K1\"", "an empty array", "an array", "an object".
    [[nodiscard]] static QString describe(const QJsonValue &value);
    /// A string as a JSON literal with every control character escaped, cut to 40
    /// characters: whatever a file holds, the error quoting it stays one short line.
    [[nodiscard]] static QString quoted(const QString &text);
    /// A value the user typed (a command-line flag's), in double quotes as it was typed when
    /// it is one line of at most 200 characters, else quoted(): the error line that repeats
    /// it stays one line whatever the argument held.
    [[nodiscard]] static QString typed(const QString &text);
    /// Names joined by ", ", the first ten and "and N more".
    [[nodiscard]] static QString listed(const QStringList &names);
    /// `"A" or "B"`, `"a", "b" or "c"`; with `orNull`, `"A", "B" or null`.
    [[nodiscard]] static QString alternatives(const QStringList &choices, bool orNull = false);
    /// "unknown field (did you mean \"description\"?)" or "unknown field (expected one of:
    /// a, b)". Only names of plausible length are compared, so a huge name costs nothing.
    [[nodiscard]] static QString unknownField(const QString &field, const QStringList &allowed,
                                              const QString &noun);
    /// True when `text` has no line break, no control character and no line or paragraph
    /// separator: such a text can go into an error line or an export as it is.
    [[nodiscard]] static bool isOneLine(const QString &text);
    /// "must be on one line (no line break or control character), got \"a\\nb\"".
    [[nodiscard]] static QString notOneLine(const QString &text);
    /// "too large (N bytes; a scenario may be at most 16 MiB)".
    [[nodiscard]] static QString tooLarge(qint64 bytes, bool atLeast, qint64 maxBytes,
                                          const QString &noun);
};

} // namespace idem
