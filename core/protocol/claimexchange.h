#pragma once

#include "protocol/claimhandler.h"

namespace idem {

/// One request on its way through the ClaimHandler: what it holds and how far it got.
/// Shared by the claim half (claimhandler.cpp) and the completion half
/// (claimcompletion.cpp) of the handler.
struct ClaimHandler::Exchange
{
    HandlerContext ctx;
    PaymentRequest request;
    QString fingerprint;
    QString scope;    ///< keyScope client: the client; global: empty
    QString cacheKey; ///< the key as the shared cache stores it (scoped like the DB's)
    Reply reply;
    int generation = 1; ///< the claim this exchange holds (fencing token)
    bool lockHeld = false;
    bool cacheClaimed = false;
    bool answered = false;
};

} // namespace idem
