#pragma once

#include "model/event.h"
#include "model/fault.h"
#include "storage/cachestore.h"
#include "storage/dbcommand.h"
#include "storage/replicaoutcome.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace idem {

/// The words of the events both runtimes log (simulation and live mode): one wording, so a
/// live session reads, animates and exports exactly like a simulated run.
namespace eventtext {

/// `db-read` for a lookup, `db-write` for the rest.
[[nodiscard]] EventType dbEventType(DbOp op);
/// Fills a DB statement's caption, label ("SELECT K1"), detail (the SQL) and state.
void describeDb(Event &e, const QString &server, const QString &db, const QString &key,
                const DbCommand &command, const DbResult &result);
/// The events of one DB statement, described: one for most; a committed ChargeAndConsume
/// gives two (its ledger row, then CONSUMED), as the scene adds them one by one.
[[nodiscard]] QVector<Event> dbEvents(const QString &server, const QString &db, const QString &key,
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

/// What a replication message carries, as its arrow shows it: "K1 CREATED", "ledger A-1".
[[nodiscard]] QString keyReplicaLabel(const QString &key, const KeyRow &row);
[[nodiscard]] QString ledgerReplicaLabel(const LedgerRow &row);
/// "DB A → DB B: replicates K1 CREATED (due in 60.0 s)": the `send` of a message the link
/// will lose (a delivered one is drawn from its `replicate` event alone).
[[nodiscard]] QString replicaSentCaption(const QString &fromDb, const QString &toDb,
                                         const QString &what, qint64 inUs);
/// "The link loses K1 CREATED on its way to DB B: ...": what the other DB will never
/// learn, and what that does to a retry there.
[[nodiscard]] QString replicaLostCaption(const QString &toDb, const QString &key,
                                         const QString &what, bool keyRow);
/// Rewords a replicate or conflict event as the second copy of a message the link delivered
/// twice: its label gains " (copy)" (what the why and the scene read), its caption says that
/// applying it again changed nothing. `applied`: the copy's statement took effect.
void describeReplicaCopy(Event &e, const QString &fromDb, const QString &toDb, const QString &key,
                         const QString &what, bool keyRow, bool applied);
/// The label suffix of a second copy.
[[nodiscard]] QString replicaCopySuffix();

/// Fills the `anomaly` event of a key charged more than once (`ledgerIds`: its charges).
void describeDuplicate(Event &e, const QString &key, const QStringList &ledgerIds);

/// Event::state of a key row deleted (released or reaped): the scene removes the row.
[[nodiscard]] QString deletedState();
/// Event::state of a fault event that takes a node or link down / brings it back.
[[nodiscard]] QString downState();
[[nodiscard]] QString upState();

/// "DB A's reaper: K1 was claimed 10.0 s ago, ... deleted".
[[nodiscard]] QString reapCaption(const QString &db, const QString &key, qint64 ageUs);
/// " — the reaper deleted it 5.0 s ago, ...": what a lookup that misses a reaped key adds.
[[nodiscard]] QString reapedClause(qint64 agoUs, qint64 ttlUs);
/// "Server A1 crashes right after claiming K1 (R1, attempt 1) — ...".
[[nodiscard]] QString crashCaption(const QString &server, const QString &key,
                                   const QString &request, int attempt, FaultStep step,
                                   qint64 downUs);
/// "Server A1 crashes — whatever it was working on ...": a crash at a time (atMs).
[[nodiscard]] QString timedCrashCaption(const QString &server, qint64 downUs);
/// "Server A1 is back up after 5.0 s ...".
[[nodiscard]] QString restartCaption(const QString &server, qint64 downUs);
/// "Server A1: the card network fails the charge of R1 with 502 ...".
[[nodiscard]] QString failCaption(const QString &server, const QString &request, int attempt,
                                  int status);
[[nodiscard]] QString cacheDownCaption(qint64 forUs);
[[nodiscard]] QString cacheUpCaption();
[[nodiscard]] QString partitionCaption(qint64 forUs);
[[nodiscard]] QString healCaption();

} // namespace eventtext

} // namespace idem
