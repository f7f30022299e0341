#include "settingwords.h"

#include "timeline/durationtext.h"

#include <QPair>
#include <QStringList>
#include <QVector>

namespace idem {

namespace {

/// Each setting as its name and its value, in the drawer's order.
QVector<QPair<QString, QString>> wordsOf(const Settings &s)
{
    const auto onOff = [](bool on) {
        return on ? SettingWords::tr("on") : SettingWords::tr("off");
    };
    return {
        {SettingWords::tr("mutex"), onOff(s.mutex)},
        {SettingWords::tr("shared cache"), onOff(s.cache)},
        {SettingWords::tr("network delay"), durationText(s.delayUs)},
        {SettingWords::tr("replication lag"), durationText(s.lagUs)},
        {SettingWords::tr("operation"), durationText(s.opUs)},
        {SettingWords::tr("client timeout"), durationText(s.timeoutUs)},
        {SettingWords::tr("retries"), QString::number(s.retries)},
        {SettingWords::tr("backoff"), durationText(s.backoffUs)},
        {SettingWords::tr("jitter"), durationText(s.jitterUs)},
        {SettingWords::tr("random message loss"),
         s.loss > 0 ? QStringLiteral("%1 %").arg(s.loss * 100, 0, 'g', 3)
                    : SettingWords::tr("none")},
        {SettingWords::tr("duplicates answered"),
         s.replay == ReplayMode::Seed ? SettingWords::tr("200 with the stored body")
                                      : SettingWords::tr("201, Idempotent-Replayed")},
        {SettingWords::tr("seed"), QString::number(s.seed)},
    };
}

} // namespace

QString SettingWords::changed(const Settings &now, const Settings &preset)
{
    const auto is = wordsOf(now);
    const auto was = wordsOf(preset);
    QStringList changed;
    for (qsizetype i = 0; i < is.size(); ++i)
        if (is[i].second != was[i].second)
            changed.append(tr("%1 %2 (preset: %3)").arg(is[i].first, is[i].second, was[i].second));
    return changed.join(QStringLiteral(" · "));
}

} // namespace idem
