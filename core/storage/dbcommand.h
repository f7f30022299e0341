#pragma once

#include "model/payment.h"
#include "model/rows.h"

#include <QString>

#include <functional>

namespace idem {

/// The SQL steps of the claim/consume protocol.
enum class DbOp : quint8
{
    Lookup,    ///< SELECT the key's row
    Claim,     ///< INSERT CREATED unless the key exists (guarded path)
    Overwrite, ///< INSERT CREATED, overwriting a row written meanwhile (the unguarded path)
    Charge,    ///< INSERT the ledger row: the side effect
    Consume,   ///< UPDATE the key to CONSUMED with the stored response (fenced: same generation)
    TakeOver,  ///< UPDATE a CREATED claim past its lease to the next generation (compare-and-set)
    Release,   ///< DELETE the claim of a failed operation (fenced: same generation)
    Reap,      ///< DELETE the key once its time-to-live has passed (the reaper)
    ChargeAndConsume, ///< BEGIN; the ledger row; CONSUMED (fenced); COMMIT: one transaction
};

/// One statement a server sends to its cluster's DB.
struct DbCommand
{
    DbOp op = DbOp::Lookup;
    QString key;            ///< the stored key (the header value)
    QString scope;          ///< what the key is unique within: empty (global) or the client
    QString fingerprint;    ///< Claim / Overwrite
    QString client;         ///< Claim / Overwrite: the client whose request claims the key
    QString holder;         ///< Claim / Overwrite / TakeOver: the server that claims it
    int generation = 1;     ///< Consume / Release / ChargeAndConsume: the writer's generation;
                            ///< TakeOver: the generation it read (the row moves to the next)
    qint64 olderThanUs = 0; ///< Reap: delete only a key claimed at or before this time
    QString reason;         ///< TakeOver: why, in plain words, for the event's caption
    int origin = 0;         ///< cluster of the server that writes
    PaymentBody body;       ///< Charge
    int responseCode = 0;   ///< Consume
    QString responseBody;   ///< Consume
};

/// What a statement returned.
struct DbResult
{
    QString error;           ///< SQL error text; empty on success
    bool found = false;      ///< Lookup: the key exists; Claim: it existed already
    bool changed = false;    ///< Claim/Overwrite: row written; Consume/TakeOver: row updated;
                             ///< Release/Reap: row deleted; ChargeAndConsume: committed
    bool fenced = false;     ///< a write refused: the key has moved to another generation
    bool rolledBack = false; ///< ChargeAndConsume: the transaction was rolled back
    KeyRow row;              ///< the key's row after the statement (Lookup: as read)
    LedgerRow ledger;        ///< Charge: the new ledger row

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

/// ChargeAndConsume: the ledger id is assigned inside the transaction, so the stored
/// response body names it by this token and the DB puts the id in its place.
inline constexpr QLatin1String ledgerIdToken("@ledger-id@");

/// Whether a ChargeAndConsume transaction goes on to its COMMIT after its ledger row; false
/// rolls it back (the server died between the two statements).
using CommitCheck = std::function<bool()>;

/// The SQL text of a step, as shown in the timeline's detail field.
[[nodiscard]] QString dbStatementText(DbOp op);
/// True for the statements that write.
[[nodiscard]] bool dbOpWrites(DbOp op);

} // namespace idem
