#pragma once

#include <QString>

namespace idem {

/// A row of `idempotency_keys`, as read back from a cluster's DB.
struct KeyRow
{
    QString key;    ///< label
    QString rawKey; ///< stored key
    QString status; ///< "CREATED" or "CONSUMED"
    QString fingerprint;
    int responseCode = 0;
    QString responseBody;
    qint64 createdUs = 0;
    qint64 updatedUs = 0;
    int origin = 0;       ///< cluster that claimed it
    int generation = 1;   ///< 1 at the claim, +1 at each lease takeover (fencing token)
    qint64 claimedUs = 0; ///< when the current generation claimed it (the lease runs from here)
    QString holder;       ///< the server that holds the current generation
    QString client;       ///< the client whose request claimed it
    QString scope;        ///< what the key is unique within: empty (global) or the client
};

/// A row of `ledger`: one side effect.
struct LedgerRow
{
    QString id;  ///< "A-1": origin cluster and sequence, unique across both DBs
    QString key; ///< label
    int origin = 0;
    QString fromAcct;
    QString toAcct;
    qint64 amount = 0;
    qint64 atUs = 0;
    QString scope; ///< the key's scope: empty (global) or the client that sent it
};

} // namespace idem
