#include "livecontroller.h"

#include <QLoggingCategory>

#ifdef IDEMLAB_HAS_LIVE
#include "live/livesession.h"
#include "settingwords.h"

#include <QElapsedTimer>
#endif

Q_LOGGING_CATEGORY(lcLiveGui, "idemlab.gui.live")

namespace idem {

#ifdef IDEMLAB_HAS_LIVE
struct LiveController::Servers
{
    LiveSession live;
    QElapsedTimer clock; ///< the session's clock, started when it was
};
#else
struct LiveController::Servers
{
};
#endif

LiveController::LiveController(QObject *parent)
    : LiveView(lcLiveGui, parent), m_servers(std::make_unique<Servers>())
{
#ifdef IDEMLAB_HAS_LIVE
    // Emitted on the serving threads: queued to this one.
    connect(&m_servers->live, &LiveSession::eventRecorded, this, [this] {
        if (running())
            scheduleRefresh();
    });
    connect(&m_servers->live, &LiveSession::runningChanged, this, &LiveController::runningChanged);
#endif
}

LiveController::~LiveController() = default;

bool LiveController::available()
{
#ifdef IDEMLAB_HAS_LIVE
    return true;
#else
    return false;
#endif
}

void LiveController::connectSession(Session *session)
{
    connect(session, &Session::settingsChanged, this, &LiveController::settingsChanged);
    // Something else took the screen (a preset, a file): the servers stop with it.
    connect(session, &Session::liveChanged, this, [this] {
        if (m_session && !m_session->live() && running())
            stopSession();
    });
}

QString LiveController::curlExample() const
{
    const QString url = running() ? baseUrlA() : QStringLiteral("http://127.0.0.1:8081");
    return QStringLiteral("curl -i -X POST %1/payments -H 'Idempotency-Key: K1' "
                          "-H 'Content-Type: application/json' "
                          "-d '{\"from\":\"A\",\"to\":\"B\",\"amount\":10}'")
        .arg(url);
}

#ifdef IDEMLAB_HAS_LIVE

bool LiveController::running() const
{
    return m_servers->live.isRunning();
}

QString LiveController::baseUrl(int cluster) const
{
    return running() ? m_servers->live.baseUrl(cluster).toString() : QString();
}

QString LiveController::dbDir() const
{
    return m_servers->live.dbDir();
}

bool LiveController::start()
{
    if (running())
        return true;
    if (!m_session) {
        setError(tr("Live mode needs a session to show the requests in."));
        return false;
    }
    LiveSession::Options options;
    options.settings = m_session->scenario().settings;
    options.ports = m_ports;
    bool started = m_servers->live.start(options);
    if (!started && (m_ports[0] != 0 || m_ports[1] != 0)) {
        const QString busy = m_servers->live.errorString();
        options.ports = {0, 0};
        started = m_servers->live.start(options);
        if (started)
            emit notice(tr("Ports %1 and %2 are not free (%3): cluster A listens on %4, "
                           "cluster B on %5.")
                            .arg(m_ports[0])
                            .arg(m_ports[1])
                            .arg(busy, baseUrlA(), baseUrlB()));
    }
    if (!started) {
        setError(tr("Live mode could not start: %1").arg(m_servers->live.errorString()));
        return false;
    }
    m_servers->clock.start();
    setError({});
    setRequestCount(0);
    refresh();
    emit runningChanged(); // the URLs are known now
    return true;
}

void LiveController::stopSession()
{
    if (!running())
        return;
    cancelRefresh();
    const LiveSession::StopReport report = m_servers->live.stop();
    for (const QString &error : report.errors)
        qCWarning(lcLiveGui) << error;
}

void LiveController::stop()
{
    if (!running())
        return;
    stopSession();
    refresh(); // the last requests, and the rows as the checkpoint left them
    if (m_session)
        m_session->endLive();
}

void LiveController::refresh()
{
    if (!m_session)
        return;
    RunResult real = m_servers->live.snapshot();
    setRequestCount(int(real.attempts.size()));
    m_session->showLive(std::move(real), m_servers->clock.nsecsElapsed() / 1000);
}

void LiveController::settingsChanged()
{
    // A toggle flipped while live restarts the servers with it: flipping the mutex and
    // firing the same parallel curls again is the lesson, and a disabled toggle would
    // send the teacher hunting for why. The record starts over (the window asks first, the
    // toast says so); the one before can be exported first by stopping.
    if (!running() || !m_session)
        return;
    const Settings wanted = m_session->scenario().settings;
    const Settings before = m_servers->live.options().settings;
    if (wanted.sameForServers(before))
        return;
    stopSession();
    if (start())
        emit notice(tr("Live servers restarted with %1: the record starts over.")
                        .arg(SettingWords::changed(wanted, before, tr("was"), true)));
    else if (m_session)
        m_session->endLive();
}

#else // built without Qt HttpServer: the type exists, the switch is hidden

bool LiveController::running() const
{
    return false;
}

QString LiveController::baseUrl(int) const
{
    return {};
}

QString LiveController::dbDir() const
{
    return {};
}

bool LiveController::start()
{
    setError(tr("This build has no live mode (Qt HttpServer was not found)."));
    return false;
}

void LiveController::stopSession() {}

void LiveController::stop() {}

void LiveController::refresh() {}

void LiveController::settingsChanged() {}

#endif

} // namespace idem
