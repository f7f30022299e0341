#include "live/httpfrontend.h"

#include <QtHttpServer/QAbstractHttpServer>
#include <QtHttpServer/QHttpServerRequest>

#include <QCoreApplication>
#include <QHash>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>
#include <QWebSocket>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <map>
#include <vector>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace idem {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get:
        return QByteArrayLiteral("GET");
    case M::Put:
        return QByteArrayLiteral("PUT");
    case M::Delete:
        return QByteArrayLiteral("DELETE");
    case M::Post:
        return QByteArrayLiteral("POST");
    case M::Head:
        return QByteArrayLiteral("HEAD");
    case M::Options:
        return QByteArrayLiteral("OPTIONS");
    case M::Patch:
        return QByteArrayLiteral("PATCH");
    case M::Connect:
        return QByteArrayLiteral("CONNECT");
    case M::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        return QByteArrayLiteral("UNKNOWN");
    }
}

// The whole response in one buffer: one write per response.
QByteArray serialize(const HttpResponse &r, bool head)
{
    QByteArray out;
    out.reserve(192 + r.body.size() + 64 * r.headers.size());
    out += "HTTP/1.1 ";
    out += QByteArray::number(r.status);
    out += ' ';
    out += ClaimHandler::reason(r.status).toLatin1();
    out += "\r\n";
    if (r.status != 204) { // a 204 has neither body nor length (RFC 9110, 8.6)
        if (!r.contentType.isEmpty()) {
            out += "Content-Type: ";
            out += r.contentType;
            out += "\r\n";
        }
        out += "Content-Length: ";
        out += QByteArray::number(r.body.size());
        out += "\r\n";
    }
    for (const auto &[name, value] : r.headers) {
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    out += "\r\n";
    if (!head && r.status != 204)
        out += r.body;
    return out;
}

/// One cluster's HTTP server on one I/O thread.
class ClusterServer final : public QAbstractHttpServer
{
public:
    ClusterServer(int cluster, const HttpFrontend::Handler &handler,
                  const HttpFrontend::WebSocketHandler &webSocket,
                  const std::atomic<bool> &accepting)
        : m_cluster(cluster), m_handler(handler), m_webSocket(webSocket), m_accepting(accepting)
    {
        connect(this, &QAbstractHttpServer::newWebSocketConnection, this,
                &ClusterServer::takeWebSockets);
    }

    /// Writes every response that is ready on every connection (shutdown).
    void flushAll()
    {
        for (auto it = m_connections.begin(); it != m_connections.end(); ++it)
            it.key()->flush();
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    /// Only reached for a WebSocket upgrade handleRequest() refused: answered, then closed.
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    /// Responses of one connection, written in the order their requests came.
    struct Connection
    {
        quint64 next = 0;    ///< number of the next request
        quint64 written = 0; ///< number of the next response to write
        std::map<quint64, std::pair<QByteArray, bool>> ready; ///< response, close after it
    };

    void deliver(const QPointer<QTcpSocket> &socket, quint64 number, QByteArray bytes, bool close);
    void takeWebSockets();

    const int m_cluster;
    const HttpFrontend::Handler &m_handler;
    const HttpFrontend::WebSocketHandler &m_webSocket;
    const std::atomic<bool> &m_accepting;
    QHash<QTcpSocket *, Connection> m_connections;
};

bool ClusterServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // QAbstractHttpServer (6.4) gives a WebSocket upgrade to its own WebSocket server when
    // this returns true (the handshake is answered there), else calls missingHandler().
    if (request.value("Upgrade").compare("websocket", Qt::CaseInsensitive) == 0 &&
        request.value("Connection").toLower().contains("upgrade"))
        return request.url().path() == QLatin1String("/events") && m_webSocket &&
               m_accepting.load(std::memory_order_relaxed);
    auto it = m_connections.find(socket);
    if (it == m_connections.end()) {
        it = m_connections.insert(socket, {});
        connect(socket, &QObject::destroyed, this,
                [this, socket] { m_connections.remove(socket); });
    }
    const quint64 number = it->next++;

    HttpCall call;
    call.method = methodName(request.method());
    const QUrl url = request.url();
    call.path = url.path();
    call.query = url.query(QUrl::FullyEncoded);
    bool close = false;
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("idempotency-key", Qt::CaseInsensitive) == 0)
            call.idempotencyKeys.append(value);
        else if (name.compare("origin", Qt::CaseInsensitive) == 0)
            call.origin = value.trimmed();
        else if (name.compare("connection", Qt::CaseInsensitive) == 0)
            close = value.toLower().contains("close");
    }
    call.body = request.body();

    const bool head = request.method() == QHttpServerRequest::Method::Head;
    // The socket is only touched on this thread; a worker's answer is posted back here.
    // This object outlives every worker: HttpFrontend::close() runs after they are done.
    HttpFrontend::Respond respond = [this, guard = QPointer<QTcpSocket>(socket), number, head,
                                     close](const HttpResponse &response) {
        QByteArray bytes = serialize(response, head);
        if (QThread::currentThread() == thread()) {
            deliver(guard, number, std::move(bytes), close);
            return;
        }
        QMetaObject::invokeMethod(
            this,
            [this, guard, number, bytes = std::move(bytes), close]() mutable {
                deliver(guard, number, std::move(bytes), close);
            },
            Qt::QueuedConnection);
    };
    if (!m_accepting.load(std::memory_order_relaxed)) {
        HttpResponse r = ClaimHandler::problem(503, QStringLiteral("Shutting down"),
                                               QStringLiteral("the server is stopping"));
        r.addHeader("Connection", "close");
        respond(r);
        return true;
    }
    m_handler(m_cluster, std::move(call), std::move(respond));
    return true;
}

void ClusterServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path();
    const HttpResponse r =
        path != QLatin1String("/events")
            ? ClaimHandler::problem(404, QStringLiteral("Not found"),
                                    QStringLiteral("no WebSocket at %1: the event stream is "
                                                   "GET /events")
                                        .arg(path))
            : ClaimHandler::problem(503, QStringLiteral("No event stream"),
                                    QStringLiteral("this server streams no events (it was "
                                                   "started with --log none, or it is "
                                                   "stopping)"));
    socket->write(serialize(r, false)); // the caller closes the connection after it
}

// Sockets upgraded on /events (handleRequest() let only those through), handshake done.
void ClusterServer::takeWebSockets()
{
    while (hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = nextPendingWebSocketConnection();
        if (!socket)
            continue;
        if (m_accepting.load(std::memory_order_relaxed)) {
            m_webSocket(m_cluster, std::move(socket));
            continue;
        }
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("stopping"));
        socket.release()->deleteLater(); // after the close frame is written
    }
}

void ClusterServer::deliver(const QPointer<QTcpSocket> &socket, quint64 number, QByteArray bytes,
                            bool close)
{
    if (!socket)
        return; // the client went away meanwhile
    const auto it = m_connections.find(socket.data());
    if (it == m_connections.end())
        return;
    Connection &c = *it;
    c.ready.emplace(number, std::make_pair(std::move(bytes), close));
    while (!c.ready.empty() && c.ready.begin()->first == c.written) {
        const auto first = c.ready.begin();
        socket->write(first->second.first);
        const bool closeNow = first->second.second;
        c.ready.erase(first);
        ++c.written;
        if (closeNow) {
            socket->disconnectFromHost(); // after the buffered bytes are sent
            c.ready.clear();
            return;
        }
    }
}

QString socketError(int error, const QHostAddress &address, quint16 port)
{
    const QString where = QStringLiteral("%1 port %2").arg(address.toString()).arg(port);
    switch (error) {
    case EADDRINUSE:
        return QStringLiteral("port %1 is in use on %2 (another program listens on it)")
            .arg(port)
            .arg(address.toString());
    case EADDRNOTAVAIL:
        return QStringLiteral("cannot listen on %1: this machine has no such address").arg(where);
    case EACCES:
        return QStringLiteral("cannot listen on %1: permission denied (ports below 1024 need "
                              "privileges)")
            .arg(where);
    default:
        return QStringLiteral("cannot listen on %1: %2")
            .arg(where, QString::fromLocal8Bit(std::strerror(error)));
    }
}

// A listening socket. With `sharedPort`, each I/O thread opens its own on the same port
// (SO_REUSEPORT) and the kernel spreads the connections over them.
std::optional<QString> openListener(const QHostAddress &address, quint16 port, bool sharedPort,
                                    int *fd, quint16 *boundPort)
{
    sockaddr_storage storage{};
    socklen_t length = 0;
    const bool any = address == QHostAddress::Any;
    const bool v6 = any || address.protocol() == QAbstractSocket::IPv6Protocol;
    if (v6) {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&storage);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        if (any) {
            a->sin6_addr = in6addr_any;
        } else {
            const Q_IPV6ADDR ip = address.toIPv6Address();
            std::memcpy(&a->sin6_addr, &ip, sizeof ip);
        }
        length = sizeof(sockaddr_in6);
    } else {
        auto *a = reinterpret_cast<sockaddr_in *>(&storage);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        a->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof(sockaddr_in);
    }
    const int s = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (s < 0)
        return socketError(errno, address, port);
    const int one = 1;
    const int zero = 0;
    ::setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (sharedPort)
        ::setsockopt(s, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    if (any)
        ::setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero); // IPv4 too
    if (::bind(s, reinterpret_cast<sockaddr *>(&storage), length) != 0 ||
        ::listen(s, SOMAXCONN) != 0) {
        const int error = errno;
        ::close(s);
        return socketError(error, address, port);
    }
    length = sizeof storage;
    ::getsockname(s, reinterpret_cast<sockaddr *>(&storage), &length);
    *boundPort = ntohs(v6 ? reinterpret_cast<sockaddr_in6 *>(&storage)->sin6_port
                          : reinterpret_cast<sockaddr_in *>(&storage)->sin_port);
    *fd = s;
    return {};
}

} // namespace

