#include "scenario/scenarioloader.h"

#include "scenario/presets.h"
#include "scenario/scenariowriter.h"
#include "json/jsonwording.h"

#include <QFile>
#include <QFileInfo>

namespace idem {

ScenarioLoad ScenarioLoader::fromJson(const QByteArray &json, const QString &source)
{
    return ScenarioReader::fromJson(json, source);
}

ScenarioLoad ScenarioLoader::fromFile(const QString &path)
{
    return ScenarioReader::fromFile(path);
}

ScenarioLoad ScenarioLoader::load(const QString &presetOrPath)
{
    if (const auto preset = Presets::find(presetOrPath)) {
        QFile file(preset->path);
        const QString source = QStringLiteral("preset ") + preset->name;
        if (!file.open(QIODevice::ReadOnly))
            return {std::nullopt,
                    QStringLiteral("%1: cannot read (%2)").arg(source, file.errorString())};
        return ScenarioReader::fromJson(file.readAll(), source);
    }
    if (QFileInfo::exists(presetOrPath))
        return ScenarioReader::fromFile(presetOrPath);
    return {std::nullopt, QStringLiteral("unknown preset or file %1 (run 'idemlab-cli list' for "
                                         "presets)")
                              .arg(JsonWording::quoted(presetOrPath))};
}

QJsonObject ScenarioLoader::toJson(const Scenario &scenario)
{
    return ScenarioWriter::toJson(scenario);
}

QStringList ScenarioLoader::presetNames()
{
    return Presets::names();
}

QString ScenarioLoader::defaultPreset()
{
    return Presets::defaultName();
}

} // namespace idem
