#pragma once

#include "model/payment.h"
#include "model/rows.h"

#include <QString>

namespace idem {

/// The SQL steps of the claim/consume protocol.
enum class DbOp : quint8
{
    Lookup,    ///< SELECT the key's row
    Claim,     ///< INSERT CREATED unless the key exists (guarded path)
    Overwrite, ///< INSERT CREATED, overwriting a row written meanwhile (the unguarded path)
    Charge,    ///< INSERT the ledger row: the side effect
    Consume,   ///< UPDATE the key to CONSUMED with the stored response
};

/// One statement a server sends to its cluster's DB.
struct DbCommand
{
    DbOp op = DbOp::Lookup;
    QString key;          ///< the stored key (the header value)
    QString fingerprint;  ///< Claim / Overwrite
    int origin = 0;       ///< cluster of the server that writes
    PaymentBody body;     ///< Charge
    int responseCode = 0; ///< Consume
    QString responseBody; ///< Consume
};

/// What a statement returned.
struct DbResult
{
    QString error;        ///< SQL error text; empty on success
    bool found = false;   ///< Lookup: the key exists; Claim: it existed already
    bool changed = false; ///< Claim/Overwrite: row written; Consume: row updated
    KeyRow row;           ///< the key's row after the statement (Lookup: as read)
    LedgerRow ledger;     ///< Charge: the new ledger row

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

/// The SQL text of a step, as shown in the timeline's detail field.
[[nodiscard]] QString dbStatementText(DbOp op);
/// True for the statements that write.
[[nodiscard]] bool dbOpWrites(DbOp op);

} // namespace idem
