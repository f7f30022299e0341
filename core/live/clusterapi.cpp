#include "live/clusterapi.h"

#include "live/replicationbatch.h"
#include "protocol/paymentbody.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace idem {

namespace {

using L1 = QLatin1String;

const QString paymentsPath = QStringLiteral("/payments");
const QString ledgerPath = QStringLiteral("/ledger");
const QString healthPath = QStringLiteral("/health");
const QString replicationPath = QStringLiteral("/replication");

HttpResponse json(int status, const QJsonObject &o)
{
    HttpResponse r;
    r.status = status;
    r.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return r;
}

HttpResponse preflight(const QByteArray &allow)
{
    HttpResponse r;
    r.status = 204;
    r.contentType.clear();
    r.addHeader("Allow", allow);
    r.addHeader("Access-Control-Allow-Methods", allow);
    r.addHeader("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key");
    r.addHeader("Access-Control-Max-Age", "600");
    return r;
}

HttpResponse notAllowed(const QString &path, const QByteArray &method, const QByteArray &allow)
{
    HttpResponse r = ClaimHandler::problem(
        405, QStringLiteral("Method not allowed"),
        QStringLiteral("%1 takes %2, not %3")
            .arg(path, QString::fromLatin1(allow), QString::fromLatin1(method)));
    r.addHeader("Allow", allow);
    return r;
}

HttpResponse invalidKey(const QString &detail)
{
    return ClaimHandler::problem(400, QStringLiteral("Missing or invalid Idempotency-Key"), detail);
}

// The parts of an RFC 8941 sf-string: printable ASCII between quotes, with \" and \\.
std::optional<QString> unquote(const QByteArray &v, QString *problem)
{
    QString key;
    key.reserve(v.size());
    for (qsizetype i = 1; i < v.size(); ++i) {
        const char c = v[i];
        if (c == '"') {
            if (i + 1 != v.size()) {
                *problem = QStringLiteral("the quoted Idempotency-Key has text after its "
                                          "closing quote");
                return std::nullopt;
            }
            return key;
        }
        if (c == '\\') {
            if (++i == v.size() || (v[i] != '"' && v[i] != '\\')) {
                *problem = QStringLiteral("in a quoted Idempotency-Key a backslash may only "
                                          "escape \" or \\");
                return std::nullopt;
            }
            key.append(QLatin1Char(v[i]));
            continue;
        }
        if (uchar(c) < 0x20 || uchar(c) > 0x7e) {
            *problem = QStringLiteral("the Idempotency-Key has a character that is not "
                                      "printable ASCII (U+%1)")
                           .arg(uchar(c), 4, 16, QLatin1Char('0'));
            return std::nullopt;
        }
        key.append(QLatin1Char(c));
    }
    *problem = QStringLiteral("the quoted Idempotency-Key has no closing quote");
    return std::nullopt;
}

// The handler answers a fresh payment 201 and replays a finished one as 200 (replay = seed)
// or as its stored 201 with the header (replay = original). Over HTTP a client must be able
// to tell a replay from a new charge either way, as Stripe's clients read the same header.
void markReplay(HttpResponse &r)
{
    static const QByteArray replayed = "Idempotent-Replayed";
    if (r.status != 200)
        return;
    for (const auto &h : r.headers)
        if (h.first.compare(replayed, Qt::CaseInsensitive) == 0)
            return;
    r.addHeader(replayed, "true");
}

QString requestName(int request)
{
    return request < 0 ? QStringLiteral("H?") : QStringLiteral("H%1").arg(request + 1);
}

} // namespace

bool ClusterApi::mayBlock(const HttpCall &call)
{
    return call.method == "POST" && call.path == paymentsPath;
}

std::optional<QString> ClusterApi::headerKey(const QByteArray &value, QString *problem)
{
    // A field value never starts or ends with whitespace (RFC 9110, 5.5).
    const QByteArray v = value.trimmed();
    if (v.startsWith('"'))
        return unquote(v, problem);
    return QString::fromLatin1(v); // checked by the handler, as in the simulation
}

void ClusterApi::serve(int cluster, const HttpCall &call, Reply reply)
{
    const QByteArray &m = call.method;
    if (call.path == paymentsPath && m == "POST") {
        payments(cluster, call,
                 [this, origin = call.origin, reply = std::move(reply)](const HttpResponse &given) {
                     HttpResponse r = given;
                     addCors(r, origin);
                     reply(r);
                 });
        return;
    }
    HttpResponse r;
    if (call.path == paymentsPath) {
        static const QByteArray allow = "POST, OPTIONS";
        r = m == "OPTIONS" ? preflight(allow) : notAllowed(call.path, m, allow);
    } else if (call.path == ledgerPath || call.path == healthPath) {
        static const QByteArray allow = "GET, HEAD, OPTIONS";
        const bool get = m == "GET" || m == "HEAD"; // the transport drops a HEAD's body
        r = !get ? (m == "OPTIONS" ? preflight(allow) : notAllowed(call.path, m, allow))
            : call.path == ledgerPath ? ledger(cluster, call)
                                      : health(cluster);
    } else if (call.path == replicationPath && m_rt.peerMode()) {
        static const QByteArray allow = "POST";
        r = m == "POST" ? replication(cluster, call) : notAllowed(call.path, m, allow);
    } else {
        r = ClaimHandler::problem(404, QStringLiteral("Not found"),
                                  QStringLiteral("nothing at %1; cluster %2 serves POST "
                                                 "/payments, GET /ledger and GET /health")
                                      .arg(call.path, clusterName(cluster)));
    }
    addCors(r, call.origin);
    reply(r);
}

