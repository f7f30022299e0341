#include "protocol/claimhandler.h"

#include "model/node.h"
#include "protocol/fingerprint.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace idem {

namespace {
const QString paymentsPath = QStringLiteral("/payments");
const QString created = QStringLiteral("CREATED");
const QString consumed = QStringLiteral("CONSUMED");
} // namespace

struct ClaimHandler::Exchange
{
    HandlerContext ctx;
    PaymentRequest request;
    QString fingerprint;
    Reply reply;
    bool lockHeld = false;
    bool cacheClaimed = false;
    bool answered = false;
};

QString ClaimHandler::reason(int status)
{
    switch (status) {
    case 200:
        return QStringLiteral("OK");
    case 201:
        return QStringLiteral("Created");
    case 204:
        return QStringLiteral("No Content");
    case 400:
        return QStringLiteral("Bad Request");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 409:
        return QStringLiteral("Conflict");
    case 413:
        return QStringLiteral("Content Too Large");
    case 422:
        return QStringLiteral("Unprocessable Content");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 503:
        return QStringLiteral("Service Unavailable");
    default:
        return QString();
    }
}

HttpResponse ClaimHandler::problem(int status, const QString &title, const QString &detail)
{
    HttpResponse r;
    r.status = status;
    r.contentType = "application/problem+json";
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("about:blank")},
                  {QStringLiteral("title"), title},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("detail"), detail}};
    r.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return r;
}

QString ClaimHandler::keyProblem(const PaymentRequest &request)
{
    if (!request.hasKey)
        return QStringLiteral("no Idempotency-Key header");
    if (request.key.isEmpty())
        return QStringLiteral("the Idempotency-Key header is empty");
    if (request.key.size() > 255)
        return QStringLiteral("the Idempotency-Key is %1 characters long (at most 255)")
            .arg(request.key.size());
    for (const QChar c : request.key)
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return QStringLiteral("the Idempotency-Key has a character that is not printable "
                                  "ASCII (U+%1)")
                .arg(c.unicode(), 4, 16, QLatin1Char('0'));
    return {};
}

void ClaimHandler::handle(const HandlerContext &ctx, const PaymentRequest &request, Reply reply)
{
    auto x = std::make_shared<Exchange>();
    x->ctx = ctx;
    x->request = request;
    x->reply = std::move(reply);

    const QString problemText = keyProblem(request);
    if (!problemText.isEmpty()) {
        m_rt.note(ctx, EventType::Validate, problemText + QStringLiteral(" — rejected"), 400);
        finish(x,
               problem(400, QStringLiteral("Missing or invalid Idempotency-Key"),
                       problemText + QStringLiteral("; send a unique key (a UUID) with "
                                                    "every POST /payments")),
               QStringLiteral("answers 400 Bad Request: nothing was written"));
        return;
    }
    x->fingerprint =
        requestFingerprint(QStringLiteral("POST"), paymentsPath, canonicalBody(request.body));
    m_rt.note(ctx, EventType::Validate,
              QString(QLatin1String("POST /payments with key ") % ctx.label %
                      QStringLiteral(" — header valid")));
    if (m_rt.settings().cache)
        claimInCache(x);
    else
        claimInDb(x);
}

void ClaimHandler::claimInCache(const ExchangePtr &x)
{
    CacheCommand cmd;
    cmd.op = CacheOp::ClaimNx;
    cmd.key = x->ctx.key;
    cmd.fingerprint = x->fingerprint;
    cmd.origin = x->ctx.cluster;
    cmd.ttlUs = m_rt.settings().cacheTtlUs;
    m_rt.cache(x->ctx, cmd, [this, x](const CacheResult &r) {
        if (r.done) {
            x->cacheClaimed = true;
            claimInDb(x);
            return;
        }
        answerExisting(x, r.entry.status, r.entry.fingerprint, r.entry.responseCode,
                       r.entry.responseBody, QStringLiteral("the shared cache"));
    });
}

