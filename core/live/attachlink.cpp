#include "live/attachlink.h"

#include "live/clusterurl.h"
#include "json/jsonwording.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAttach, "idemlab.core.live.attach")

namespace idem {

std::optional<QUrl> AttachLink::streamUrl(const QString &text, QString *error)
{
    QString why;
    const auto base = ClusterUrl::base(text, ClusterUrl::Use::Attach, &why);
    if (!base) {
        *error =
            QStringLiteral("%1: %2; expected http://HOST:PORT or ws://HOST:PORT, as printed "
                           "by idemlab-cli serve")
                .arg(JsonWording::isOneLine(text) && text.size() <= 200 ? text
                                                                        : JsonWording::quoted(text),
                     why);
        return std::nullopt;
    }
    QUrl stream = *base;
    stream.setScheme(QStringLiteral("ws"));
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