// A page of an origin the user named (--allow-origin) may read the answers (a class's browser
// fetch); any other page gets no CORS header, so the browser keeps the answer from it.
void ClusterApi::addCors(HttpResponse &r, const QByteArray &origin) const
{
    r.addHeader("Vary", "Origin");
    if (origin.isEmpty() || !m_allowedOrigins.contains(origin))
        return;
    r.addHeader("Access-Control-Allow-Origin", origin);
    r.addHeader("Access-Control-Expose-Headers", "Location, Retry-After, Idempotent-Replayed");
}

void ClusterApi::payments(int cluster, const HttpCall &call, Reply reply)
{
    const LiveTopology &top = m_rt.topology();
    PaymentRequest request;
    request.hasKey = !call.idempotencyKeys.isEmpty();
    QString keyProblem;
    std::optional<QString> key;
    if (call.idempotencyKeys.size() > 1)
        keyProblem = QStringLiteral("%1 Idempotency-Key headers; send exactly one")
                         .arg(call.idempotencyKeys.size());
    else if (request.hasKey)
        key = headerKey(call.idempotencyKeys.constFirst(), &keyProblem);
    if (key)
        request.key = *key;

    HandlerContext ctx;
    ctx.exchange = m_rt.nextExchange();
    ctx.cluster = cluster;
    ctx.server = top.server[size_t(cluster)];
    ctx.serverName = m_rt.nodeName(ctx.server);
    ctx.key = request.key;
    ctx.label = request.key.isEmpty() ? QString() : m_rt.recorder().labelOf(request.key);

    QString bodyError;
    if (call.body.size() <= maxBodyBytes) {
        PaymentBodyLoad load = PaymentBodyReader::fromJson(call.body);
        if (load.body)
            request.body = *load.body;
        bodyError = load.error;
    }

    LiveRecorder &rec = m_rt.recorder();
    if (rec.recording()) {
        // The request is logged once its body is read, so its caption can say what it is.
        Attempt a;
        a.client = 0;
        a.clientNode = top.client;
        a.key = ctx.label;
        a.rawKey = request.key;
        a.cluster = cluster;
        a.serverNode = ctx.server;
        a.sentUs = m_rt.sessionUs();
        a.body = request.body;
        ctx.request = rec.beginAttempt(a);
        const QString keyText = !request.hasKey       ? QStringLiteral("no key")
                                : ctx.label.isEmpty() ? QStringLiteral("an empty key")
                                                      : QString(L1("key ") % ctx.label);
        const QString what =
            bodyError.isEmpty() ? QString(QString::number(request.body.amount) % QLatin1Char(' ') %
                                          request.body.from % QStringLiteral("→") % request.body.to)
                                : QStringLiteral("a body that is not a valid payment");
        m_rt.message(top.client, ctx.server, ctx.request, ctx.label, 0,
                     ctx.label.isEmpty() ? QStringLiteral("POST (no key)")
                                         : QString(L1("POST ") % ctx.label),
                     m_rt.nodeName(top.client) % L1(" sends POST /payments ") %
                         requestName(ctx.request) % L1(" to ") % m_rt.nodeName(ctx.server) %
                         L1(" (") % keyText % L1(", ") % what % QLatin1Char(')'));
    }

    if (call.body.size() > maxBodyBytes) {
        reply(refuse(ctx,
                     ClaimHandler::problem(413, QStringLiteral("Request body too large"),
                                           QStringLiteral("the body is %1 bytes; POST /payments "
                                                          "takes at most %2")
                                               .arg(call.body.size())
                                               .arg(maxBodyBytes)),
                     QStringLiteral("the body is over 64 KiB — answers 413: nothing was "
                                    "written")));
        return;
    }
    if (!keyProblem.isEmpty()) {
        reply(refuse(ctx,
                     invalidKey(keyProblem + QStringLiteral("; send one unique key (a UUID) "
                                                            "with every POST /payments")),
                     keyProblem + QStringLiteral(" — answers 400: nothing was written")));
        return;
    }
    if (!bodyError.isEmpty()) {
        reply(
            refuse(ctx,
                   ClaimHandler::problem(400, QStringLiteral("Malformed payment"),
                                         bodyError + QStringLiteral(R"(; send a JSON object like )"
                                                                    R"({"from":"A","to":"B",)"
                                                                    R"("amount":10})")),
                   QStringLiteral("the body is not a valid payment (%1) — answers 400: the "
                                  "key is not used")
                       .arg(bodyError)));
        return;
    }

    // The handler answers exactly once: before handle() returns, or later from the DB
    // writer's thread (LiveRuntime::queueWrites()).
    m_handler.handle(ctx, request, [this, ctx, reply = std::move(reply)](const HttpResponse &r) {
        HttpResponse response = r;
        markReplay(response);
        answered(ctx, response.status);
        reply(response);
    });
}

