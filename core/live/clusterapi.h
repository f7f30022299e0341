#pragma once

#include "live/liveruntime.h"
#include "protocol/claimhandler.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace idem {

/// An HTTP request as the cluster API sees it, copied out of the HTTP server's own object
/// (so that this file does not depend on the HTTP library).
struct HttpCall
{
    QByteArray method;                 ///< "GET", "POST", ...
    QString path;                      ///< decoded, without the query
    QString query;                     ///< what follows '?', still percent-encoded
    QList<QByteArray> idempotencyKeys; ///< every Idempotency-Key header value, as sent
    QByteArray origin;                 ///< the Origin header (a browser page's), or empty
    QByteArray body;
};

/// The HTTP API of one cluster (DESIGN.md, "HTTP (live mode)"), independent of the HTTP
/// library: `POST /payments` through the ClaimHandler, `GET /ledger[?key=K]`, `GET /health`,
/// `POST /replication` (only when the other cluster is a peer process), CORS preflights, and RFC
/// 9457 problems for everything else (400, 404, 405 with Allow, 413). Bad input never reaches the
/// handler, so it never uses up a key.
class ClusterApi
{
public:
    /// The largest `POST /payments` body accepted; a larger one gets 413.
    static constexpr qsizetype maxBodyBytes = 64 * 1024;

    /// `allowedOrigins`: the web origins ("http://host:port") whose pages may read the
    /// answers (CORS); a server that moves money allows no other, and never "*".
    explicit ClusterApi(LiveRuntime &runtime, QList<QByteArray> allowedOrigins = {})
        : m_rt(runtime), m_handler(runtime), m_allowedOrigins(std::move(allowedOrigins))
    {}

    /// Gets the response to a call; runs exactly once.
    using Reply = std::function<void(const HttpResponse &)>;
    /// Serves `call` at `cluster` on this thread and gives `reply` the response. Thread-safe; a
    /// `POST /payments` may sleep (operation time, DB and cache latency, lock waits), and with
    /// LiveRuntime::queueWrites() it is answered later, on the DB writer's thread; every other
    /// call is answered before serve() returns.
    void serve(int cluster, const HttpCall &call, Reply reply);
    /// True for the calls that may sleep: the caller should run them on a worker thread.
    [[nodiscard]] static bool mayBlock(const HttpCall &call);

    /// The stored key of an Idempotency-Key value: `abc`, or the draft standard's
    /// structured-field string `"abc"` (the same key). nullopt and `problem` if malformed.
    [[nodiscard]] static std::optional<QString> headerKey(const QByteArray &value,
                                                          QString *problem);

private:
    void payments(int cluster, const HttpCall &call, Reply reply);
    HttpResponse ledger(int cluster, const HttpCall &call);
    HttpResponse health(int cluster);
    /// `POST /replication` (peer mode): a batch of the peer process's rows.
    HttpResponse replication(int cluster, const HttpCall &call);
    /// Records and answers a `POST /payments` refused before the handler ran.
    HttpResponse refuse(const HandlerContext &ctx, const HttpResponse &response,
                        const QString &sentence);
    /// Logs the response going back to the client and ends the attempt.
    void answered(const HandlerContext &ctx, int status);

    /// The CORS headers of an answer to a page of `origin`: none unless it is allowed.
    void addCors(HttpResponse &r, const QByteArray &origin) const;

    LiveRuntime &m_rt;
    ClaimHandler m_handler;
    const QList<QByteArray> m_allowedOrigins;
};

} // namespace idem
