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
    }
    return {};
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
        return server % L1(": ") % key % L1(" marked CONSUMED in ") % db % L1(" with the stored ") %
               QString::number(cmd.responseCode) % L1(" response");
    }
    return {};
}

QString cacheCaption(const QString &server, const CacheCommand &cmd, const CacheResult &r,
                     const QString &key)
{
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
    else if (result.changed)
        e.state = result.row.status;
}

void describeCache(Event &e, const QString &server, const QString &key, const CacheCommand &command,
                   const CacheResult &result)
{
    e.caption = cacheCaption(server, command, result, key);
    e.label = (command.op == CacheOp::ClaimNx ? QStringLiteral("SET NX ")
                                              : QStringLiteral("SET CONSUMED ")) +
              key;
    e.detail = CacheStore::commandText(command, key);
    if (result.done)
        e.state = result.entry.status;
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
    e.label = key + QLatin1Char(' ') + row.status;
}

void describeLedgerReplica(Event &e, const QString &fromDb, const QString &toDb, const QString &key,
                           const LedgerRow &row)
{
    e.caption = fromDb + QStringLiteral(" → ") + toDb + QStringLiteral(": replicated ledger row ") +
                row.id + QStringLiteral(" (") + key + QLatin1Char(')');
    e.label = QStringLiteral("ledger ") + row.id;
    e.state = row.id;
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

} // namespace idem::eventtext
