#include "protocol/claimexchange.h"

#include "model/node.h"
#include "protocol/fingerprint.h"

// The second half of the protocol: the business operation, the charge, CONSUMED (or the
// stored error, or the released claim) and the answer; fenced writes end here too.

namespace idem {

void ClaimHandler::execute(const ExchangePtr &x)
{
    const qint64 opUs = m_rt.settings().opUs;
    m_rt.note(x->ctx, EventType::OpStart,
              QStringLiteral("claimed %1 — charging %2 %3→%4 (%5 ms)")
                  .arg(x->ctx.label, QString::number(x->request.body.amount), x->request.body.from,
                       x->request.body.to, QString::number(double(opUs) / 1000.0)));
    m_rt.after(x->ctx, opUs, [this, x] {
        if (const int failure = m_rt.operationFailure(x->ctx)) {
            operationFailed(x, failure);
            return;
        }
        if (m_rt.settings().atomic) {
            chargeAndConsume(x);
            return;
        }
        DbCommand cmd = command(x, DbOp::Charge);
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
            if (m_rt.survives(x->ctx, ProtocolStep::Charge))
                consume(x, r.ledger);
        });
    });
}

QByteArray ClaimHandler::createdBody(const PaymentBody &b, const LedgerRow &charge)
{
    return "{\"paymentId\":" + jsonQuoted(charge.id) +
           ",\"status\":\"charged\",\"amount\":" + QByteArray::number(b.amount) +
           ",\"from\":" + jsonQuoted(b.from) + ",\"to\":" + jsonQuoted(b.to) + '}';
}

void ClaimHandler::chargeAndConsume(const ExchangePtr &x)
{
    DbCommand cmd = command(x, DbOp::ChargeAndConsume);
    cmd.body = x->request.body;
    cmd.responseCode = 201;
    // The ledger id is known only inside the transaction: the stored body names it there.
    LedgerRow pending;
    pending.id = ledgerIdToken;
    cmd.responseBody = QString::fromUtf8(createdBody(x->request.body, pending));
    m_rt.db(x->ctx, cmd, [this, x](const DbResult &r) {
        if (!r.ok()) {
            finish(x, problem(500, QStringLiteral("Database error"), r.error),
                   QStringLiteral("answers 500: the transaction failed; nothing was charged"));
            return;
        }
        if (!r.changed) {
            fenced(x);
            return;
        }
        m_rt.note(x->ctx, EventType::OpEnd,
                  QStringLiteral("charge done: ledger row %1 and CONSUMED committed together")
                      .arg(r.ledger.id));
        if (m_rt.survives(x->ctx, ProtocolStep::Consume))
            answerCreated(x, r.ledger);
    });
}

void ClaimHandler::operationFailed(const ExchangePtr &x, int status)
{
    const HttpResponse resp =
        problem(status, QStringLiteral("Payment failed"),
                QStringLiteral("the card network answered with an error; nothing was charged"));
    if (m_rt.settings().errorPolicy == ErrorPolicy::Release) {
        DbCommand cmd = command(x, DbOp::Release);
        m_rt.db(x->ctx, cmd, [this, x, resp, status](const DbResult &r) {
            if (r.ok() && r.fenced) {
                fenced(x);
                return;
            }
            auto answer = [this, x, resp, status] {
                finish(x, resp,
                       QStringLiteral("the charge failed (%1) — %2 released so a retry runs "
                                      "again; answers %1")
                           .arg(status)
                           .arg(x->ctx.label));
            };
            if (!x->cacheClaimed) {
                answer();
                return;
            }
            CacheCommand cc;
            cc.op = CacheOp::Delete;
            cc.key = x->cacheKey;
            cc.origin = x->ctx.cluster;
            m_rt.cache(x->ctx, cc, [answer](const CacheResult &) { answer(); });
        });
        return;
    }
    storeResult(x, resp,
                QStringLiteral("the charge failed (%1) — the error is the stored result of %2; "
                               "answers %1")
                    .arg(status)
                    .arg(x->ctx.label));
}

void ClaimHandler::consume(const ExchangePtr &x, const LedgerRow &charge)
{
    HttpResponse resp;
    resp.status = 201;
    resp.body = createdBody(x->request.body, charge);
    resp.addHeader("Location", "/payments/" + charge.id.toUtf8());
    storeResult(x, resp, QStringLiteral("%1 is CONSUMED — answers 201 Created").arg(x->ctx.label));
}

void ClaimHandler::storeResult(const ExchangePtr &x, const HttpResponse &resp,
                               const QString &sentence)
{
    DbCommand cmd = command(x, DbOp::Consume);
    cmd.responseCode = resp.status;
    cmd.responseBody = QString::fromUtf8(resp.body);
    m_rt.db(x->ctx, cmd, [this, x, resp, sentence](const DbResult &r) {
        if (!r.ok()) {
            finish(
                x, problem(500, QStringLiteral("Database error"), r.error),
                QStringLiteral("answers 500: consume failed; %1 stays CREATED").arg(x->ctx.label));
            return;
        }
        if (!r.changed) {
            fenced(x);
            return;
        }
        if (resp.status < 400 && !m_rt.survives(x->ctx, ProtocolStep::Consume))
            return;
        finishWithCache(x, resp, sentence);
    });
}

void ClaimHandler::answerCreated(const ExchangePtr &x, const LedgerRow &charge)
{
    HttpResponse resp;
    resp.status = 201;
    resp.body = createdBody(x->request.body, charge);
    resp.addHeader("Location", "/payments/" + charge.id.toUtf8());
    finishWithCache(x, resp,
                    QStringLiteral("%1 is CONSUMED — answers 201 Created").arg(x->ctx.label));
}

void ClaimHandler::finishWithCache(const ExchangePtr &x, const HttpResponse &resp,
                                   const QString &sentence)
{
    if (!x->cacheClaimed) {
        finish(x, resp, sentence);
        return;
    }
    // The cache learns the stored answer before the client does, as it did the claim.
    CacheCommand cc;
    cc.op = CacheOp::Finish;
    cc.key = x->cacheKey;
    cc.origin = x->ctx.cluster;
    cc.responseCode = resp.status;
    cc.responseBody = QString::fromUtf8(resp.body);
    cc.ttlUs = m_rt.settings().cacheTtlUs;
    m_rt.cache(x->ctx, cc,
               [this, x, resp, sentence](const CacheResult &) { finish(x, resp, sentence); });
}

void ClaimHandler::fenced(const ExchangePtr &x)
{
    HttpResponse resp = problem(409, QStringLiteral("Claim lost"),
                                QStringLiteral("another request took this key over while it was "
                                               "being processed"));
    finish(x, resp,
           QStringLiteral("its write for %1 was refused: generation %2 is stale (another request "
                          "took the key over) — answers 409 Conflict")
               .arg(x->ctx.label)
               .arg(x->generation),
           fencedState);
}

} // namespace idem
