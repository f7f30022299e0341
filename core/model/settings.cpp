#include "model/settingfield.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

// Reading and writing settings by name: scenario-file values, overrides, typed text. The
// table of settings itself is model/settingstable.cpp.

namespace idem {

namespace {

using Kind = SettingKind;

const SettingField *byJson(const QString &name)
{
    for (const auto &f : settingFields())
        if (f.info.json == name)
            return &f;
    return nullptr;
}

const SettingField *byFlag(const QString &name)
{
    for (const auto &f : settingFields())
        if (f.info.flag == name)
            return &f;
    return nullptr;
}

QJsonValue read(const Settings &s, const SettingField &f)
{
    switch (f.info.kind) {
    case Kind::Toggle:
        return s.*std::get<bool Settings::*>(f.member);
    case Kind::Millis: {
        const qint64 us = s.*std::get<qint64 Settings::*>(f.member);
        // Whole milliseconds print as integers, the rest keep their fraction.
        if (us % 1000 == 0)
            return us / 1000;
        return double(us) / 1000.0;
    }
    case Kind::Count:
        return s.*std::get<int Settings::*>(f.member);
    case Kind::Probability:
        return s.*std::get<double Settings::*>(f.member);
    case Kind::Choice:
        return f.words().value(f.choiceIndex(s));
    case Kind::Seed:
        return double(s.*std::get<quint64 Settings::*>(f.member));
    }
    return {};
}

// The words of a choice as a sentence wants them: "seed" or "original".
QString quotedWords(const SettingField &f)
{
    QStringList quoted;
    for (const QString &word : f.words())
        quoted << QLatin1Char('"') + word + QLatin1Char('"');
    const QString last = quoted.takeLast();
    return quoted.isEmpty() ? last
                            : quoted.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

// Stores an already-typed value; returns an error for values out of range.
std::optional<QString> store(Settings &s, const SettingField &f, const QVariant &v,
                             const QString &what, QString given = {})
{
    if (given.isEmpty())
        given = v.toString();
    switch (f.info.kind) {
    case Kind::Toggle:
        s.*std::get<bool Settings::*>(f.member) = v.toBool();
        return {};
    case Kind::Millis: {
        const double ms = v.toDouble();
        if (!std::isfinite(ms) || ms < double(f.min) || ms > double(f.max))
            return QStringLiteral("%1 must be between %2 and %3 ms, got %4")
                .arg(what)
                .arg(f.min)
                .arg(f.max)
                .arg(given);
        s.*std::get<qint64 Settings::*>(f.member) = qint64(std::llround(ms * 1000.0));
        return {};
    }
    case Kind::Count: {
        const double n = v.toDouble();
        if (n != std::floor(n) || n < double(f.min) || n > double(f.max))
            return QStringLiteral("%1 must be a whole number from %2 to %3, got %4")
                .arg(what)
                .arg(f.min)
                .arg(f.max)
                .arg(given);
        s.*std::get<int Settings::*>(f.member) = int(n);
        return {};
    }
    case Kind::Probability: {
        const double p = v.toDouble();
        if (!std::isfinite(p) || p < 0.0 || p > 1.0)
            return QStringLiteral("%1 must be a probability from 0 to 1, got %2").arg(what, given);
        s.*std::get<double Settings::*>(f.member) = p;
        return {};
    }
    case Kind::Choice: {
        const QString word = v.toString();
        const int index = int(f.words().indexOf(word));
        if (index < 0)
            return QStringLiteral("%1 must be %2, got \"%3\"").arg(what, quotedWords(f), word);
        f.setChoice(s, index);
        return {};
    }
    case Kind::Seed: {
        const double n = v.toDouble();
        if (n != std::floor(n) || n < 0 || n > double(maxSettingSeed))
            return QStringLiteral("%1 must be a whole number from 0 to %2, got %3")
                .arg(what)
                .arg(maxSettingSeed)
                .arg(given);
        s.*std::get<quint64 Settings::*>(f.member) = quint64(n);
        return {};
    }
    }
    return QStringLiteral("unknown setting");
}

QString expectedType(const SettingField &f)
{
    switch (f.info.kind) {
    case Kind::Toggle:
        return QStringLiteral("true or false");
    case Kind::Choice:
        return quotedWords(f);
    default:
        return QStringLiteral("a number");
    }
}

// Text as an override or a typed value gives it: on|off, a word of the choice, or a number.
std::optional<QString> setText(Settings &s, const SettingField &f, const QString &value,
                               const QString &what)
{
    if (f.info.kind == Kind::Toggle) {
        if (value == QLatin1String("on") || value == QLatin1String("true"))
            return store(s, f, true, what);
        if (value == QLatin1String("off") || value == QLatin1String("false"))
            return store(s, f, false, what);
        return QStringLiteral("%1 takes on or off, got \"%2\"").arg(what, value);
    }
    if (f.info.kind == Kind::Choice)
        return store(s, f, value, what);
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok)
        return QStringLiteral("%1 takes %2, got \"%3\"").arg(what, f.info.valueName, value);
    return store(s, f, number, what, value);
}

} // namespace

int SettingField::choiceIndex(const Settings &s) const
{
    return std::visit(
        [&s](auto member) -> int {
            using Value = std::decay_t<decltype(s.*member)>;
            if constexpr (std::is_enum_v<Value>)
                return int(s.*member);
            else
                return -1;
        },
        member);
}

void SettingField::setChoice(Settings &s, int index) const
{
    std::visit(
        [&s, index](auto member) {
            using Value = std::decay_t<decltype(s.*member)>;
            if constexpr (std::is_enum_v<Value>)
                s.*member = Value(index);
        },
        member);
}

QJsonObject Settings::toJson() const
{
    QJsonObject o;
    for (const auto &f : settingFields())
        o.insert(f.info.json, read(*this, f));
    return o;
}

QString Settings::valueText(const QString &json) const
{
    const SettingField *f = byJson(json);
    if (!f)
        return {};
    const QJsonValue v = read(*this, *f);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("on") : QStringLiteral("off");
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (std::trunc(d) == d && std::abs(d) <= double(maxSettingSeed)) // every digit of a seed
            return QString::number(qint64(d));
        return QString::number(d, 'g', 15);
    }
    return v.toString();
}

