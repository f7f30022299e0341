#include "scenario/overrideoptions.h"

namespace idem {

void OverrideOptions::addTo(QCommandLineParser &parser)
{
    for (const SettingInfo &info : settingInfos())
        if (!info.flag.isEmpty())
            parser.addOption(QCommandLineOption(info.flag, info.description, info.valueName));
}

std::optional<QString> OverrideOptions::apply(const QCommandLineParser &parser, Settings &settings)
{
    for (const SettingInfo &info : settingInfos()) {
        if (info.flag.isEmpty() || !parser.isSet(info.flag))
            continue;
        const QStringList values = parser.values(info.flag);
        if (values.size() > 1)
            return QStringLiteral("--%1 given %2 times; give it once")
                .arg(info.flag)
                .arg(values.size());
        if (auto error = settings.setFromOverride(info.flag, values.constFirst()))
            return error;
    }
    return {};
}

} // namespace idem
