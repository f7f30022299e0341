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

private:
    struct Exchange;
    using ExchangePtr = std::shared_ptr<Exchange>;

    void claimInCache(const ExchangePtr &x);
    void claimInDb(const ExchangePtr &x);
    void insertClaim(const ExchangePtr &x);
    void answerExisting(const ExchangePtr &x, const QString &status, const QString &fingerprint,
                        int responseCode, const QString &responseBody, const QString &where);
    void execute(const ExchangePtr &x);
    void consume(const ExchangePtr &x, const LedgerRow &charge);
    void finish(const ExchangePtr &x, const HttpResponse &response, const QString &sentence);
    void releaseLock(const ExchangePtr &x);

    Runtime &m_rt;
};

} // namespace idem