std::optional<QString> Settings::setFromJson(const QString &field, const QJsonValue &value)
{
    const SettingField *f = byJson(field);
    if (!f)
        return QStringLiteral("unknown setting \"%1\"").arg(field);
    const QString what = QStringLiteral("settings.%1").arg(field);
    const bool ok =
        (f->info.kind == Kind::Toggle && value.isBool()) ||
        (f->info.kind == Kind::Choice && value.isString()) ||
        (f->info.kind != Kind::Toggle && f->info.kind != Kind::Choice && value.isDouble());
    if (!ok)
        return QStringLiteral("%1 must be %2").arg(what, expectedType(*f));
    return store(*this, *f, value.toVariant(), what);
}

std::optional<QString> Settings::setFromOverride(const QString &flag, const QString &value)
{
    const SettingField *f = byFlag(flag);
    if (!f)
        return QStringLiteral("unknown override --%1").arg(flag);
    return setText(*this, *f, value, QStringLiteral("--%1").arg(flag));
}

std::optional<QString> Settings::setFromText(const QString &json, const QString &text,
                                             const QString &what)
{
    const SettingField *f = byJson(json);
    if (!f)
        return QStringLiteral("unknown setting \"%1\"").arg(json);
    return setText(*this, *f, text.trimmed(), what);
}

bool Settings::sameForServers(const Settings &o) const
{
    const auto &fields = settingFields();
    return std::all_of(fields.cbegin(), fields.cend(), [&](const SettingField &f) {
        return f.info.use != SettingUse::Servers || read(*this, f) == read(o, f);
    });
}

bool Settings::operator==(const Settings &o) const
{
    return toJson() == o.toJson();
}

} // namespace idem
