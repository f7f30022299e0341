#include "scenario/presets.h"

#include <QDir>
#include <QRegularExpression>

#include <algorithm>

namespace idem {

const QVector<Preset> &Presets::all()
{
    static const QVector<Preset> list = [] {
        // Files are named "<number>-<name>.json"; the number is the truth-table row.
        static const QRegularExpression pattern(QStringLiteral("\\A(\\d+)-([a-z0-9-]+)\\.json\\z"));
        const QString dir = QStringLiteral(":/scenarios");
        QVector<Preset> found;
        for (const QString &file : QDir(dir).entryList(QDir::Files)) {
            const auto m = pattern.match(file);
            if (m.hasMatch())
                found.push_back({m.captured(1).toInt(), m.captured(2), dir + '/' + file});
        }
        std::sort(found.begin(), found.end(),
                  [](const Preset &a, const Preset &b) { return a.number < b.number; });
        return found;
    }();
    return list;
}

std::optional<Preset> Presets::find(const QString &nameOrNumber)
{
    const bool digits =
        !nameOrNumber.isEmpty() && nameOrNumber.size() <= 3 &&
        std::all_of(nameOrNumber.begin(), nameOrNumber.end(), [](QChar c) { return c.isDigit(); });
    for (const Preset &p : all())
        if (p.name == nameOrNumber || (digits && p.number == nameOrNumber.toInt()))
            return p;
    return std::nullopt;
}

QStringList Presets::names()
{
    QStringList names;
    for (const Preset &p : all())
        names << p.name;
    return names;
}

QString Presets::defaultName()
{
    return QStringLiteral("parallel-two-clusters");
}

} // namespace idem
