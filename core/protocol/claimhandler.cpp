#include "protocol/claimhandler.h"

#include "model/node.h"
#include "protocol/claimexchange.h"
#include "protocol/fingerprint.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace idem {

namespace {
const QString paymentsPath = QStringLiteral("/payments");
const QString created = QStringLiteral("CREATED");
const QString consumed = QStringLiteral("CONSUMED");
} // namespace

// The Respond event's state for a replay, followed by the client whose result it was.
const QString ClaimHandler::replayedState = QStringLiteral("REPLAYED:");
const QString ClaimHandler::fencedState = QStringLiteral("FENCED");

namespace {} // namespace

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
    case 502:
        return QStringLiteral("Bad Gateway");
    case 504:
        return QStringLiteral("Gateway Timeout");
    case 402:
        return QStringLiteral("Payment Required");
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
    if (m_rt.settings().keyScope == KeyScope::Client)
        x->scope = ctx.client;
    // A newline cannot be part of a key (printable ASCII only): the scope cannot leak into it.
    x->cacheKey = x->scope.isEmpty() ? ctx.key : x->scope + QLatin1Char('\n') + ctx.key;
    m_rt.note(ctx, EventType::Validate,
              QString(QLatin1String("POST /payments with key ") % ctx.label %
                      QStringLiteral(" — header valid")));
    if (m_rt.settings().cache)
        claimInCache(x);
    else
        claimInDb(x);
}

bool ClaimHandler::leaseOver(qint64 claimedUs) const
{
    const qint64 lease = m_rt.settings().leaseUs;
    return lease > 0 && m_rt.nowUs() - claimedUs > lease;
}

QString ClaimHandler::leaseSentence(const ExchangePtr &x, qint64 claimedUs, const QString &holder,
                                    int nextGeneration) const
{
    return QStringLiteral("%1 was claimed %2 ago by %3, longer than the %4 lease — taking it "
                          "over (generation %5)")
        .arg(x->ctx.label, seconds(m_rt.nowUs() - claimedUs),
             holder.isEmpty() ? QStringLiteral("another server") : holder,
             seconds(m_rt.settings().leaseUs))
        .arg(nextGeneration);
}

QString ClaimHandler::seconds(qint64 us)
{
    return QString::number(double(us) / 1e6, 'f', 1) + QStringLiteral(" s");
}

void ClaimHandler::claimInCache(const ExchangePtr &x)
{
    CacheCommand cmd;
    cmd.op = CacheOp::ClaimNx;
    cmd.key = x->cacheKey;
    cmd.fingerprint = x->fingerprint;
    cmd.origin = x->ctx.cluster;
    cmd.client = x->ctx.client;
    cmd.ttlUs = m_rt.settings().cacheTtlUs;
    m_rt.cache(x->ctx, cmd, [this, x](const CacheResult &r) {
        if (r.unreachable) {
            cacheUnreachable(x);
            return;
        }
        if (r.done) {
            x->cacheClaimed = true;
            claimInDb(x);
            return;
        }
        if (r.entry.status == created && r.entry.fingerprint == x->fingerprint &&
            leaseOver(r.entry.claimedUs)) {
            if (r.entry.origin == x->ctx.cluster) {
                // The cache's claim is as stale as this cluster's DB row: the DB's generation
                // decides (a holder that died after CONSUMED left it there).
                m_rt.note(x->ctx, EventType::Validate,
                          QStringLiteral("the cache's claim on %1 is older than the lease — "
                                         "checking the DB's claim to take it over")
                              .arg(x->ctx.label));
                x->cacheClaimed = true;
                claimInDb(x);
                return;
            }
            // Only the claiming cluster's DB knows whether its holder charged before it died;
            // this cluster cannot tell, so it must not charge.
            conflict(x, QStringLiteral("the key is claimed by another cluster"),
                     QStringLiteral("the cache's claim on %1 is older than the lease, but it is "
                                    "cluster %2's: only DB %2 can tell whether it was charged — "
                                    "409 Conflict")
                         .arg(x->ctx.label, clusterName(r.entry.origin)));
            return;
        }
        answerExisting(x, r.entry.status, r.entry.fingerprint, r.entry.responseCode,
                       r.entry.responseBody, r.entry.client, QStringLiteral("the shared cache"));
    });
}

void ClaimHandler::cacheUnreachable(const ExchangePtr &x)
{
    if (m_rt.settings().cacheFailure == CacheFailure::Open) {
        m_rt.note(x->ctx, EventType::Fault,
                  QStringLiteral("the shared cache does not answer — falling back to DB %1 "
                                 "alone (fail open: a duplicate sent to the other cluster will "
                                 "not be seen)")
                      .arg(clusterName(x->ctx.cluster)));
        claimInDb(x);
        return;
    }
    HttpResponse resp = problem(503, QStringLiteral("Idempotency store unavailable"),
                                QStringLiteral("the shared cache cannot be reached; retry later"));
    resp.addHeader("Retry-After", "1");
    finish(x, resp,
           QStringLiteral("the shared cache does not answer — 503 Service Unavailable (fail "
                          "closed: without the cache a duplicate on the other cluster could "
                          "not be seen)"));
}

