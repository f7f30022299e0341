#include "live/attachlink.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAttach, "idemlab.core.live.attach")

namespace idem {

std::optional<QUrl> AttachLink::streamUrl(const QString &text, QString *error)
{
    const QString expected = QStringLiteral("expected http://HOST:PORT or ws://HOST:PORT, as "
                                            "printed by idemlab-cli serve");
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    auto fail = [&](const QString &what) -> std::optional<QUrl> {
        *error = QStringLiteral("%1: %2; %3").arg(text, what, expected);
        return std::nullopt;
    };
    if (text.trimmed().isEmpty())
        return fail(QStringLiteral("empty URL"));
    if (!text.contains(QLatin1String("://")))
        return fail(QStringLiteral("no scheme"));
    if (!url.isValid())
        return fail(QStringLiteral("not a URL (%1)").arg(url.errorString()));
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("ws"))
        return fail(url.scheme().isEmpty()
                        ? QStringLiteral("no scheme")
                        : QStringLiteral("scheme %1 is not http or ws").arg(url.scheme()));
    if (url.host().isEmpty())
        return fail(QStringLiteral("no host"));
    if (url.port() <= 0)
        return fail(QStringLiteral("no port"));
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return fail(QStringLiteral("a user, query or fragment has no meaning here"));
    const QString path = url.path();
    if (!path.isEmpty() && path != QLatin1String("/") && path != QLatin1String("/events"))
        return fail(QStringLiteral("path %1 is not the event stream (/events)").arg(path));
    QUrl stream;
    stream.setScheme(QStringLiteral("ws"));
    stream.setHost(url.host());
    stream.setPort(url.port());
    stream.setPath(QStringLiteral("/events"));
    return stream;
}

AttachLink::AttachLink(const QString &given, const QUrl &stream, QObject *parent)
    : QObject(parent), m_given(given), m_stream(stream)
{
    m_socket.setMaxAllowedIncomingMessageSize(EventStreamReader::maxMessageBytes);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &AttachLink::open);
    connect(&m_socket, &QWebSocket::connected, this, &AttachLink::connected);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &AttachLink::text);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this,
            [this] { refuse(QStringLiteral("a binary message (the stream sends JSON text)")); });
    connect(&m_socket, &QWebSocket::stateChanged, this, [this](QAbstractSocket::SocketState s) {
        if (s == QAbstractSocket::UnconnectedState)
            lost();
    });
}

AttachLink::~AttachLink()
{
    close();
}

void AttachLink::open()
{
    m_open = true;
    m_retry.stop();
    m_reader = std::make_unique<EventStreamReader>();
    setState(State::Connecting, QStringLiteral("connecting to %1").arg(m_stream.toString()));
    m_socket.open(m_stream);
}

void AttachLink::close()
{
    m_open = false;
    m_retry.stop();
    m_socket.abort();
    setState(State::Down, QStringLiteral("detached"));
}

void AttachLink::setState(State state, const QString &why)
{
    if (m_state == state && m_why == why)
        return;
    m_state = state;
    m_why = why;
    emit stateChanged();
}

void AttachLink::connected()
{
    setState(State::Connecting, QStringLiteral("waiting for the hello"));
}

void AttachLink::text(const QString &message)
{
    if (!m_reader || m_state == State::Down)
        return; // after a refusal, until the socket is gone
    const std::optional<StreamMessage> m = m_reader->read(message.toUtf8());
    if (!m) {
        refuse(QStringLiteral("malformed message: %1").arg(m_reader->error()));
        return;
    }
    if (m->kind == StreamMessage::Kind::Hello) {
        m_hello = m->hello;
        m_retryMs = firstRetryMs; // a good connection starts the backoff over
        setState(State::Up, {});
    }
    emit received(*m);
}

void AttachLink::refuse(const QString &problem)
{
    qCWarning(lcAttach).noquote() << QStringLiteral("attach %1: %2; dropping the connection, "
                                                    "retrying in %3 ms")
                                         .arg(m_given, problem)
                                         .arg(m_retryMs);
    setState(State::Down, problem);
    m_socket.abort();
    scheduleRetry();
}

void AttachLink::lost()
{
    if (!m_open)
        return;
    if (m_state != State::Down) {
        QString why = m_socket.closeReason();
        if (why.isEmpty())
            why = m_socket.errorString();
        if (why.isEmpty() || why == QLatin1String("Unknown error"))
            why = QStringLiteral("the connection closed");
        // The handshake's HTTP answer, in Qt's words ("...processHandshake: Unhandled http
        // status code: 503 (...)"): say what it means for a cluster.
        if (why.contains(QLatin1String("status code: 503")))
            why = QStringLiteral("it streams no events (HTTP 503: started with --log none, or "
                                 "stopping)");
        else if (why.contains(QLatin1String("status code: 404")))
            why = QStringLiteral("no event stream at this address (HTTP 404: is it an idemlab "
                                 "serve port?)");
        setState(State::Down, why);
    }
    scheduleRetry();
}

void AttachLink::scheduleRetry()
{
    if (!m_open || m_retry.isActive())
        return;
    m_retry.start(m_retryMs);
    m_retryMs = std::min(m_retryMs * 2, lastRetryMs);
}

} // namespace idem
