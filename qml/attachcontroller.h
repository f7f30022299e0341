#pragma once

#include "liveview.h"

#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace idem {

/// The app attached to running clusters (`idemlab --attach URL...`, the Attach dialog):
/// an AttachSession on the event streams of cluster processes, shown in the session's
/// scene as the Live switch shows its own servers (Session::showLive), so the timeline,
/// the verdict and the exporters work the same. Without live mode the type exists but is
/// not `available`.
class AttachController : public LiveView
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(bool available READ available CONSTANT)
    Q_PROPERTY(bool attached READ attached NOTIFY attachedChanged)
    /// One map per URL: url, state ("connecting", "up", "down"), why, cluster (the one whose
    /// port it is, "" before its hello), clusters (what its process hosts, "A, B").
    Q_PROPERTY(QVariantList links READ links NOTIFY linksChanged)
    /// "A http://… · B http://… (down: connection refused)", for the live strip.
    Q_PROPERTY(QString summary READ summary NOTIFY linksChanged)
    /// Some attached process is streaming now.
    Q_PROPERTY(bool anyUp READ anyUp NOTIFY linksChanged)
    /// The clusters whose every attached URL is down ("B"), for the strip.
    Q_PROPERTY(QStringList downClusters READ downClusters NOTIFY linksChanged)

public:
    explicit AttachController(QObject *parent = nullptr);
    ~AttachController() override;

    [[nodiscard]] static bool available();
    [[nodiscard]] bool attached() const;
    [[nodiscard]] QVariantList links() const;
    [[nodiscard]] QString summary() const;
    [[nodiscard]] bool anyUp() const;
    [[nodiscard]] QStringList downClusters() const;

    /// Checks the URLs (http://HOST:PORT or ws://HOST:PORT, empty ones skipped) and attaches
    /// to them; false with errorText on a bad one (nothing changes then).
    Q_INVOKABLE bool attach(const QStringList &urls);
    /// Closes the connections; the record stays on screen (scrub, export).
    Q_INVOKABLE void detach();
    /// Empty if `url` can be attached to, else one line saying what was expected.
    [[nodiscard]] static QString urlError(const QString &url);
    /// Every link has had its first answer (up, or down with why): for a screenshot.
    [[nodiscard]] bool settled() const;

signals:
    void attachedChanged();
    void linksChanged();

private:
    struct Attach;

    void refresh() override;
    void connectSession(Session *session) override;

    std::unique_ptr<Attach> m_attach;
};

} // namespace idem
