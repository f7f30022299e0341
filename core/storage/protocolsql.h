#pragma once

// The SQL of the claim/consume protocol, as the cluster DB prepares it and the timeline's
// detail field shows it. Bound values only: nothing of a request is ever spliced in.

namespace idem::protocolsql {

// The columns of a key row after its key, in the order readKeyRow() reads them: every
// statement that reads a row back (lookup, consume, takeover) returns these.
#define IDEM_KEY_COLUMNS                                                                           \
    "status, fingerprint, response_code, response_body, created_us, updated_us, origin, "          \
    "generation, claimed_us, holder, client"

inline constexpr const char *lookupSql =
    "SELECT " IDEM_KEY_COLUMNS " FROM idempotency_keys WHERE scope = ? AND key = ?";
inline constexpr const char *claimSql =
    "INSERT INTO idempotency_keys (key, scope, status, fingerprint, created_us, updated_us, "
    "origin, generation, claimed_us, holder, client) "
    "VALUES (?, ?, 'CREATED', ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT(scope, key) DO NOTHING";
// The unguarded path writes its row whatever is there; the generation stays (both writers
// believe they hold the first claim, which is the point of the anomaly).
inline constexpr const char *overwriteSql =
    "INSERT INTO idempotency_keys (key, scope, status, fingerprint, created_us, updated_us, "
    "origin, generation, claimed_us, holder, client) "
    "VALUES (?, ?, 'CREATED', ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT(scope, key) DO UPDATE SET "
    "status = 'CREATED', fingerprint = excluded.fingerprint, updated_us = excluded.updated_us, "
    "origin = excluded.origin, claimed_us = excluded.claimed_us, holder = excluded.holder, "
    "client = excluded.client";
inline constexpr const char *chargeSql =
    "INSERT INTO ledger (id, key, origin, from_acct, to_acct, amount, at_us, scope) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
// Fenced: only the holder of the current generation may finish the key.
inline constexpr const char *consumeSql =
    "UPDATE idempotency_keys SET status = 'CONSUMED', response_code = ?, response_body = ?, "
    "updated_us = ? WHERE scope = ? AND key = ? AND generation = ? RETURNING " IDEM_KEY_COLUMNS;
// Compare-and-set on the generation read: of two requests that find the lease over, one wins.
inline constexpr const char *takeOverSql =
    "UPDATE idempotency_keys SET generation = generation + 1, claimed_us = ?, holder = ?, "
    "updated_us = ? WHERE scope = ? AND key = ? AND status = 'CREATED' AND generation = ? "
    "RETURNING " IDEM_KEY_COLUMNS;
inline constexpr const char *releaseSql =
    "DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND generation = ?";
inline constexpr const char *reapSql =
    "DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND created_us <= ?";
inline constexpr const char *chargeAndConsumeSql =
    "BEGIN; INSERT INTO ledger (id, key, origin, from_acct, to_acct, amount, at_us, scope) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?); UPDATE idempotency_keys SET status = 'CONSUMED', "
    "response_code = ?, response_body = ?, updated_us = ? WHERE scope = ? AND key = ? AND "
    "generation = ?; COMMIT";
// Inside a batch the charge and its CONSUMED are a savepoint of the batch's transaction.
inline constexpr const char *savepointSql = "SAVEPOINT charge_and_consume";
inline constexpr const char *releaseSavepointSql = "RELEASE charge_and_consume";
inline constexpr const char *rollbackToSavepointSql = "ROLLBACK TO charge_and_consume";
// A replica of a row from the same origin brings the local copy up to date; a row claimed
// here independently (another origin) is left alone and reported as a conflict.
inline constexpr const char *keyReplicaSql =
    "INSERT INTO idempotency_keys (key, scope, status, fingerprint, response_code, "
    "response_body, created_us, updated_us, origin, generation, claimed_us, holder, client) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(scope, key) DO UPDATE SET status = excluded.status, "
    "response_code = excluded.response_code, response_body = excluded.response_body, "
    "updated_us = excluded.updated_us, generation = excluded.generation, "
    "claimed_us = excluded.claimed_us, holder = excluded.holder "
    "WHERE idempotency_keys.origin = excluded.origin "
    "AND idempotency_keys.updated_us <= excluded.updated_us";
inline constexpr const char *ledgerReplicaSql =
    "INSERT OR IGNORE INTO ledger (id, key, origin, from_acct, to_acct, amount, at_us, scope) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

// Reading a DB back at the end of a run, and clearing it for the next run that reuses it.
inline constexpr const char *allKeysSql =
    "SELECT key, scope, " IDEM_KEY_COLUMNS " FROM idempotency_keys ORDER BY created_us, key, scope";
inline constexpr const char *allLedgerSql =
    "SELECT id, key, origin, from_acct, to_acct, amount, at_us, scope FROM ledger "
    "ORDER BY at_us, id";
inline constexpr const char *ledgerRowSql =
    "SELECT id, key, origin, from_acct, to_acct, amount, at_us, scope FROM ledger WHERE id = ?";
inline constexpr const char *clearKeysSql = "DELETE FROM idempotency_keys";
inline constexpr const char *clearLedgerSql = "DELETE FROM ledger";

} // namespace idem::protocolsql
