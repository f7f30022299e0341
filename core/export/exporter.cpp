#include "export/exporter.h"

#include "export/csvexporter.h"
#include "export/htmlexporter.h"
#include "export/mermaidexporter.h"
#include "export/plantumlexporter.h"
#include "export/svgexporter.h"
#include "export/timelineexporter.h"

#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace idem {

namespace {

QString expectedList()
{
    QStringList dotted;
    for (const QString &f : Exporter::formats())
        dotted << QLatin1Char('.') + f;
    return dotted.join(QLatin1String(", "));
}

// completeSuffix() would turn "run.v2.json" into "v2.json"; only the last part names it.
QString suffixOf(const QString &path)
{
    return QFileInfo(path).suffix().toLower();
}

QString writeError(const QString &path, const QString &reason)
{
    QString line = reason.simplified();
    if (line.isEmpty())
        line = QStringLiteral("unknown error");
    return QStringLiteral("cannot write \"%1\": %2").arg(path, line);
}

} // namespace

QStringList Exporter::formats()
{
    return {QStringLiteral("json"), QStringLiteral("csv"), QStringLiteral("mmd"),
            QStringLiteral("puml"), QStringLiteral("svg"), QStringLiteral("html")};
}

std::optional<QString> Exporter::formatError(const QString &path)
{
    const QString suffix = suffixOf(path);
    if (formats().contains(suffix))
        return std::nullopt;
    if (suffix == QLatin1String("png"))
        return QStringLiteral("cannot export to \"%1\": a PNG is a picture of the scene, drawn "
                              "by the app (use: idemlab --screenshot %1 --at-ms T)")
            .arg(path);
    const QString what = suffix.isEmpty() ? QStringLiteral("no file extension")
                                          : QStringLiteral("unknown format \".%1\"").arg(suffix);
    return QStringLiteral("cannot export to \"%1\": %2 (expected one of: %3)")
        .arg(path, what, expectedList());
}

std::optional<QByteArray> Exporter::render(const RunResult &run, const QString &path,
                                           const ExportRange &range, QString *error)
{
    const QString suffix = suffixOf(path);
    if (suffix == QLatin1String("json"))
        return TimelineExporter::render(run, range);
    if (suffix == QLatin1String("csv"))
        return CsvExporter::render(run, range);
    if (suffix == QLatin1String("mmd"))
        return MermaidExporter::render(run, range);
    if (suffix == QLatin1String("puml"))
        return PlantUmlExporter::render(run, range);
    if (suffix == QLatin1String("svg"))
        return SvgExporter::render(run, range);
    if (suffix == QLatin1String("html"))
        return HtmlExporter::render(run, range);
    if (error)
        *error = formatError(path).value_or(QString());
    return std::nullopt;
}

std::optional<QString> Exporter::write(const RunResult &run, const QString &path,
                                       const ExportRange &range)
{
    QString error;
    const std::optional<QByteArray> bytes = render(run, path, range, &error);
    if (!bytes)
        return error;
    return writeFile(path, *bytes);
}

std::optional<QString> Exporter::writeFile(const QString &path, const QByteArray &bytes)
{
    // QSaveFile writes a temporary file beside the target and renames it over the target on
    // commit, so a failure anywhere leaves an existing file as it was.
    if (QFileInfo(path).isDir())
        return writeError(path, QStringLiteral("is a directory"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return writeError(path, file.errorString());
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return writeError(path, reason);
    }
    if (!file.commit())
        return writeError(path, file.errorString());
    return std::nullopt;
}

} // namespace idem
