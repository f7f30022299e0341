#include "timelineexport.h"

#include "playback.h"

#include "export/exporter.h"

#include <QCoreApplication>
#include <QImage>
#include <QQuickWindow>
#include <QSaveFile>

namespace idem {

namespace {

QString localPath(const QUrl &file)
{
    return file.isLocalFile() ? file.toLocalFile() : file.toString();
}

QString msText(qint64 us)
{
    return QString::number(double(us) / 1000.0, 'f', us % 1000 == 0 ? 0 : 1) + QStringLiteral("ms");
}

} // namespace

void TimelineExport::setSession(Session *session)
{
    if (m_session == session)
        return;
    m_session = session;
    emit sessionChanged();
}

QVariantList TimelineExport::formats()
{
    const auto entry = [](const QString &suffix, const QString &name, const QString &description) {
        return QVariantMap{{QStringLiteral("suffix"), suffix},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("description"), description}};
    };
    QVariantList list;
    for (const ExportFormat &f : Exporter::table())
        list.append(entry(f.suffix, QCoreApplication::translate("ExportFormat", qPrintable(f.name)),
                          QCoreApplication::translate("ExportFormat", qPrintable(f.description))));
    // The window as a picture is the GUI's own: the engine's exporters never see the scene.
    list.append(entry(QStringLiteral("png"), tr("PNG image"), tr("The window as it looks now.")));
    return list;
}

QString TimelineExport::formatSummary()
{
    QStringList names;
    for (const QVariant &f : formats())
        names << f.toMap().value(QStringLiteral("name")).toString();
    const QString last = names.takeLast();
    return tr("%1 or %2").arg(names.join(QStringLiteral(", ")), last);
}

QString TimelineExport::suggestedName(const QString &suffix, bool marked) const
{
    if (!m_session || !m_session->exportRun())
        return QStringLiteral("timeline.") + suffix;
    const Scenario &s = m_session->exportRun()->scenario;
    QString base;
    for (const QChar c : s.name) // the scenario's name, as a file name
        base += c.isLetterOrNumber() || c == QLatin1Char('_') ? c.toLower() : QLatin1Char('-');
    if (base.isEmpty())
        base = QStringLiteral("timeline");
    base += QStringLiteral("-mutex-") +
            (s.settings.mutex ? QStringLiteral("on") : QStringLiteral("off"));
    base += QStringLiteral("-cache-") +
            (s.settings.cache ? QStringLiteral("on") : QStringLiteral("off"));
    if (suffix == QLatin1String("png"))
        base += QLatin1Char('-') + msText(qint64(m_session->playback().timeUs()));
    else if (marked && m_session->playback().hasMarks()) {
        const ExportRange range = m_session->exportRange(true);
        base += QLatin1Char('-') + msText(range.fromUs) + QLatin1Char('-') +
                msText(std::min(range.toUs, m_session->exportRun()->endUs));
    }
    return base + QLatin1Char('.') + suffix;
}

QString TimelineExport::save(const QUrl &file, bool marked) const
{
    if (!m_session || !m_session->exportRun())
        return tr("There is no run to export.");
    const QString path = localPath(file);
    // A live record is written with its real times (the scene's stretched flights are only
    // for watching); it opens here again stretched the same way.
    if (const auto error =
            Exporter::write(*m_session->exportRun(), path, m_session->exportRange(marked)))
        return *error;
    return {};
}

QString TimelineExport::saveImage(QQuickItem *item, const QUrl &file) const
{
    const QString path = localPath(file);
    if (!item || !item->window())
        return tr("There is no window to save.");
    const QImage image = item->window()->grabWindow();
    if (image.isNull())
        return tr("Could not render the window for \"%1\".").arg(path);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || !image.save(&out, "PNG") || !out.commit())
        return tr("Cannot write \"%1\": %2").arg(path, out.errorString());
    return {};
}

} // namespace idem
