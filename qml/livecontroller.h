#pragma once

#include "liveview.h"

#include <QtQml/qqmlregistration.h>

#include <array>
#include <memory>

namespace idem {

/// The app's Live switch: runs cluster A and cluster B as real HTTP servers (LiveSession)
/// with the session's settings, and shows every request they serve in the session's
/// scene as it arrives, from the "External client" node. Without Qt HttpServer the type
/// exists but is not `available` (the switch is hidden).
class LiveController : public LiveView
{
    Q_OBJECT
    QML_ELEMENT

    /// Built with live mode (Qt HttpServer was found).
    Q_PROPERTY(bool available READ available CONSTANT)
    Q_PROPERTY(bool running READ running NOTIFY runningChanged)
    Q_PROPERTY(QString baseUrlA READ baseUrlA NOTIFY runningChanged)
    Q_PROPERTY(QString baseUrlB READ baseUrlB NOTIFY runningChanged)
    /// The folder with cluster-a.sqlite and cluster-b.sqlite (kept after stop).
    Q_PROPERTY(QString dbDir READ dbDir NOTIFY runningChanged)
    /// A curl line that pays through cluster A, for the banner and the switch's tooltip.
    Q_PROPERTY(QString curlExample READ curlExample NOTIFY runningChanged)

public:
    explicit LiveController(QObject *parent = nullptr);
    ~LiveController() override;

    [[nodiscard]] static bool available();
    [[nodiscard]] bool running() const;
    [[nodiscard]] QString baseUrlA() const { return baseUrl(0); }
    [[nodiscard]] QString baseUrlB() const { return baseUrl(1); }
    [[nodiscard]] QString dbDir() const;
    [[nodiscard]] QString curlExample() const;

    /// The ports tried first (8081 and 8082); when they are taken, any free ones are used
    /// and notice() says so. {0, 0}: any free ports at once (tests).
    void setPreferredPorts(std::array<quint16, 2> ports) { m_ports = ports; }

    /// Starts the servers with the session's settings and shows the live run; true if
    /// running (also when it already was), else false with errorText.
    Q_INVOKABLE bool start();
    /// Stops the servers; the record stays on screen (scrub, export) until a preset or a
    /// setting changes.
    Q_INVOKABLE void stop();

signals:
    void runningChanged();
    /// Something the user should know, for a toast (fallback ports, a restart).
    void notice(const QString &message);

private:
    struct Servers;

    [[nodiscard]] QString baseUrl(int cluster) const;
    void refresh() override;
    void leaveSession() override { stopSession(); }
    void connectSession(Session *session) override;
    void stopSession();
    void settingsChanged();

    std::unique_ptr<Servers> m_servers;
    std::array<quint16, 2> m_ports = {8081, 8082};
};

} // namespace idem
