#include "exporter.h"

#include "csvexporter.h"
#include "mermaidexporter.h"
#include "timelineexporter.h"

#include <QFileInfo>
#include <QSaveFile>

namespace idem {

namespace {

QString expectedList()
{
    QStringList dotted;
    for (const QString &f : Exporter::formats())
        dotted << QLatin1Char('.') + f;
    return dotted.join(QLatin1String(", "));
}

} // namespace

QStringList Exporter::formats()
{
    return {QStringLiteral("json"), QStringLiteral("csv"), QStringLiteral("mmd")};
}

std::optional<QByteArray> Exporter::render(const RunResult &run, const QString &path,
                                           const ExportRange &range, QString *error)
{
    // completeSuffix() would turn "run.v2.json" into "v2.json"; only the last part names it.
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("json"))
        return TimelineExporter::render(run, range);
    if (suffix == QLatin1String("csv"))
        return CsvExporter::render(run, range);
    if (suffix == QLatin1String("mmd"))
        return MermaidExporter::render(run, range);

    if (error) {
        const QString what = suffix.isEmpty()
                                 ? QStringLiteral("no file extension")
                                 : QStringLiteral("unknown format \".%1\"").arg(suffix);
        *error = QStringLiteral("cannot export to \"%1\": %2 (expected one of: %3)")
                     .arg(path, what, expectedList());
    }
    return std::nullopt;
}

std::optional<QString> Exporter::write(const RunResult &run, const QString &path,
                                       const ExportRange &range)
{
    QString error;
    const std::optional<QByteArray> bytes = render(run, path, range, &error);
    if (!bytes)
        return error;

    // QSaveFile writes a temporary file and renames it over the target on commit, so a
    // failure anywhere leaves an existing file as it was.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write \"%1\": %2").arg(path, file.errorString());
    if (file.write(*bytes) != bytes->size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return QStringLiteral("cannot write \"%1\": %2").arg(path, reason);
    }
    if (!file.commit())
        return QStringLiteral("cannot write \"%1\": %2").arg(path, file.errorString());
    return std::nullopt;
}

} // namespace idem
