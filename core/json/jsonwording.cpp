#include "json/jsonwording.h"

#include <QJsonArray>

#include <algorithm>

namespace idem {

namespace {

constexpr int maxListed = 10;     // names shown before "and N more"
constexpr int maxQuoted = 40;     // characters of a quoted value shown in an error
constexpr int maxSuggestion = 3;  // "did you mean": a typo, a wrong case, not a new word
constexpr int maxPlainField = 40; // longer field names are quoted (and so cut short)

bool isPlainField(const QString &field)
{
    if (field.isEmpty() || field.size() > maxPlainField)
        return false;
    for (qsizetype i = 0; i < field.size(); ++i) {
        const char16_t c = field[i].unicode();
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!letter && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

bool breaksLine(QChar c)
{
    return c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
           c == QChar::ParagraphSeparator;
}

// Levenshtein distance of two short strings (callers keep them short).
int editDistance(const QString &a, const QString &b)
{
    QVector<int> row(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

QString JsonWording::at(const QString &path, int index)
{
    return QStringLiteral("%1[%2]").arg(path).arg(index);
}

QString JsonWording::at(const QString &path, const QString &field)
{
    if (!isPlainField(field))
        return QStringLiteral("%1[%2]").arg(path, quoted(field));
    return path.isEmpty() ? field : path + QLatin1Char('.') + field;
}

QString JsonWording::describe(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return v.toVariant().toString();
    case QJsonValue::String:
        return quoted(v.toString());
    case QJsonValue::Array:
        return v.toArray().isEmpty() ? QStringLiteral("an empty array")
                                     : QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString JsonWording::quoted(const QString &text)
{
    QString s = text;
    if (s.size() > maxQuoted) {
        qsizetype keep = maxQuoted - 3;
        if (s[keep - 1].isHighSurrogate()) // never cut a character in two
            --keep;
        s = s.left(keep) + QLatin1String("...");
    }
    QString out;
    out.reserve(s.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : s) {
        switch (c.unicode()) {
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        default:
            if (breaksLine(c))
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString JsonWording::listed(const QStringList &names)
{
    if (names.size() <= maxListed)
        return names.join(QLatin1String(", "));
    return names.mid(0, maxListed).join(QLatin1String(", ")) +
           QStringLiteral(" and %1 more").arg(names.size() - maxListed);
}

QString JsonWording::alternatives(const QStringList &choices, bool orNull)
{
    QStringList options;
    for (const QString &c : choices)
        options << quoted(c);
    if (orNull)
        options << QStringLiteral("null");
    if (options.size() < 2)
        return options.join(QString());
    const QString last = options.takeLast();
    return options.join(QLatin1String(", ")) + QLatin1String(" or ") + last;
}

QString JsonWording::unknownField(const QString &field, const QStringList &allowed,
                                  const QString &noun)
{
    QString best;
    int bestDistance = maxSuggestion;
    for (const QString &candidate : allowed) {
        // The distance is at least the difference in length: a name far longer or shorter
        // than every candidate (a 15 MB one, say) is never compared at all.
        if (std::abs(field.size() - candidate.size()) >= bestDistance)
            continue;
        const int d = editDistance(field.toLower(), candidate.toLower());
        if (d < bestDistance && d < candidate.size()) {
            best = candidate;
            bestDistance = d;
        }
    }
    if (!best.isEmpty())
        return QStringLiteral("unknown %1 (did you mean \"%2\"?)").arg(noun, best);
    return QStringLiteral("unknown %1 (expected one of: %2)")
        .arg(noun, allowed.join(QLatin1String(", ")));
}

QString JsonWording::typed(const QString &text)
{
    constexpr qsizetype maxTyped = 200;
    if (text.size() <= maxTyped && isOneLine(text))
        return QLatin1Char('"') + text + QLatin1Char('"');
    return quoted(text);
}

bool JsonWording::isOneLine(const QString &text)
{
    return std::none_of(text.begin(), text.end(), breaksLine);
}

QString JsonWording::notOneLine(const QString &text)
{
    return QStringLiteral("must be on one line (no line break or control character), got %1")
        .arg(quoted(text));
}

QString JsonWording::tooLarge(qint64 bytes, bool atLeast, qint64 maxBytes, const QString &noun)
{
    const QString limit = maxBytes % (1024 * 1024) == 0
                              ? QStringLiteral("%1 MiB").arg(maxBytes / (1024 * 1024))
                              : QStringLiteral("%1 KiB").arg(maxBytes / 1024);
    return QStringLiteral("too large (%1%2 bytes; a %3 may be at most %4)")
        .arg(atLeast ? QStringLiteral("more than ") : QString())
        .arg(atLeast ? maxBytes : bytes)
        .arg(noun, limit);
}

} // namespace idem
