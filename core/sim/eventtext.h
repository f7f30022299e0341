#pragma once

#include "model/event.h"
#include "storage/cachestore.h"
#include "storage/dbcommand.h"
#include "storage/replicaoutcome.h"

#include <QString>
#include <QStringList>

namespace idem {

/// The words of the events both runtimes log (simulation and live mode): one wording, so a
/// live session reads, animates and exports exactly like a simulated run.
namespace eventtext {

/// `db-read` for a lookup, `db-write` for the rest.
[[nodiscard]] EventType dbEventType(DbOp op);
/// Fills a DB statement's caption, label ("SELECT K1"), detail (the SQL) and state.
void describeDb(Event &e, const QString &server, const QString &db, const QString &key,
                const DbCommand &command, const DbResult &result);
/// Fills a cache command's caption, label ("SET NX K1"), detail (Redis syntax) and state.
void describeCache(Event &e, const QString &server, const QString &key, const CacheCommand &command,
                   const CacheResult &result);

/// "Server A1: takes the cluster A lock on K1[ after waiting]".
[[nodiscard]] QString lockTaken(const QString &server, int cluster, const QString &key,
                                bool afterWaiting);
/// "Server A1: waits for the cluster A lock on K1 (held by request #2)"; `holder` 0-based.
[[nodiscard]] QString lockWait(const QString &server, int cluster, const QString &key, int holder);
/// "Server A1: releases the cluster A lock on K1".
[[nodiscard]] QString lockReleased(const QString &server, int cluster, const QString &key);

/// `conflict` for a replica that met a row claimed independently, else `replicate`.
[[nodiscard]] EventType keyReplicaEventType(ReplicaOutcome outcome);
/// Fills a replicated key row's caption, label and state; `localOrigin` is the cluster that
/// claimed the row already there (used for a conflict).
void describeKeyReplica(Event &e, const QString &fromDb, const QString &toDb, const QString &key,
                        const KeyRow &row, ReplicaOutcome outcome, int localOrigin);
/// Fills a replicated ledger row's caption, label and state.
void describeLedgerReplica(Event &e, const QString &fromDb, const QString &toDb, const QString &key,
                           const LedgerRow &row);

/// Fills the `anomaly` event of a key charged more than once (`ledgerIds`: its charges).
void describeDuplicate(Event &e, const QString &key, const QStringList &ledgerIds);

} // namespace eventtext

} // namespace idem
