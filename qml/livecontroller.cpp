#include "livecontroller.h"

#include <QLoggingCategory>

#ifdef IDEMLAB_HAS_LIVE
#include "live/livesession.h"

#include <QElapsedTimer>
#include <QTimer>
#endif

Q_LOGGING_CATEGORY(lcLiveGui, "idemlab.gui.live")

namespace idem {

namespace {

QString onOff(bool on)
{
    return on ? LiveController::tr("on") : LiveController::tr("off");
}

/// At most this many refreshes of the scene per second: a snapshot reads both DBs.
constexpr int refreshMs = 100;

} // namespace

#ifdef IDEMLAB_HAS_LIVE
struct LiveController::Session
{
    LiveSession live;
    QTimer refresh;      ///< coalesces the events of one burst into one snapshot
    QElapsedTimer clock; ///< the session's clock, started when it was
};
#else
struct LiveController::Session
{
};
#endif

LiveController::LiveController(QObject *parent)
    : QObject(parent), m_session(std::make_unique<Session>())
{
#ifdef IDEMLAB_HAS_LIVE
    m_session->refresh.setSingleShot(true);
    m_session->refresh.setInterval(refreshMs);
    connect(&m_session->refresh, &QTimer::timeout, this, &LiveController::refresh);
    // Emitted on the serving threads: queued to this one.
    connect(&m_session->live, &LiveSession::eventRecorded, this, [this] {
        if (running() && !m_session->refresh.isActive())
            m_session->refresh.start();
    });
    connect(&m_session->live, &LiveSession::runningChanged, this, &LiveController::runningChanged);
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

void LiveController::setController(SimulationController *controller)
{
    if (m_controller == controller)
        return;
    if (m_controller)
        disconnect(m_controller, nullptr, this, nullptr);
    stopSession();
    m_controller = controller;
    if (controller) {
        connect(controller, &SimulationController::settingsChanged, this,
                &LiveController::settingsChanged);
        // Something else took the screen (a preset, a file): the servers stop with it.
        connect(controller, &SimulationController::liveChanged, this, [this] {
            if (m_controller && !m_controller->live() && running())
                stopSession();
        });
    }
    emit controllerChanged();
}

void LiveController::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    if (!error.isEmpty())
        qCWarning(lcLiveGui) << error;
    emit errorTextChanged();
}

void LiveController::setRequestCount(int count)
{
    if (m_requestCount == count)
        return;
    m_requestCount = count;
    emit requestCountChanged();
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
    return m_session->live.isRunning();
}

QString LiveController::baseUrl(int cluster) const
{
    return running() ? m_session->live.baseUrl(cluster).toString() : QString();
}

QString LiveController::dbDir() const
{
    return m_session->live.dbDir();
}

bool LiveController::start()
{
    if (running())
        return true;
    if (!m_controller) {
        setError(tr("Live mode needs a controller to show the requests in."));
        return false;
    }
    LiveSession::Options options;
    options.settings = m_controller->scenario().settings;
    options.ports = m_ports;
    bool started = m_session->live.start(options);
    if (!started && (m_ports[0] != 0 || m_ports[1] != 0)) {
        const QString busy = m_session->live.errorString();
        options.ports = {0, 0};
        started = m_session->live.start(options);
        if (started)
            emit notice(tr("Ports %1 and %2 are not free (%3): cluster A listens on %4, "
                           "cluster B on %5.")
                            .arg(m_ports[0])
                            .arg(m_ports[1])
                            .arg(busy, baseUrlA(), baseUrlB()));
    }
    if (!started) {
        setError(tr("Live mode could not start: %1").arg(m_session->live.errorString()));
        return false;
    }
    m_session->clock.start();
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
    m_session->refresh.stop();
    const LiveSession::StopReport report = m_session->live.stop();
    for (const QString &error : report.errors)
        qCWarning(lcLiveGui) << error;
}

void LiveController::stop()
{
    if (!running())
        return;
    stopSession();
    refresh(); // the last requests, and the rows as the checkpoint left them
    if (m_controller)
        m_controller->endLive();
}

void LiveController::refresh()
{
    if (!m_controller)
        return;
    RunResult real = m_session->live.snapshot();
    setRequestCount(int(real.attempts.size()));
    m_controller->showLive(std::move(real), m_session->clock.nsecsElapsed() / 1000);
}

void LiveController::settingsChanged()
{
    // A toggle flipped while live restarts the servers with it: flipping the mutex and
    // firing the same parallel curls again is the lesson, and a disabled toggle would
    // send the teacher hunting for why. The record starts over (the window asks first, the
    // toast says so); the one before can be exported first by stopping.
    if (!running() || !m_controller)
        return;
    const Settings &wanted = m_controller->scenario().settings;
    if (SimulationController::sameLiveSettings(wanted, m_session->live.options().settings))
        return;
    stopSession();
    if (start())
        emit notice(tr("Live servers restarted with mutex %1, shared cache %2: "
                       "the record starts over.")
                        .arg(onOff(wanted.mutex), onOff(wanted.cache)));
    else if (m_controller)
        m_controller->endLive();
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
