#include "attachcontroller.h"

#include <QLoggingCategory>

#ifdef IDEMLAB_HAS_LIVE
#include "live/attachsession.h"
#endif

Q_LOGGING_CATEGORY(lcAttachGui, "idemlab.gui.attach")

namespace idem {

#ifdef IDEMLAB_HAS_LIVE
struct AttachController::Attach
{
    AttachSession session;
    bool onScreen = false; ///< the session shows this record (not the simulation's)
};

namespace {

QString stateName(AttachLink::State s)
{
    switch (s) {
    case AttachLink::State::Connecting:
        return QStringLiteral("connecting");
    case AttachLink::State::Up:
        return QStringLiteral("up");
    case AttachLink::State::Down:
        break;
    }
    return QStringLiteral("down");
}

QString clusterList(const QVector<int> &clusters)
{
    QStringList names;
    for (int c : clusters)
        names << clusterName(c);
    return names.join(QStringLiteral(", "));
}

} // namespace
#else
struct AttachController::Attach
{
};
#endif

AttachController::AttachController(QObject *parent)
    : LiveView(lcAttachGui, parent), m_attach(std::make_unique<Attach>())
{
#ifdef IDEMLAB_HAS_LIVE
    connect(&m_attach->session, &AttachSession::recordChanged, this, [this] {
        if (attached())
            scheduleRefresh();
    });
    connect(&m_attach->session, &AttachSession::linksChanged, this,
            &AttachController::linksChanged);
#endif
}

AttachController::~AttachController() = default;

bool AttachController::available()
{
#ifdef IDEMLAB_HAS_LIVE
    return true;
#else
    return false;
#endif
}

void AttachController::connectSession(Session *session)
{
    // Something else took the screen (a preset, a file, the Live switch): detach.
    connect(session, &Session::liveChanged, this, [this] {
        if (m_session && !m_session->live() && attached())
            detach();
    });
}

#ifdef IDEMLAB_HAS_LIVE

bool AttachController::attached() const
{
    return m_attach->session.attached();
}

QVariantList AttachController::links() const
{
    QVariantList out;
    for (const AttachSession::LinkInfo &l : m_attach->session.links())
        out.append(
            QVariantMap{{QStringLiteral("url"), l.url},
                        {QStringLiteral("state"), stateName(l.state)},
                        {QStringLiteral("why"), l.why},
                        {QStringLiteral("cluster"), l.via < 0 ? QString() : clusterName(l.via)},
                        {QStringLiteral("clusters"), clusterList(l.clusters)}});
    return out;
}

QString AttachController::summary() const
{
    QStringList parts;
    for (const AttachSession::LinkInfo &l : m_attach->session.links()) {
        QString part = l.via < 0 ? l.url : clusterName(l.via) + QLatin1Char(' ') + l.url;
        if (l.state == AttachLink::State::Down)
            part += tr(" (down: %1)").arg(l.why);
        else if (l.state == AttachLink::State::Connecting)
            part += tr(" (connecting)");
        parts << part;
    }
    return parts.join(QStringLiteral(" · "));
}

bool AttachController::anyUp() const
{
    const auto links = m_attach->session.links();
    return std::any_of(links.cbegin(), links.cend(), [](const AttachSession::LinkInfo &l) {
        return l.state == AttachLink::State::Up;
    });
}

QStringList AttachController::downClusters() const
{
    // A cluster is down when none of the URLs it came through is up. A URL that never
    // answered has not said whose port it is: of two URLs, as the dialog asks for them, the
    // first is taken to be cluster A's and the second cluster B's.
    QStringList heard;
    QStringList up;
    const QVector<AttachSession::LinkInfo> links = m_attach->session.links();
    for (qsizetype i = 0; i < links.size(); ++i) {
        const AttachSession::LinkInfo &l = links[i];
        const int cluster = l.via >= 0 ? l.via : links.size() == 2 ? int(i) : -1;
        if (cluster < 0)
            continue;
        heard << clusterName(cluster);
        if (l.state == AttachLink::State::Up)
            up << clusterName(cluster);
    }
    QStringList down;
    for (const QString &c : std::as_const(heard))
        if (!up.contains(c) && !down.contains(c))
            down << c;
    return down;
}

QString AttachController::urlError(const QString &url)
{
    QString error;
    if (!AttachLink::streamUrl(url, &error))
        return error;
    return {};
}

bool AttachController::settled() const
{
    const auto links = m_attach->session.links();
    return std::none_of(links.cbegin(), links.cend(), [](const AttachSession::LinkInfo &l) {
        return l.state == AttachLink::State::Connecting;
    });
}

bool AttachController::attach(const QStringList &given)
{
    QStringList urls;
    for (const QString &u : given)
        if (!u.trimmed().isEmpty())
            urls << u.trimmed();
    if (!m_session) {
        setError(tr("Attaching needs a session to show the events in."));
        return false;
    }
    if (!m_attach->session.attach(urls)) {
        setError(tr("Cannot attach: %1").arg(m_attach->session.errorString()));
        return false;
    }
    setError({});
    setRequestCount(0);
    emit attachedChanged();
    m_attach->onScreen = true;
    refresh();
    return true;
}

void AttachController::detach()
{
    if (!attached())
        return;
    cancelRefresh();
    m_attach->session.detach();
    emit attachedChanged();
    if (m_attach->onScreen) {
        m_attach->onScreen = false;
        refresh(); // the last messages stay on screen
        if (m_session)
            m_session->endLive();
    }
}

void AttachController::refresh()
{
    if (!m_session)
        return;
    RunResult run = m_attach->session.snapshot();
    const int count = int(run.attempts.size());
    setRequestCount(count);
    m_session->showAttached(std::move(run), m_attach->session.nowUs());
}

#else // built without live mode: the type exists, the Attach switch is hidden

bool AttachController::attached() const
{
    return false;
}

QVariantList AttachController::links() const
{
    return {};
}

QString AttachController::summary() const
{
    return {};
}

bool AttachController::anyUp() const
{
    return false;
}

QStringList AttachController::downClusters() const
{
    return {};
}

QString AttachController::urlError(const QString &)
{
    return tr("this build has no live mode (Qt HttpServer or Qt WebSockets was not found)");
}

bool AttachController::settled() const
{
    return true;
}

bool AttachController::attach(const QStringList &)
{
    setError(tr("This build has no live mode (Qt HttpServer or Qt WebSockets was not found)."));
    return false;
}

void AttachController::detach() {}

void AttachController::refresh() {}

#endif

} // namespace idem
