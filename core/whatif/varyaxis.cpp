#include "whatif/varyaxis.h"

#include "model/settingfield.h"
#include "json/jsonwording.h"

#include <cmath>

namespace idem {

namespace {

const SettingField *fieldNamed(const QString &name)
{
    for (const SettingField &f : settingFields())
        if (f.info.flag == name || f.info.json == name)
            return &f;
    return nullptr;
}

QString settingNames()
{
    QStringList names;
    for (const SettingField &f : settingFields())
        if (!f.info.flag.isEmpty() && f.info.kind != SettingKind::Seed)
            names << f.info.flag;
    return names.join(QStringLiteral(", "));
}

// A number of a range as an override types it: no exponent, no trailing zeros.
QString numberText(double v)
{
    if (std::abs(v - std::round(v)) < 1e-9)
        return QString::number(qint64(std::llround(v)));
    QString text = QString::number(v, 'f', 9);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    return text;
}

std::optional<double> number(const QString &text)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

} // namespace

QString VaryAxis::grammar()
{
    return QStringLiteral("NAME=FROM:TO:STEP or NAME=V1,V2,... (e.g. lag-ms=0:10000:500, "
                          "jitter-ms=0,5,20, mutex=off,on)");
}

bool VaryAxis::numeric() const
{
    return kind != SettingKind::Toggle && kind != SettingKind::Choice;
}

QString VaryAxis::title() const
{
    return unit.isEmpty() ? label : QStringLiteral("%1 (%2)").arg(label, unit);
}

std::optional<VaryAxis> VaryAxis::parse(const QString &text, QString *error)
{
    const auto bad = [&](const QString &why) {
        *error = QStringLiteral("--vary %1: %2").arg(JsonWording::typed(text), why);
        return std::nullopt;
    };
    if (!JsonWording::isOneLine(text))
        return bad(QStringLiteral("a line break or control character in it; expected ") +
                   grammar());
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return bad(QStringLiteral("expected ") + grammar());
    QString why;
    auto axis = of(text.left(eq).trimmed(), text.mid(eq + 1).trimmed(), &why);
    if (!axis)
        return bad(why);
    return axis;
}

std::optional<VaryAxis> VaryAxis::of(const QString &name, const QString &spec, QString *error)
{
    const auto bad = [&](const QString &why) {
        *error = why;
        return std::nullopt;
    };
    if (!JsonWording::isOneLine(name) || !JsonWording::isOneLine(spec))
        return bad(QStringLiteral("a line break or control character in it; expected ") +
                   grammar());
    const SettingField *f = fieldNamed(name);
    if (!f)
        return bad(QStringLiteral("unknown setting \"%1\" (expected one of: %2)")
                       .arg(name, settingNames()));
    if (f->info.kind == SettingKind::Seed)
        return bad(QStringLiteral("the trials pick the seeds (--trials N --seed-from S); vary "
                                  "another setting"));
    VaryAxis axis;
    axis.flag = f->info.flag.isEmpty() ? f->info.json : f->info.flag;
    axis.json = f->info.json;
    axis.label = f->info.control.label;
    axis.unit = f->info.control.unit;
    axis.kind = f->info.kind;
    if (spec.isEmpty())
        return bad(QStringLiteral("no values after \"=\" (expected ") + grammar() +
                   QLatin1Char(')'));

    if (spec.contains(QLatin1Char(':'))) {
        const QStringList parts = spec.split(QLatin1Char(':'));
        if (!axis.numeric())
            return bad(QStringLiteral("%1 takes %2, not a range: list its values (e.g. %1=%3)")
                           .arg(axis.flag, f->info.valueName, f->words().join(QLatin1Char(','))));
        if (parts.size() != 3)
            return bad(QStringLiteral("a range is FROM:TO:STEP, got %1 part%2")
                           .arg(parts.size())
                           .arg(parts.size() == 1 ? "" : "s"));
        const auto from = number(parts[0]);
        const auto to = number(parts[1]);
        const auto step = number(parts[2]);
        for (int i = 0; i < 3; ++i)
            if (!(i == 0 ? from : i == 1 ? to : step))
                return bad(QStringLiteral("%1 \"%2\" is not a number")
                               .arg(QLatin1String(i == 0   ? "FROM"
                                                  : i == 1 ? "TO"
                                                           : "STEP"),
                                    parts[i]));
        if (*step <= 0)
            return bad(QStringLiteral("STEP must be above 0, got %1").arg(parts[2]));
        if (*from > *to)
            return bad(QStringLiteral("FROM %1 is above TO %2").arg(parts[0], parts[1]));
        const double count = std::floor((*to - *from) / *step + 1e-9) + 1;
        if (count > maxValues)
            return bad(QStringLiteral("%1 values; at most %2 per axis (a larger STEP)")
                           .arg(count, 0, 'f', 0)
                           .arg(maxValues));
        for (int i = 0; i < int(count); ++i)
            axis.values << numberText(*from + i * *step);
    } else {
        for (const QString &v : spec.split(QLatin1Char(',')))
            axis.values << v.trimmed();
        if (axis.values.size() > maxValues)
            return bad(QStringLiteral("%1 values; at most %2 per axis")
                           .arg(axis.values.size())
                           .arg(maxValues));
    }
    for (int i = 0; i < axis.values.size(); ++i) {
        if (axis.values[i].isEmpty())
            return bad(QStringLiteral("an empty value in the list (expected V1,V2,...)"));
        if (axis.values.indexOf(axis.values[i]) < i)
            return bad(QStringLiteral("the value %1 is given twice").arg(axis.values[i]));
        Settings probe;
        if (auto why =
                probe.setFromText(axis.json, axis.values[i], QLatin1String("--") + axis.flag))
            return bad(*why);
    }
    return axis;
}

std::optional<QVector<VaryAxis>> VaryAxis::parseAll(const QStringList &texts, QString *error)
{
    if (texts.isEmpty()) {
        *error = QStringLiteral("sweep needs --vary ") + grammar();
        return std::nullopt;
    }
    if (texts.size() > maxAxes) {
        *error = QStringLiteral("--vary given %1 times; a sweep varies one or two settings "
                                "(a line chart or a heat map)")
                     .arg(texts.size());
        return std::nullopt;
    }
    QVector<VaryAxis> axes;
    qsizetype points = 1;
    for (const QString &text : texts) {
        auto axis = parse(text, error);
        if (!axis)
            return std::nullopt;
        for (const VaryAxis &other : axes)
            if (other.json == axis->json) {
                *error = QStringLiteral("--vary %1 given twice; vary two different settings")
                             .arg(axis->flag);
                return std::nullopt;
            }
        points *= axis->values.size();
        axes.append(*axis);
    }
    if (points > maxValues) {
        *error = QStringLiteral("--vary: %1 grid points; at most %2 (fewer values)")
                     .arg(points)
                     .arg(maxValues);
        return std::nullopt;
    }
    return axes;
}

} // namespace idem
