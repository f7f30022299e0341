#include "settingwords.h"

#include "model/settingfield.h"
#include "timeline/durationtext.h"

#include <QStringList>

namespace idem {

namespace {

/// A setting's value in words: "on", "60 s", "5 %", "per client" (its drawer label).
QString valueWords(const Settings &s, const SettingField &f)
{
    const QString text = s.valueText(f.info.json);
    switch (f.info.kind) {
    case SettingKind::Toggle:
        return text == QLatin1String("on") ? SettingWords::tr("on") : SettingWords::tr("off");
    case SettingKind::Millis:
        return durationText(qRound64(text.toDouble() * 1000));
    case SettingKind::Probability:
        return text.toDouble() > 0 ? QStringLiteral("%1 %").arg(text.toDouble() * 100, 0, 'g', 3)
                                   : SettingWords::tr("none");
    case SettingKind::Choice: {
        const int index = f.choiceIndex(s);
        const QStringList &labels = f.info.control.choiceLabels;
        return index >= 0 && index < labels.size() ? labels[index] : text;
    }
    case SettingKind::Count:
    case SettingKind::Seed:
        break;
    }
    return text;
}

/// The drawer's label as a phrase inside a sentence: "Replication lag" → "replication lag".
QString nameWords(const SettingField &f)
{
    QString label = f.info.control.label;
    if (label.size() > 1 && label[1].isLower())
        label[0] = label[0].toLower();
    return label;
}

} // namespace

QString SettingWords::changed(const Settings &now, const Settings &before, const QString &was,
                              bool serversOnly)
{
    QStringList changed;
    for (const SettingField &f : settingFields()) {
        if (serversOnly && f.info.use != SettingUse::Servers)
            continue;
        const QString is = valueWords(now, f);
        const QString old = valueWords(before, f);
        if (is != old)
            changed.append(tr("%1 %2 (%3: %4)").arg(nameWords(f), is, was, old));
    }
    return changed.join(QStringLiteral(" · "));
}

} // namespace idem
