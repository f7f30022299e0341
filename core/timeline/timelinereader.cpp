#include "timeline/timelinereader.h"

#include "scenario/scenarioloader.h"
#include "timeline/documentkind.h"
#include "timeline/eventlogreader.h"
#include "timeline/runstatereader.h"
#include "timeline/timelineschema.h"
#include "json/jsonfields.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace idem {

namespace {

constexpr qint64 maxTime = JsonFields::maxExactInteger; ///< µs

/// Walks the document top-down and stops at the first problem.
class Reader
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
        const QString expected = JsonFields::quoted(QLatin1String(timelineSchema));
        const QJsonValue v = root.value(QLatin1String("schema"));
        if (v.isUndefined())
            return m_f.fail(QStringLiteral("schema"),
                            QStringLiteral("missing (expected %1)").arg(expected));
        if (!v.isString())
            return m_f.fail(QStringLiteral("schema"),
                            QStringLiteral("expected the string %1, got %2")
                                .arg(expected, JsonFields::describe(v)));
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
        return m_f.fail(QStringLiteral("schema"), what.arg(JsonFields::quoted(found), expected));
    }

    bool scenario(const QJsonObject &root)
    {
        const QJsonObject o = m_f.object(root, {}, QStringLiteral("scenario"));
        if (m_f.failed())
            return false;
        // The scenario loader is strict and names the field; its errors start "scenario: ".
        const ScenarioLoad load = ScenarioLoader::fromJson(
            QJsonDocument(o).toJson(QJsonDocument::Compact), QStringLiteral("scenario"));
        if (!load.scenario)
            return m_f.fail({}, load.error);
        m_run.scenario = *load.scenario;
        return true;
    }

    bool settings(const QJsonObject &root)
    {
        const QJsonObject o = m_f.object(root, {}, QStringLiteral("settings"));
        if (m_f.failed())
            return false;
        Settings s;
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (auto error = s.setFromJson(it.key(), it.value()))
                return error->startsWith(QLatin1String("settings."))
                           ? m_f.fail({}, *error)
                           : m_f.fail(JsonFields::at(QStringLiteral("settings"), it.key()), *error);
        }
        // One run, one set of settings: the copy at the top must be the scenario's.
        const QJsonObject mine = s.toJson();
        const QJsonObject theirs = m_run.scenario.settings.toJson();
        for (auto it = theirs.constBegin(); it != theirs.constEnd(); ++it) {
            if (mine.value(it.key()) != it.value())
                return m_f.fail(
                    JsonFields::at(QStringLiteral("settings"), it.key()),
                    QStringLiteral("%1 differs from scenario.settings.%2 (%3); they must agree")
                        .arg(JsonFields::describe(mine.value(it.key())), it.key(),
                             JsonFields::describe(it.value())));
        }
        const qint64 seed = m_f.integer(root, {}, QStringLiteral("seed"), 0, maxTime);
        if (m_f.failed())
            return false;
        if (quint64(seed) != s.seed)
            return m_f.fail(
                QStringLiteral("seed"),
                QStringLiteral("expected %1 (settings.seed), got %2").arg(s.seed).arg(seed));
        return true;
    }

    JsonFields m_f;
    RunResult m_run;
    ExportRange m_range;
};

TimelineLoad failure(const QString &source, const QString &error)
{
    TimelineLoad load;
    load.error = source + QStringLiteral(": ") + error;
    return load;
}

QString tooLarge(qint64 bytes, bool atLeast)
{
    return QStringLiteral("too large (%1%2 bytes; a timeline may be at most 64 MiB)")
        .arg(atLeast ? QStringLiteral("more than ") : QString())
        .arg(atLeast ? TimelineReader::maxFileBytes : bytes);
}

// Reads at most one byte past the limit (pipes and devices have no size to check first).
std::optional<QByteArray> readCapped(const QString &path, QString *error)
{
    if (QFileInfo(path).isDir()) {
        *error = QStringLiteral("cannot read (is a directory)");
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read (%1)").arg(file.errorString());
        return std::nullopt;
    }
    if (!file.isSequential() && file.size() > TimelineReader::maxFileBytes) {
        *error = tooLarge(file.size(), false);
        return std::nullopt;
    }
    const QByteArray bytes = file.read(TimelineReader::maxFileBytes + 1);
    if (file.error() != QFileDevice::NoError) {
        *error = QStringLiteral("cannot read (%1)").arg(file.errorString());
        return std::nullopt;
    }
    if (bytes.size() > TimelineReader::maxFileBytes) {
        *error = tooLarge(bytes.size(), true);
        return std::nullopt;
    }
    return bytes;
}

} // namespace

TimelineLoad TimelineReader::fromJson(const QByteArray &input, const QString &source)
{
    if (input.size() > maxFileBytes)
        return failure(source, tooLarge(input.size(), false));
    const QByteArray json = input.startsWith("\xEF\xBB\xBF") ? input.mid(3) : input;
    if (json.trimmed().isEmpty())
        return failure(source, QStringLiteral("empty (expected a JSON object with \"schema\": "
                                              "\"idemlab.timeline/1\")"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Qt refuses a bare number or string at the top; say so plainly.
        const QJsonDocument wrapped = QJsonDocument::fromJson("[" + json + "]");
        if (wrapped.isArray() && wrapped.array().size() == 1)
            return failure(source, QStringLiteral("top level: expected a JSON object, got ") +
                                       JsonFields::describe(wrapped.array().at(0)));
        return failure(source, QStringLiteral("not JSON: %1 at offset %2")
                                   .arg(parseError.errorString())
                                   .arg(parseError.offset));
    }
    if (!doc.isObject())
        return failure(source, QStringLiteral("top level: expected a JSON object, got an array"));

    Reader reader;
    if (!reader.read(doc.object()))
        return failure(source, reader.error());
    TimelineLoad load;
    load.run = std::move(reader.run());
    load.range = reader.exportRange();
    return load;
}

TimelineLoad TimelineReader::fromFile(const QString &path)
{
    QString error;
    const auto bytes = readCapped(path, &error);
    if (!bytes)
        return failure(path, error);
    return fromJson(*bytes, path);
}

bool TimelineReader::isTimelineFile(const QString &path)
{
    QString error;
    const auto bytes = readCapped(path, &error);
    if (!bytes)
        return false;
    return sniffDocumentKind(*bytes) == DocumentKind::Timeline;
}

} // namespace idem