void ClaimHandler::claimInDb(const ExchangePtr &x)
{
    auto lookup = [this, x] {
        DbCommand cmd;
        cmd.op = DbOp::Lookup;
        cmd.key = x->ctx.key;
        m_rt.db(x->ctx, cmd, [this, x](const DbResult &r) {
            if (!r.ok()) {
                releaseLock(x);
                finish(x, problem(500, QStringLiteral("Database error"), r.error),
                       QStringLiteral("answers 500: the lookup failed"));
                return;
            }
            if (r.found) {
                releaseLock(x);
                answerExisting(x, r.row.status, r.row.fingerprint, r.row.responseCode,
                               r.row.responseBody,
                               QStringLiteral("DB ") + clusterName(x->ctx.cluster));
                return;
            }
            insertClaim(x);
        });
    };
    if (!m_rt.settings().mutex) {
        lookup();
        return;
    }
    m_rt.lock(x->ctx, [x, lookup] {
        x->lockHeld = true;
        lookup();
    });
}

void ClaimHandler::insertClaim(const ExchangePtr &x)
{
    DbCommand cmd;
    // Under the lock nobody else of this cluster can insert meanwhile, so a plain
    // insert-if-absent is enough; without it the naive code just writes its row.
    cmd.op = x->lockHeld ? DbOp::Claim : DbOp::Overwrite;
    cmd.key = x->ctx.key;
    cmd.fingerprint = x->fingerprint;
    cmd.origin = x->ctx.cluster;
    m_rt.db(x->ctx, cmd, [this, x](const DbResult &r) {
        releaseLock(x);
        if (!r.ok()) {
            finish(x, problem(500, QStringLiteral("Database error"), r.error),
                   QStringLiteral("answers 500: the claim failed"));
            return;
        }
        if (!r.changed) {
            // Only replication can insert the key between lookup and insert under the lock.
            HttpResponse resp = problem(409, QStringLiteral("Request in progress"),
                                        QStringLiteral("the key was claimed concurrently"));
            resp.addHeader("Retry-After", "1");
            finish(x, resp,
                   QStringLiteral("answers 409 Conflict: %1 arrived by replication meanwhile")
                       .arg(x->ctx.label));
            return;
        }
        execute(x);
    });
}

void ClaimHandler::answerExisting(const ExchangePtr &x, const QString &status,
                                  const QString &fingerprint, int responseCode,
                                  const QString &responseBody, const QString &where)
{
    const QString &label = x->ctx.label;
    if (fingerprint != x->fingerprint) {
        finish(x,
               problem(422, QStringLiteral("Idempotency-Key reused with a different request"),
                       QStringLiteral("this key was first used with another body; use a new "
                                      "key for a new payment")),
               QStringLiteral("%1 has key %2 for a different body — 422 Unprocessable Content")
                   .arg(where, label));
        return;
    }
    if (status == consumed) {
        if (x->cacheClaimed) {
            // The cache had forgotten the key (TTL): teach it the stored answer again.
            CacheCommand cmd;
            cmd.op = CacheOp::Finish;
            cmd.key = x->ctx.key;
            cmd.origin = x->ctx.cluster;
            cmd.responseCode = responseCode;
            cmd.responseBody = responseBody;
            cmd.ttlUs = m_rt.settings().cacheTtlUs;
            m_rt.cache(x->ctx, cmd, [](const CacheResult &) {});
        }
        HttpResponse resp;
        resp.body = responseBody.toUtf8();
        if (m_rt.settings().replay == ReplayMode::Original) {
            resp.status = responseCode;
            resp.addHeader("Idempotent-Replayed", "true");
        } else {
            resp.status = 200;
        }
        finish(x, resp,
               QStringLiteral("%1 says %2 is CONSUMED — replays the stored response (%3 %4)")
                   .arg(where, label)
                   .arg(resp.status)
                   .arg(reason(resp.status)));
        return;
    }
    HttpResponse resp = problem(409, QStringLiteral("Request in progress"),
                                QStringLiteral("a request with this key is still being "
                                               "processed; retry later"));
    resp.addHeader("Retry-After", "1");
    finish(
        x, resp,
        QStringLiteral("%1 says %2 is CREATED (still running) — 409 Conflict").arg(where, label));
}

