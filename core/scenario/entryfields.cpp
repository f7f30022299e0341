#include "scenario/entryfields.h"

#include <QStringList>

#include <cmath>

namespace idem {

namespace {

/// Fields whose value is a name even when it looks like a number (a request id "5").
bool isName(const QString &field)
{
    static const QStringList names = {"request", "server", "from", "after", "message", "kind"};
    return names.contains(field);
}

QJsonValue valueOf(const QString &field, const QString &text)
{
    if (!isName(field)) {
        bool ok = false;
        const double number = text.toDouble(&ok);
        if (ok && std::isfinite(number))
            return number;
    }
    return text;
}

} // namespace

QJsonObject EntryFields::withField(QJsonObject entry, const QString &field, const QString &text,
                                   const QString &firstRequest)
{
    const QString t = text.trimmed();
    const QString kind = entry.value(QLatin1String("kind")).toString();
    const bool atTime = field == QLatin1String("atMs") && !t.isEmpty();
    if (kind == QLatin1String("crash")) {
        if (atTime) {
            for (const char *stepField : {"after", "request", "attempt"})
                entry.remove(QLatin1String(stepField));
        } else if (field == QLatin1String("after") ||
                   (field == QLatin1String("atMs") && t.isEmpty())) {
            entry.remove(QStringLiteral("atMs"));
            if (!entry.contains(QLatin1String("after")))
                entry.insert(QStringLiteral("after"), QStringLiteral("claim"));
            if (!entry.contains(QLatin1String("request")))
                entry.insert(QStringLiteral("request"), firstRequest);
        }
    } else if (kind == QLatin1String("dropReplica") || kind == QLatin1String("duplicateReplica")) {
        if (atTime)
            entry.remove(QStringLiteral("nth"));
        else if (field == QLatin1String("nth"))
            entry.remove(QStringLiteral("atMs"));
    }
    if (t.isEmpty())
        entry.remove(field);
    else
        entry.insert(field, valueOf(field, t));
    return entry;
}

} // namespace idem
