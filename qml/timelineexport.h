#pragma once

#include "session.h"

#include <QObject>
#include <QPointer>
#include <QQuickItem>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace idem {

/// The GUI's Export action: writes the run on screen (whole, or between the scrub bar's
/// marks) in any of the exporter's formats, or the window as a PNG.
class TimelineExport : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    /// The run on screen comes from it (a live record with its real times) and its
    /// playback's marks bound a part of it.
    Q_PROPERTY(idem::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    /// One entry per format: {suffix, name, description}; PNG last.
    Q_PROPERTY(QVariantList formats READ formats CONSTANT)
    /// The formats' names in one phrase for a tooltip: "Timeline JSON, CSV, … or PNG image".
    Q_PROPERTY(QString formatSummary READ formatSummary CONSTANT)

public:
    using QObject::QObject;

    [[nodiscard]] Session *session() const { return m_session; }
    void setSession(Session *session);
    [[nodiscard]] static QVariantList formats();
    [[nodiscard]] static QString formatSummary();

    /// A file name for the run in the format `suffix`: the scenario, the toggles and, for a
    /// marked part, its bounds ("parallel-two-clusters-mutex-off-cache-on.mmd").
    Q_INVOKABLE QString suggestedName(const QString &suffix, bool marked) const;
    /// Writes the run to `file` in the format its extension names, whole or between the
    /// marks. Returns "" on success, else one line saying what went wrong.
    Q_INVOKABLE QString save(const QUrl &file, bool marked) const;
    /// Saves what `item`'s window shows as a PNG. "" on success, else the error line.
    Q_INVOKABLE QString saveImage(QQuickItem *item, const QUrl &file) const;

signals:
    void sessionChanged();

private:
    QPointer<Session> m_session;
};

} // namespace idem