HttpResponse ClusterApi::refuse(const HandlerContext &ctx, const HttpResponse &response,
                                const QString &sentence)
{
    m_rt.note(ctx, EventType::Respond, sentence, response.status);
    answered(ctx, response.status);
    return response;
}

void ClusterApi::answered(const HandlerContext &ctx, int status)
{
    LiveRecorder &rec = m_rt.recorder();
    if (!rec.recording())
        return;
    const int client = m_rt.topology().client;
    const QString label = ctx.label.isEmpty()
                              ? QString::number(status)
                              : QString(QString::number(status) % QLatin1Char(' ') % ctx.label);
    m_rt.message(ctx.server, client, ctx.request, ctx.label, status, label,
                 m_rt.nodeName(ctx.server) % L1(" sends ") % QString::number(status) %
                     QLatin1Char(' ') % ClaimHandler::reason(status) % L1(" back to ") %
                     m_rt.nodeName(client));
    rec.endAttempt(ctx.request, status);
}

HttpResponse ClusterApi::ledger(int cluster, const HttpCall &call)
{
    const QUrlQuery query(call.query);
    QString key;
    if (query.hasQueryItem(QStringLiteral("key"))) {
        const QString given = query.queryItemValue(QStringLiteral("key"), QUrl::FullyDecoded);
        QString problem;
        const auto stored = headerKey(given.toLatin1(), &problem);
        if (!stored)
            return ClaimHandler::problem(400, QStringLiteral("Invalid key"), problem);
        if (stored->isEmpty())
            return ClaimHandler::problem(400, QStringLiteral("Invalid key"),
                                         QStringLiteral("?key= needs a key: /ledger?key=abc"));
        key = *stored;
    }
    const auto totals = m_rt.ledgerTotals(cluster, key);
    if (!totals)
        return ClaimHandler::problem(503, QStringLiteral("Database unavailable"),
                                     QStringLiteral("cannot open DB %1").arg(clusterName(cluster)));
    QJsonObject o{{QStringLiteral("cluster"), clusterName(cluster)},
                  {QStringLiteral("count"), totals->count},
                  {QStringLiteral("amount"), totals->amount}};
    if (!key.isEmpty())
        o.insert(QStringLiteral("key"), key);
    return json(200, o);
}

HttpResponse ClusterApi::health(int cluster)
{
    QJsonObject o{{QStringLiteral("status"), QStringLiteral("ok")},
                  {QStringLiteral("cluster"), clusterName(cluster)},
                  {QStringLiteral("settings"), m_rt.settings().toJson()}};
    if (const PeerLink *link = m_rt.peerLink())
        o.insert(QStringLiteral("replication"),
                 QJsonObject{{QStringLiteral("peer"), link->peer().toString()},
                             {QStringLiteral("peerReachable"),
                              link->reachable() ? QJsonValue(*link->reachable()) : QJsonValue()},
                             {QStringLiteral("backlog"), m_rt.outboxBacklog(cluster)}});
    return json(200, o);
}

HttpResponse ClusterApi::replication(int cluster, const HttpCall &call)
{
    auto refused = [](const QString &detail) {
        return ClaimHandler::problem(400, QStringLiteral("Malformed replication batch"),
                                     detail + QStringLiteral("; nothing was applied"));
    };
    if (call.body.size() > ReplicationBatch::maxBytes)
        return ClaimHandler::problem(413, QStringLiteral("Request body too large"),
                                     QStringLiteral("the batch is %1 bytes; POST /replication "
                                                    "takes at most %2; nothing was applied")
                                         .arg(call.body.size())
                                         .arg(ReplicationBatch::maxBytes));
    const ReplicationBatchLoad load = ReplicationBatchReader::fromJson(call.body);
    if (!load.batch)
        return refused(load.error);
    if (load.batch->from == cluster)
        return refused(QStringLiteral("the batch is from cluster %1, this cluster itself; a "
                                      "cluster takes rows from its peer only (is --peer "
                                      "pointing at the process itself?)")
                           .arg(clusterName(cluster)));
    const LiveRuntime::PeerApplied applied = m_rt.applyPeerBatch(*load.batch);
    if (!applied.error.isEmpty())
        return ClaimHandler::problem(503, QStringLiteral("Database unavailable"),
                                     applied.error + QStringLiteral("; nothing was applied"));
    return json(200, QJsonObject{{QStringLiteral("cluster"), clusterName(cluster)},
                                 {QStringLiteral("rows"), load.batch->rows.size()},
                                 {QStringLiteral("applied"), applied.applied}});
}

} // namespace idem