void ClaimHandler::claimInDb(const ExchangePtr &x)
{
    auto lookup = [this, x] {
        DbCommand cmd = command(x, DbOp::Lookup);
        m_rt.db(x->ctx, cmd, [this, x](const DbResult &r) {
            if (!r.ok()) {
                releaseLock(x);
                finish(x, problem(500, QStringLiteral("Database error"), r.error),
                       QStringLiteral("answers 500: the lookup failed"));
                return;
            }
            if (r.found) {
                if (r.row.status == created && r.row.fingerprint == x->fingerprint &&
                    leaseOver(r.row.claimedUs)) {
                    takeOver(x, r.row);
                    return;
                }
                releaseLock(x);
                answerExisting(x, r.row.status, r.row.fingerprint, r.row.responseCode,
                               r.row.responseBody, r.row.client,
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

DbCommand ClaimHandler::command(const ExchangePtr &x, DbOp op) const
{
    DbCommand cmd;
    cmd.op = op;
    cmd.key = x->ctx.key;
    cmd.scope = x->scope;
    cmd.origin = x->ctx.cluster;
    cmd.fingerprint = x->fingerprint;
    cmd.client = x->ctx.client;
    cmd.holder = x->ctx.serverName;
    cmd.generation = x->generation;
    return cmd;
}

void ClaimHandler::takeOver(const ExchangePtr &x, const KeyRow &row)
{
    DbCommand cmd = command(x, DbOp::TakeOver);
    cmd.generation = row.generation;
    cmd.reason = leaseSentence(x, row.claimedUs, row.holder, row.generation + 1);
    m_rt.db(x->ctx, cmd, [this, x](const DbResult &r) {
        releaseLock(x);
        if (!r.ok()) {
            finish(x, problem(500, QStringLiteral("Database error"), r.error),
                   QStringLiteral("answers 500: the takeover failed"));
            return;
        }
        if (!r.changed) {
            conflict(x, QStringLiteral("another request took the key over"),
                     QStringLiteral("answers 409 Conflict: another request took %1 over first")
                         .arg(x->ctx.label));
            return;
        }
        x->generation = r.row.generation;
        if (m_rt.survives(x->ctx, ProtocolStep::Claim))
            execute(x);
    });
}

void ClaimHandler::insertClaim(const ExchangePtr &x)
{
    // Under the lock nobody else of this cluster can insert meanwhile, so a plain
    // insert-if-absent is enough; without it the naive code just writes its row.
    DbCommand cmd = command(x, x->lockHeld ? DbOp::Claim : DbOp::Overwrite);
    m_rt.db(x->ctx, cmd, [this, x](const DbResult &r) {
        releaseLock(x);
        if (!r.ok()) {
            finish(x, problem(500, QStringLiteral("Database error"), r.error),
                   QStringLiteral("answers 500: the claim failed"));
            return;
        }
        if (!r.changed) {
            // Only replication can insert the key between lookup and insert under the lock.
            conflict(x, QStringLiteral("the key was claimed concurrently"),
                     QStringLiteral("answers 409 Conflict: %1 arrived by replication meanwhile")
                         .arg(x->ctx.label));
            return;
        }
        if (m_rt.survives(x->ctx, ProtocolStep::Claim))
            execute(x);
    });
}

void ClaimHandler::answerExisting(const ExchangePtr &x, const QString &status,
                                  const QString &fingerprint, int responseCode,
                                  const QString &responseBody, const QString &owner,
                                  const QString &where)
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
            cmd.key = x->cacheKey;
            cmd.origin = x->ctx.cluster;
            cmd.responseCode = responseCode;
            cmd.responseBody = responseBody;
            cmd.ttlUs = m_rt.settings().cacheTtlUs;
            m_rt.cache(x->ctx, cmd, [](const CacheResult &) {});
        }
        HttpResponse resp;
        resp.body = responseBody.toUtf8();
        // A stored error is replayed as it was (Stripe): a 200 would claim a success.
        if (m_rt.settings().replay == ReplayMode::Original || responseCode >= 400) {
            resp.status = responseCode;
            resp.addHeader("Idempotent-Replayed", "true");
        } else {
            resp.status = 200;
        }
        if (responseCode >= 400)
            resp.contentType = "application/problem+json";
        QString sentence =
            QStringLiteral("%1 says %2 is CONSUMED — replays the stored response (%3 %4)")
                .arg(where, label)
                .arg(resp.status)
                .arg(reason(resp.status));
        // Whose result this is: another client's means two payments shared one key.
        const bool otherClient = !owner.isEmpty() && owner != x->ctx.client;
        if (otherClient)
            sentence += QStringLiteral(" — but that result is %1's payment, not %2's")
                            .arg(owner, x->ctx.client);
        finish(x, resp, sentence, replayedState + owner);
        return;
    }
    conflict(
        x,
        QStringLiteral("a request with this key is still being "
                       "processed; retry later"),
        QStringLiteral("%1 says %2 is CREATED (still running) — 409 Conflict").arg(where, label));
}

void ClaimHandler::conflict(const ExchangePtr &x, const QString &detail, const QString &sentence)
{
    HttpResponse resp = problem(409, QStringLiteral("Request in progress"), detail);
    resp.addHeader("Retry-After", "1");
    finish(x, resp, sentence);
}

void ClaimHandler::releaseLock(const ExchangePtr &x)
{
    if (!x->lockHeld)
        return;
    x->lockHeld = false;
    m_rt.unlock(x->ctx);
}

void ClaimHandler::finish(const ExchangePtr &x, const HttpResponse &response,
                          const QString &sentence, const QString &state)
{
    if (x->answered)
        return;
    x->answered = true;
    m_rt.note(x->ctx, EventType::Respond, sentence, response.status, state);
    x->reply(response);
    // A crash right after the response left: the client has its answer, the server is gone.
    (void)m_rt.survives(x->ctx, ProtocolStep::Respond);
}

} // namespace idem
