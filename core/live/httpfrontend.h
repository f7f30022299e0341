#pragma once

#include "live/clusterapi.h"
#include "protocol/claimhandler.h"

#include <QHostAddress>

#include <array>
#include <functional>
#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace idem {

/// The HTTP side of live mode and the only code that knows QtHttpServer, whose API changes
/// in later Qt versions (6.5 responders, 6.8 bind()): the listening sockets of both
/// clusters (which also upgrade `GET /events` to the event stream's WebSocket), the I/O threads
/// that parse requests, and responses written back in request order on each connection (HTTP/1.1
/// pipelining), HEAD without a body, `Connection: close` honoured.
///
/// Each I/O thread has a listening socket on each cluster's port (SO_REUSEPORT: the kernel
/// spreads connections over the threads), so parsing uses every core.
class HttpFrontend
{
public:
    /// Gives the response to a request; call it exactly once, from any thread, before
    /// close() (the session drains its workers first).
    using Respond = std::function<void(const HttpResponse &)>;
    /// Called on an I/O thread for each request to `cluster`.
    using Handler = std::function<void(int cluster, HttpCall &&call, Respond respond)>;

    /// Called on an I/O thread with a socket upgraded on `GET /events` of `cluster` (an
    /// upgrade on another path is answered 404, and closed).
    using WebSocketHandler = std::function<void(int cluster, std::unique_ptr<QWebSocket> socket)>;

    explicit HttpFrontend(Handler handler);
    ~HttpFrontend();
    HttpFrontend(const HttpFrontend &) = delete;
    HttpFrontend &operator=(const HttpFrontend &) = delete;

    /// Where event-stream sockets go; set before listen(). Without one, upgrades are refused.
    void setWebSocketHandler(WebSocketHandler handler);
    /// Listens on `address`, port `ports[c]` for cluster c (0 = any free port), with
    /// `ioThreads` threads; an error line on failure ("port 8081 is in use ..."). Only the
    /// clusters in `hosted` listen (serve --cluster hosts one).
    [[nodiscard]] std::optional<QString> listen(const QHostAddress &address,
                                                std::array<quint16, 2> ports, int ioThreads,
                                                std::array<bool, 2> hosted = {true, true});
    /// The port cluster `cluster` listens on (after listen()).
    [[nodiscard]] quint16 port(int cluster) const;
    /// Stops accepting connections and answers new requests with 503 without calling the
    /// handler (the first step of a shutdown).
    void stopAccepting();
    /// Writes the responses already given, closes every connection and ends the I/O threads.
    void close();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace idem
