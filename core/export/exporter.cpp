#include "export/exporter.h"

#include "export/csvexporter.h"
#include "export/htmlexporter.h"
#include "export/mermaidexporter.h"
#include "export/plantumlexporter.h"
#include "export/svgexporter.h"
#include "export/timelineexporter.h"

#include <QCoreApplication>
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

const std::vector<ExportFormat> &Exporter::table()
{
    static const std::vector<ExportFormat> rows = {
        {QStringLiteral("json"), QT_TRANSLATE_NOOP("ExportFormat", "Timeline JSON"),
         QT_TRANSLATE_NOOP("ExportFormat", "Everything: settings, nodes, events with captions, "
                                           "verdict. Opens again here."),
         &TimelineExporter::render},
        {QStringLiteral("csv"), QT_TRANSLATE_NOOP("ExportFormat", "CSV"),
         QT_TRANSLATE_NOOP("ExportFormat", "One row per event, for a spreadsheet."),
         &CsvExporter::render},
        {QStringLiteral("mmd"), QT_TRANSLATE_NOOP("ExportFormat", "Mermaid"),
         QT_TRANSLATE_NOOP("ExportFormat", "A sequence diagram that GitHub Markdown renders."),
         &MermaidExporter::render},
        {QStringLiteral("puml"), QT_TRANSLATE_NOOP("ExportFormat", "PlantUML"),
         QT_TRANSLATE_NOOP("ExportFormat", "A sequence diagram with database and cache shapes."),
         &PlantUmlExporter::render},
        {QStringLiteral("svg"), QT_TRANSLATE_NOOP("ExportFormat", "SVG"),
         QT_TRANSLATE_NOOP("ExportFormat",
                           "The lane timeline as a vector drawing, crisp at any size."),
         &SvgExporter::render},
        {QStringLiteral("html"), QT_TRANSLATE_NOOP("ExportFormat", "HTML page"),
         QT_TRANSLATE_NOOP("ExportFormat",
                           "One self-contained page: timeline, settings, verdict, event table."),
         &HtmlExporter::render},
    };
    return rows;
}

const ExportFormat *Exporter::find(const QString &suffix)
{
    for (const ExportFormat &f : table())
        if (f.suffix.compare(suffix, Qt::CaseInsensitive) == 0)
            return &f;
    return nullptr;
}

QStringList Exporter::formats()
{
    QStringList suffixes;
    for (const ExportFormat &f : table())
        suffixes << f.suffix;
    return suffixes;
}

std::optional<QString> Exporter::formatError(const QString &path)
{
    const QString suffix = suffixOf(path);
    if (find(suffix))
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
    if (const ExportFormat *format = find(suffixOf(path)))
        return format->render(run, range);
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
