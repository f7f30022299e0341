#pragma once

#include "model/payment.h"
#include "protocol/runtime.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <functional>
#include <memory>

namespace idem {

/// `POST /payments` as the handler sees it (the transport has parsed the JSON body).
struct PaymentRequest
{
    bool hasKey = false; ///< the Idempotency-Key header was present
    QString key;         ///< its value (quotes of the draft's sf-string form removed)
    PaymentBody body;
};

/// An HTTP response of the handler.
struct HttpResponse
{
    int status = 0;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append(qMakePair(name, value));
    }
};

/// The claim/consume protocol of DESIGN.md, written once against Runtime.
class ClaimHandler
{
public:
    using Reply = std::function<void(const HttpResponse &)>;

    explicit ClaimHandler(Runtime &runtime) : m_rt(runtime) {}

    /// Handles one request; `reply` is called exactly once.
    void handle(const HandlerContext &ctx, const PaymentRequest &request, Reply reply);

    /// Why a key is not acceptable, or an empty string.
    [[nodiscard]] static QString keyProblem(const PaymentRequest &request);
    /// An RFC 9457 problem document.
    [[nodiscard]] static HttpResponse problem(int status, const QString &title,
                                              const QString &detail);
    /// The reason phrase of a status ("Conflict").
    [[nodiscard]] static QString reason(int status);

    /// The state of a Respond event that replayed a stored result: "REPLAYED:<client>"
    /// (the client whose request stored it; empty in live mode).
    static const QString replayedState;
    /// The state of a Respond event whose write was refused: its claim was taken over.
    static const QString fencedState;

private:
    struct Exchange;
    using ExchangePtr = std::shared_ptr<Exchange>;

    [[nodiscard]] DbCommand command(const ExchangePtr &x, DbOp op) const;
    [[nodiscard]] bool leaseOver(qint64 claimedUs) const;
    [[nodiscard]] QString leaseSentence(const ExchangePtr &x, qint64 claimedUs,
                                        const QString &holder, int nextGeneration) const;
    [[nodiscard]] static QString seconds(qint64 us);
    [[nodiscard]] static QByteArray createdBody(const PaymentBody &body, const LedgerRow &charge);

    void claimInCache(const ExchangePtr &x);
    void cacheUnreachable(const ExchangePtr &x);
    void claimInDb(const ExchangePtr &x);
    void takeOver(const ExchangePtr &x, const KeyRow &row);
    void insertClaim(const ExchangePtr &x);
    void answerExisting(const ExchangePtr &x, const QString &status, const QString &fingerprint,
                        int responseCode, const QString &responseBody, const QString &owner,
                        const QString &where);
    void execute(const ExchangePtr &x);
    void operationFailed(const ExchangePtr &x, int status);
    void chargeAndConsume(const ExchangePtr &x);
    void consume(const ExchangePtr &x, const LedgerRow &charge);
    void storeResult(const ExchangePtr &x, const HttpResponse &response, const QString &sentence);
    void answerCreated(const ExchangePtr &x, const LedgerRow &charge);
    /// Records the answer in the cache when this exchange claimed the key there, then answers.
    void finishWithCache(const ExchangePtr &x, const HttpResponse &response,
                         const QString &sentence);
    void fenced(const ExchangePtr &x);
    /// 409 Conflict with Retry-After: the key is claimed by a request still (or maybe) running.
    void conflict(const ExchangePtr &x, const QString &detail, const QString &sentence);
    void finish(const ExchangePtr &x, const HttpResponse &response, const QString &sentence,
                const QString &state = {});
    void releaseLock(const ExchangePtr &x);

    Runtime &m_rt;
};

} // namespace idem
