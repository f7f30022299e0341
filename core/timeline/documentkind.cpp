#include "timeline/documentkind.h"

#include "scenario/scenarioloader.h"
#include "timeline/timelinereader.h"
#include "timeline/timelineschema.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace idem {

DocumentKind sniffDocumentKind(const QByteArray &bytes)
{
    const QByteArray json = bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes;
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    const QJsonValue schema = root.value(QLatin1String("schema"));
    const bool timeline = schema.isString()
                              ? schema.toString().startsWith(timelineSchemaPrefix)
                              : schema.isUndefined() && root.contains(QLatin1String("events")) &&
                                    root.contains(QLatin1String("nodes"));
    return timeline ? DocumentKind::Timeline : DocumentKind::Scenario;
}

DocumentKind documentKindOf(const QString &input)
{
    if (input.isEmpty() || ScenarioLoader::presetNames().contains(input))
        return DocumentKind::Scenario;
    return TimelineReader::isTimelineFile(input) ? DocumentKind::Timeline : DocumentKind::Scenario;
}

} // namespace idem