struct HttpFrontend::Private
{
    struct IoThread
    {
        std::unique_ptr<QThread> thread;
        QObject *anchor = nullptr; ///< lives in `thread` (runs code there); deleted with it
        std::vector<ClusterServer *> servers;
    };

    Handler handler;
    WebSocketHandler webSocket;
    std::atomic<bool> accepting{true};
    std::array<quint16, 2> ports{};
    std::vector<IoThread> io;
};

HttpFrontend::HttpFrontend(Handler handler) : d(std::make_unique<Private>())
{
    d->handler = std::move(handler);
}

HttpFrontend::~HttpFrontend()
{
    close();
}

void HttpFrontend::setWebSocketHandler(WebSocketHandler handler)
{
    d->webSocket = std::move(handler);
}

std::optional<QString> HttpFrontend::listen(const QHostAddress &address,
                                            std::array<quint16, 2> ports, int ioThreads,
                                            std::array<bool, 2> hosted)
{
    // Listening sockets first: every error (port in use, no such address) before a thread.
    std::vector<std::array<int, 2>> fds;
    auto closeAll = [&fds] {
        for (const auto &pair : fds)
            for (int fd : pair)
                if (fd >= 0)
                    ::close(fd);
    };
    fds.resize(size_t(std::max(1, ioThreads)), {-1, -1});
    for (int c = 0; c < 2; ++c) {
        if (!hosted[size_t(c)])
            continue;
        quint16 port = ports[size_t(c)];
        if (port != 0) {
            // SO_REUSEPORT would let us share a port with another server of this user: a
            // plain bind first tells whether anyone is there.
            int probe = -1;
            quint16 ignored = 0;
            if (auto error = openListener(address, port, false, &probe, &ignored)) {
                closeAll();
                return error;
            }
            ::close(probe);
        }
        for (auto &pair : fds) {
            if (auto error = openListener(address, port, true, &pair[size_t(c)], &port)) {
                closeAll();
                return error;
            }
        }
        d->ports[size_t(c)] = port;
    }

    for (const auto &pair : fds) {
        Private::IoThread io;
        io.thread = std::make_unique<QThread>();
        io.thread->setObjectName(QStringLiteral("idemlab-http-%1").arg(d->io.size()));
        io.anchor = new QObject;
        io.thread->start();
        io.anchor->moveToThread(io.thread.get());
        // Sockets and their notifiers belong to the thread that makes them: make them there.
        bool adopted = true;
        QMetaObject::invokeMethod(
            io.anchor,
            [this, &io, &pair, &adopted] {
                for (int c = 0; c < 2; ++c) {
                    if (pair[size_t(c)] < 0)
                        continue; // a cluster hosted by another process
                    auto *tcp = new QTcpServer;
                    adopted = tcp->setSocketDescriptor(pair[size_t(c)]) && adopted;
                    auto *server = new ClusterServer(c, d->handler, d->webSocket, d->accepting);
                    server->bind(tcp); // takes ownership
                    io.servers.push_back(server);
                }
            },
            Qt::BlockingQueuedConnection);
        d->io.push_back(std::move(io));
        if (!adopted) {
            close();
            return QStringLiteral("cannot serve on %1: the listening socket was refused")
                .arg(address.toString());
        }
    }
    return {};
}

quint16 HttpFrontend::port(int cluster) const
{
    return d->ports[size_t(cluster)];
}

void HttpFrontend::stopAccepting()
{
    d->accepting.store(false);
    for (Private::IoThread &io : d->io)
        QMetaObject::invokeMethod(
            io.anchor,
            [&io] {
                for (ClusterServer *server : io.servers)
                    for (QTcpServer *tcp : server->servers())
                        tcp->pauseAccepting();
            },
            Qt::BlockingQueuedConnection);
}

void HttpFrontend::close()
{
    d->accepting.store(false);
    for (Private::IoThread &io : d->io) {
        QMetaObject::invokeMethod(
            io.anchor,
            [&io] {
                QCoreApplication::sendPostedEvents(); // answers posted by workers
                for (ClusterServer *server : io.servers) {
                    server->flushAll();
                    delete server; // and its listening socket and connections
                }
                io.servers.clear();
                io.anchor->deleteLater(); // when the thread finishes
            },
            Qt::BlockingQueuedConnection);
        io.thread->quit();
        io.thread->wait();
    }
    d->io.clear();
}

} // namespace idem