void ClaimHandler::execute(const ExchangePtr &x)
{
    const qint64 opUs = m_rt.settings().opUs;
    m_rt.note(x->ctx, EventType::OpStart,
              QStringLiteral("claimed %1 — charging %2 %3→%4 (%5 ms)")
                  .arg(x->ctx.label, QString::number(x->request.body.amount), x->request.body.from,
                       x->request.body.to, QString::number(double(opUs) / 1000.0)));
    m_rt.after(x->ctx, opUs, [this, x] {
        DbCommand cmd;
        cmd.op = DbOp::Charge;
        cmd.key = x->ctx.key;
        cmd.origin = x->ctx.cluster;
        cmd.body = x->request.body;
        m_rt.db(x->ctx, cmd, [this, x](const DbResult &r) {
            if (!r.ok()) {
                finish(x, problem(500, QStringLiteral("Database error"), r.error),
                       QStringLiteral("answers 500: the charge failed; %1 stays CREATED")
                           .arg(x->ctx.label));
                return;
            }
            m_rt.note(
                x->ctx, EventType::OpEnd,
                QStringLiteral("charge done: ledger row %1 for %2").arg(r.ledger.id, x->ctx.label));
            consume(x, r.ledger);
        });
    });
}

void ClaimHandler::consume(const ExchangePtr &x, const LedgerRow &charge)
{
    const PaymentBody &b = x->request.body;
    const QByteArray body = "{\"paymentId\":" + jsonQuoted(charge.id) +
                            ",\"status\":\"charged\",\"amount\":" + QByteArray::number(b.amount) +
                            ",\"from\":" + jsonQuoted(b.from) + ",\"to\":" + jsonQuoted(b.to) + '}';
    const QByteArray location = "/payments/" + charge.id.toUtf8();
    DbCommand cmd;
    cmd.op = DbOp::Consume;
    cmd.key = x->ctx.key;
    cmd.origin = x->ctx.cluster;
    cmd.responseCode = 201;
    cmd.responseBody = QString::fromUtf8(body);
    m_rt.db(x->ctx, cmd, [this, x, body, location](const DbResult &r) {
        auto answer = [this, x, body, location] {
            HttpResponse resp;
            resp.status = 201;
            resp.body = body;
            resp.addHeader("Location", location);
            finish(x, resp,
                   QStringLiteral("%1 is CONSUMED — answers 201 Created").arg(x->ctx.label));
        };
        if (!r.ok()) {
            finish(
                x, problem(500, QStringLiteral("Database error"), r.error),
                QStringLiteral("answers 500: consume failed; %1 stays CREATED").arg(x->ctx.label));
            return;
        }
        if (!x->cacheClaimed) {
            answer();
            return;
        }
        CacheCommand cc;
        cc.op = CacheOp::Finish;
        cc.key = x->ctx.key;
        cc.origin = x->ctx.cluster;
        cc.responseCode = 201;
        cc.responseBody = QString::fromUtf8(body);
        cc.ttlUs = m_rt.settings().cacheTtlUs;
        m_rt.cache(x->ctx, cc, [answer](const CacheResult &) { answer(); });
    });
}

void ClaimHandler::releaseLock(const ExchangePtr &x)
{
    if (!x->lockHeld)
        return;
    x->lockHeld = false;
    m_rt.unlock(x->ctx);
}

void ClaimHandler::finish(const ExchangePtr &x, const HttpResponse &response,
                          const QString &sentence)
{
    if (x->answered)
        return;
    x->answered = true;
    m_rt.note(x->ctx, EventType::Respond, sentence, response.status);
    x->reply(response);
}

} // namespace idem
