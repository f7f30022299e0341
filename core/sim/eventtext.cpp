#include "sim/eventtext.h"

#include "model/node.h"

namespace idem::eventtext {

namespace {

using L1 = QLatin1String;

QString dbLabel(DbOp op, const QString &key)
{
    switch (op) {
    case DbOp::Lookup:
        return QStringLiteral("SELECT ") + key;
    case DbOp::Claim:
        return QStringLiteral("INSERT ") + key;
    case DbOp::Overwrite:
        return QStringLiteral("UPSERT ") + key;
    case DbOp::Charge:
        return QStringLiteral("LEDGER ") + key;
    case DbOp::Consume:
        return QStringLiteral("CONSUMED ") + key;
    case DbOp::TakeOver:
        return QStringLiteral("TAKEOVER ") + key;
    case DbOp::Release:
        return QStringLiteral("DELETE ") + key;
    case DbOp::Reap:
        return QStringLiteral("REAP ") + key;
    case DbOp::ChargeAndConsume:
        return QStringLiteral("TXN ") + key;
    }
    return {};
}

QString seconds(qint64 us)
{
    return QString::number(double(us) / 1e6, 'f', 1) + QStringLiteral(" s");
}

// Captions are built on the hot path: QStringBuilder concatenation, one allocation each.
QString dbCaption(const QString &server, const DbCommand &cmd, const DbResult &r,
                  const QString &key, const QString &db)
{
    if (!r.ok())
        return server % L1(": ") % db % L1(" statement failed: ") % r.error;
    switch (cmd.op) {
    case DbOp::Lookup:
        if (!r.found)
            return server % L1(": key ") % key % L1(" not in ") % db;
        return server % L1(": key ") % key % L1(" found in ") % db % L1(": ") % r.row.status;
    case DbOp::Claim:
        if (r.changed)
            return server % L1(": ") % key % L1(" inserted into ") % db %
                   L1(" as CREATED (claimed)");
        return server % L1(": ") % key % L1(" was already in ") % db % L1(": claim refused");
    case DbOp::Overwrite:
        return server % L1(": ") % key % L1(" written to ") % db %
               L1(" as CREATED (no guard: a concurrent claim would be overwritten)");
    case DbOp::Charge:
        return server % L1(": ledger row ") % r.ledger.id % L1(" written to ") % db % L1(": ") %
               key % L1(" charged ") % QString::number(r.ledger.amount) % QLatin1Char(' ') %
               r.ledger.fromAcct % QStringLiteral("→") % r.ledger.toAcct;
    case DbOp::Consume:
        if (r.fenced)
            return server % L1(": CONSUMED for ") % key % L1(" refused by ") % db %
                   L1(" (fenced): generation ") % QString::number(cmd.generation) %
                   QStringLiteral(" is stale — another request took the key over");
        if (!r.changed)
            return server % L1(": ") % key % L1(" is no longer in ") % db %
                   L1(": nothing marked CONSUMED");
        return server % L1(": ") % key % L1(" marked CONSUMED in ") % db % L1(" with the stored ") %
               QString::number(cmd.responseCode) % L1(" response");
    case DbOp::TakeOver:
        if (r.changed)
            return server % L1(": ") % cmd.reason;
        return server % L1(": another request took ") % key % L1(" over first");
    case DbOp::Release:
        if (r.fenced)
            return server % L1(": deleting ") % key % L1(" refused by ") % db %
                   L1(" (fenced): its claim was taken over");
        return server % L1(": ") % key % L1(" deleted from ") % db %
               QStringLiteral(" — the claim is released, so a retry runs the payment again");
    case DbOp::Reap:
        return db % L1(": ") % key % L1(" reaped");
    case DbOp::ChargeAndConsume:
        if (r.rolledBack && r.fenced)
            return server % L1(": transaction rolled back in ") % db % L1(": generation ") %
                   QString::number(cmd.generation) %
                   L1(" is stale (fenced), so neither the ledger row nor CONSUMED is kept");
        if (r.rolledBack)
            return server % L1(": transaction rolled back in ") % db % L1(" before its COMMIT: ") %
                   L1("ledger row ") % r.ledger.id % L1(" and CONSUMED for ") % key %
                   QStringLiteral(" are both undone — nothing was charged");
        return server % L1(": one transaction in ") % db % L1(": ledger row ") % r.ledger.id %
               L1(" and ") % key % L1(" CONSUMED, committed together");
    }
    return {};
}

QString cacheCaption(const QString &server, const CacheCommand &cmd, const CacheResult &r,
                     const QString &key)
{
    if (cmd.op == CacheOp::Delete)
        return server % L1(": cache: ") % key % QStringLiteral(" deleted — the claim is released");
    if (cmd.op == CacheOp::ClaimNx) {
        if (r.done)
            return server % L1(": cache: SET ") % key %
                   QStringLiteral(" NX succeeded — key claimed for cluster ") %
                   clusterName(cmd.origin);
        return server % L1(": cache: SET ") % key % QStringLiteral(" NX refused — ") % key %
               L1(" is ") % r.entry.status % L1(" (claimed by cluster ") %
               clusterName(r.entry.origin) % QLatin1Char(')');
    }
    if (r.done)
        return server % L1(": cache: ") % key % L1(" recorded as CONSUMED with the ") %
               QString::number(cmd.responseCode) % L1(" response");
    return server % L1(": cache: ") % key % L1(" had expired; CONSUMED not recorded");
}

} // namespace

EventType dbEventType(DbOp op)
{
    return dbOpWrites(op) ? EventType::DbWrite : EventType::DbRead;
}

void describeDb(Event &e, const QString &server, const QString &db, const QString &key,
                const DbCommand &command, const DbResult &result)
{
    e.caption = dbCaption(server, command, result, key, db);
    e.label = dbLabel(command.op, key);
    e.detail = dbStatementText(command.op);
    if (!result.ok())
        return;
    if (command.op == DbOp::Lookup)
        e.state = result.found ? result.row.status : QStringLiteral("absent");
    else if (command.op == DbOp::Charge)
        e.state = result.ledger.id;
    else if ((command.op == DbOp::Release || command.op == DbOp::Reap) && result.changed)
        e.state = deletedState();
    else if (result.changed)
        e.state = result.row.status;
    if (result.fenced)
        e.label = QStringLiteral("FENCED ") + key;
    else if (result.rolledBack)
        e.label = QStringLiteral("ROLLBACK ") + key;
}

QVector<Event> dbEvents(const QString &server, const QString &db, const QString &key,
                        const DbCommand &command, const DbResult &result)
{
    Event e;
    e.type = dbEventType(command.op);
    if (command.op != DbOp::ChargeAndConsume || !result.ok() || result.rolledBack) {
        describeDb(e, server, db, key, command, result);
        return {e};
    }
    // Committed: the ledger row and CONSUMED, as two writes of one transaction.
    DbCommand charge = command;
    charge.op = DbOp::Charge;
    describeDb(e, server, db, key, charge, result);
    e.caption = dbCaption(server, command, result, key, db);
    e.detail = dbStatementText(DbOp::ChargeAndConsume);
    Event consume;
    consume.type = EventType::DbWrite;
    DbCommand marked = command;
    marked.op = DbOp::Consume;
    describeDb(consume, server, db, key, marked, result);
    consume.detail = e.detail;
    return {e, consume};
}

void describeCache(Event &e, const QString &server, const QString &key, const CacheCommand &command,
                   const CacheResult &result)
{
    if (result.unreachable) {
        e.caption = server % L1(": cache: ") % CacheStore::commandText(command, key) %
                    QStringLiteral(" — no answer: the cache is down");
        e.label = QStringLiteral("NO ANSWER ") + key;
        e.detail = CacheStore::commandText(command, key);
        e.lost = true;
        return;
    }
    e.caption = cacheCaption(server, command, result, key);
    e.label = (command.op == CacheOp::ClaimNx  ? QStringLiteral("SET NX ")
               : command.op == CacheOp::Delete ? QStringLiteral("DEL ")
                                               : QStringLiteral("SET CONSUMED ")) +
              key;
    e.detail = CacheStore::commandText(command, key);
    if (result.done)
        e.state = command.op == CacheOp::Delete ? deletedState() : result.entry.status;
}

QString lockTaken(const QString &server, int cluster, const QString &key, bool afterWaiting)
{
    if (afterWaiting)
        return server % L1(": takes the cluster ") % clusterName(cluster) % L1(" lock on ") % key %
               L1(" after waiting");
    return server % L1(": takes the cluster ") % clusterName(cluster) % L1(" lock on ") % key;
}

QString lockWait(const QString &server, int cluster, const QString &key, int holder)
{
    return QStringLiteral("%1: waits for the cluster %2 lock on %3 (held by request #%4)")
        .arg(server, clusterName(cluster), key)
        .arg(holder + 1);
}

QString lockReleased(const QString &server, int cluster, const QString &key)
{
    return server % L1(": releases the cluster ") % clusterName(cluster) % L1(" lock on ") % key;
}

EventType keyReplicaEventType(ReplicaOutcome outcome)
{
    return outcome == ReplicaOutcome::Conflict ? EventType::Conflict : EventType::Replicate;
}

void describeKeyReplica(Event &e, const QString &fromDb, const QString &toDb, const QString &key,
                        const KeyRow &row, ReplicaOutcome outcome, int localOrigin)
{
    switch (outcome) {
    case ReplicaOutcome::Conflict:
        e.caption =
            QStringLiteral("%1: replicated %2 (%3, claimed by cluster %4) conflicts "
                           "with its own claim by cluster %5 — local row kept")
                .arg(toDb, key, row.status, clusterName(row.origin), clusterName(localOrigin));
        break;
    case ReplicaOutcome::Applied:
        e.caption = fromDb + QStringLiteral(" → ") + toDb + QStringLiteral(": replicated key ") +
                    key + QStringLiteral(" (") + row.status + QLatin1Char(')');
        e.state = row.status;
        break;
    case ReplicaOutcome::Stale:
        e.caption = QStringLiteral("%1 → %2: replica of %3 is older than the local row — "
                                   "skipped")
                        .arg(fromDb, toDb, key);
        break;
    }
    e.label = keyReplicaLabel(key, row);
}

void describeLedgerReplica(Event &e, const QString &fromDb, const QString &toDb, const QString &key,
                           const LedgerRow &row)
{
    e.caption = fromDb + QStringLiteral(" → ") + toDb + QStringLiteral(": replicated ledger row ") +
                row.id + QStringLiteral(" (") + key + QLatin1Char(')');
    e.label = ledgerReplicaLabel(row);
    e.state = row.id;
}

QString keyReplicaLabel(const QString &key, const KeyRow &row)
{
    return key + QLatin1Char(' ') + row.status;
}

QString ledgerReplicaLabel(const LedgerRow &row)
{
    return QStringLiteral("ledger ") + row.id;
}

QString replicaSentCaption(const QString &fromDb, const QString &toDb, const QString &what,
                           qint64 inUs)
{
    return QStringLiteral("%1 → %2: replicates %3 (due in %4)")
        .arg(fromDb, toDb, what, seconds(inUs));
}

QString replicaLostCaption(const QString &toDb, const QString &key, const QString &what,
                           bool keyRow)
{
    if (!keyRow)
        return QStringLiteral("The link loses %1 on its way to %2: %2's ledger will never show "
                              "this charge")
            .arg(what, toDb);
    return QStringLiteral("The link loses %1 on its way to %2: %2 never learns of this write, and "
                          "judges a retry of %3 without it")
        .arg(what, toDb, key);
}

QString replicaCopySuffix()
{
    return QStringLiteral(" (copy)");
}

void describeReplicaCopy(Event &e, const QString &fromDb, const QString &toDb, const QString &key,
                         const QString &what, bool keyRow, bool applied)
{
    e.label += replicaCopySuffix();
    const QString again =
        QStringLiteral("%1 → %2: %3 again (the link delivered it twice)").arg(fromDb, toDb, what);
    if (e.type == EventType::Conflict)
        e.caption = again + QStringLiteral(" — it conflicts again with the local claim, kept");
    else if (keyRow && applied)
        e.caption = again + QStringLiteral(" — the upsert writes the same row: %1 still holds "
                                           "one %2")
                                .arg(toDb, key);
    else if (keyRow)
        e.caption = again + QStringLiteral(" — the local row is as new or newer: skipped");
    else if (!applied)
        e.caption = again + QStringLiteral(" — INSERT OR IGNORE keeps the one row: %1 is charged "
                                           "once")
                                .arg(key);
}

void describeDuplicate(Event &e, const QString &key, const QStringList &ledgerIds)
{
    e.caption = QStringLiteral("DUPLICATE EFFECT: key %1 charged %2 times (ledger %3)")
                    .arg(key)
                    .arg(ledgerIds.size())
                    .arg(ledgerIds.join(QStringLiteral(", ")));
    e.label = QStringLiteral("DUPLICATE_EFFECT");
    e.detail = ledgerIds.join(QLatin1Char(','));
}

QString deletedState()
{
    return QStringLiteral("DELETED");
}

QString downState()
{
    return QStringLiteral("down");
}

QString upState()
{
    return QStringLiteral("up");
}

QString reapCaption(const QString &db, const QString &key, qint64 ageUs)
{
    return QStringLiteral("%1's reaper: %2 was claimed %3 ago, its whole time-to-live — deleted; "
                          "a later request with %2 counts as new")
        .arg(db, key, seconds(ageUs));
}

QString reapedClause(qint64 agoUs, qint64 ttlUs)
{
    return QStringLiteral(" — the reaper deleted it %1 ago, when its %2 time-to-live ran out: "
                          "to this server the payment is new")
        .arg(seconds(agoUs), seconds(ttlUs));
}

QString crashCaption(const QString &server, const QString &key, const QString &request, int attempt,
                     FaultStep step, qint64 downUs)
{
    QString after;
    switch (step) {
    case FaultStep::Claim:
        after = QStringLiteral("claiming %1 (CREATED is written, nothing charged yet)").arg(key);
        break;
    case FaultStep::Charge:
        after = QStringLiteral("writing the ledger row for %1 (before CONSUMED)").arg(key);
        break;
    case FaultStep::Consume:
        after = QStringLiteral("marking %1 CONSUMED (before it answers)").arg(key);
        break;
    case FaultStep::Respond:
        after = QStringLiteral("sending its answer for %1").arg(key);
        break;
    }
    return QStringLiteral("%1 crashes right after %2 — %3 attempt %4 and every request it was "
                          "working on get no answer and no further SQL; down for %5")
        .arg(server, after, request)
        .arg(attempt)
        .arg(seconds(downUs));
}

QString timedCrashCaption(const QString &server, qint64 downUs)
{
    return QStringLiteral("%1 crashes — every request it was working on gets no answer and no "
                          "further SQL, whatever step it had reached; down for %2")
        .arg(server, seconds(downUs));
}

QString restartCaption(const QString &server, qint64 downUs)
{
    return QStringLiteral("%1 is back up after %2: it remembers nothing of the requests it was "
                          "handling, only the DB does")
        .arg(server, seconds(downUs));
}

QString failCaption(const QString &server, const QString &request, int attempt, int status)
{
    return QStringLiteral("%1: the card network fails the charge of %2 attempt %3 with %4 — "
                          "nothing was charged")
        .arg(server, request)
        .arg(attempt)
        .arg(status);
}

QString cacheDownCaption(qint64 forUs)
{
    return QStringLiteral("The shared cache goes down for %1: servers that ask it get no answer")
        .arg(seconds(forUs));
}

QString cacheUpCaption()
{
    return QStringLiteral("The shared cache is back: its keys are as they were");
}

QString partitionCaption(qint64 forUs)
{
    return QStringLiteral("The replication link between DB A and DB B is cut for %1: rows "
                          "written meanwhile queue and flow after the heal")
        .arg(seconds(forUs));
}

QString healCaption()
{
    return QStringLiteral("The replication link is healed: the queued rows flow to the other "
                          "DB after the lag");
}

} // namespace idem::eventtext
