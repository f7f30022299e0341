#include "timeline/timelinereader.h"

#include "scenario/scenarioreader.h"
#include "timeline/documentkind.h"
#include "timeline/eventlogreader.h"
#include "timeline/runstatereader.h"
#include "timeline/timelineschema.h"
#include "json/jsondocument.h"
#include "json/jsonfields.h"
#include "json/jsonwording.h"

#include <QJsonDocument>

namespace idem {

namespace {

constexpr qint64 maxTime = JsonFields::maxExactInteger; ///< µs

/// Reads one timeline JSON object (schema, scenario, settings, events, run state) top-down;
/// stops at the first problem.
class TimelineJsonReader
{
public:
    bool read(const QJsonObject &root)
    {
        return schema(root) && scenario(root) && settings(root) &&
               EventLogReader(m_f, m_run, m_range).read(root) &&
               RunStateReader(m_f, m_run).read(root);
    }

    RunResult &run() { return m_run; }
    const ExportRange &exportRange() const { return m_range; }
    const QString &error() const { return m_f.error(); }

private:
    bool schema(const QJsonObject &root)
    {
        const QString expected = JsonWording::quoted(QLatin1String(timelineSchema));
        const QJsonValue v = root.value(QLatin1String("schema"));
        if (v.isUndefined())
            return m_f.fail(QStringLiteral("schema"),
                            QStringLiteral("missing (expected %1)").arg(expected));
        if (!v.isString())
            return m_f.fail(QStringLiteral("schema"),
                            QStringLiteral("must be the string %1, got %2")
                                .arg(expected, JsonWording::describe(v)));
        const QString found = v.toString();
        if (found == QLatin1String(timelineSchema))
            return true;
        QString what;
        if (found.startsWith(timelineSchemaPrefix))
            what = QStringLiteral("unsupported version %1 (this version reads %2)");
        else if (found.startsWith(QLatin1String("idemlab.scenario/")))
            what = QStringLiteral("%1 is a scenario, not a timeline (expected %2)");
        else
            what = QStringLiteral("unknown schema %1 (expected %2)");
        return m_f.fail(QStringLiteral("schema"), what.arg(JsonWording::quoted(found), expected));
    }

    bool scenario(const QJsonObject &root)
    {
        const QString path = QStringLiteral("scenario");
        const QJsonObject o = m_f.object(root, {}, path);
        if (m_f.failed())
            return false;
        // The scenario reader is strict and names the field: "scenario.requests[0].atMs: ...".
        const auto scenario = ScenarioReader::read(o, path, m_f);
        if (!scenario)
            return false;
        m_run.scenario = *scenario;
        return true;
    }

    bool settings(const QJsonObject &root)
    {
        const QJsonObject o = m_f.object(root, {}, QStringLiteral("settings"));
        if (m_f.failed())
            return false;
        Settings s;
        if (!ScenarioReader::readSettings(o, QStringLiteral("settings"), s, m_f))
            return false;
        // One run, one set of settings: the copy at the top must be the scenario's.
        const QJsonObject mine = s.toJson();
        const QJsonObject theirs = m_run.scenario.settings.toJson();
        for (auto it = theirs.constBegin(); it != theirs.constEnd(); ++it) {
            if (mine.value(it.key()) != it.value())
                return m_f.fail(
                    JsonWording::at(QStringLiteral("settings"), it.key()),
                    QStringLiteral("%1 differs from scenario.settings.%2 (%3); they must agree")
                        .arg(JsonWording::describe(mine.value(it.key())), it.key(),
                             JsonWording::describe(it.value())));
        }
        const qint64 seed = m_f.integer(root, {}, QStringLiteral("seed"), 0, maxTime);
        if (m_f.failed())
            return false;
        if (quint64(seed) != s.seed)
            return m_f.fail(
                QStringLiteral("seed"),
                QStringLiteral("must be %1 (settings.seed), got %2").arg(s.seed).arg(seed));
        return true;
    }

    JsonFields m_f;
    RunResult m_run;
    ExportRange m_range;
};

TimelineLoad failure(const QString &error)
{
    TimelineLoad load;
    load.error = error;
    return load;
}

JsonSource sourceNamed(const QString &name)
{
    return {name, QStringLiteral("timeline"), TimelineReader::maxFileBytes};
}

} // namespace

TimelineLoad TimelineReader::fromJson(const QByteArray &json, const QString &source)
{
    const JsonObjectLoad root = JsonDocumentReader::parseObject(json, sourceNamed(source));
    if (!root.object)
        return failure(root.error);
    TimelineJsonReader reader;
    if (!reader.read(*root.object))
        return failure(source + QStringLiteral(": ") + reader.error());
    TimelineLoad load;
    load.run = std::move(reader.run());
    load.range = reader.exportRange();
    return load;
}

TimelineLoad TimelineReader::fromFile(const QString &path)
{
    const JsonBytesLoad file = JsonDocumentReader::readFile(sourceNamed(path));
    if (!file.bytes)
        return failure(file.error);
    return fromJson(*file.bytes, path);
}

bool TimelineReader::isTimelineFile(const QString &path)
{
    const JsonBytesLoad file = JsonDocumentReader::readFile(sourceNamed(path));
    if (!file.bytes)
        return false;
    return sniffDocumentKind(*file.bytes) == DocumentKind::Timeline;
}

} // namespace idem
