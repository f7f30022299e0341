#include "report/whytext.h"

#include "sim/eventtext.h"
#include "timeline/durationtext.h"

#include <QJsonObject>

namespace idem {

namespace {

/// The engine's short label starts with the verb of what happened: "TAKEOVER K1", "SET NX K1".
bool labelIs(const Event &e, const char *verb)
{
    return e.label.startsWith(QLatin1String(verb));
}

QString brief(qint64 us)
{
    return durationText(us, DurationUnit::Brief);
}

/// Where a claim made on the other cluster shows up, in words.
QString otherClusterSees(const Settings &s)
{
    if (!s.replication)
        return QStringLiteral("never arrives (replication is off)");
    return QStringLiteral("arrives only %1 later (the replication lag)").arg(brief(s.lagUs));
}

QString validateWhy(const Event &e)
{
    if (e.status == 400)
        return QStringLiteral("Without a key the server cannot tell a retry from a new payment, so "
                              "it refuses rather than risk a second charge.");
    return {};
}

QString readWhy(const Event &e, const Settings &s)
{
    if (e.state == QLatin1String("absent") && e.t >= s.keyTtlUs)
        return QStringLiteral("To this server the key is new. Its DB keeps a key only %1 after "
                              "its claim (the time-to-live): a retry that comes later than that "
                              "is charged as a new payment.")
            .arg(brief(s.keyTtlUs));
    if (e.state == QLatin1String("absent"))
        return QStringLiteral("To this server the key is new: it sees only its own cluster's DB, "
                              "where a claim made on the other cluster %1.")
            .arg(otherClusterSees(s));
    if (e.state == QLatin1String("CREATED"))
        return QStringLiteral("Another attempt holds the claim and may be charging right now: "
                              "going on would risk a second charge.");
    if (e.state == QLatin1String("CONSUMED"))
        return QStringLiteral("The payment already happened: its stored answer can be sent again "
                              "without charging again.");
    return {};
}

QString writeWhy(const Event &e, const Settings &s)
{
    if (labelIs(e, "INSERT"))
        return e.state == QLatin1String("CREATED")
                   ? QStringLiteral("The claim is one conditional INSERT: of two requests racing "
                                    "for a key, exactly one gets the row.")
                   : QStringLiteral("Someone claimed the key first: this request must not charge.");
    if (labelIs(e, "UPSERT"))
        return QStringLiteral("No guard: between this server's SELECT and its write another "
                              "request can do the same, and then both charge.");
    if (labelIs(e, "LEDGER"))
        return QStringLiteral("This is the side effect the key protects: the money moves here, "
                              "and must move once per key.");
    if (labelIs(e, "CONSUMED"))
        return QStringLiteral("The key now holds the answer: every later retry gets this "
                              "response instead of a second charge.");
    if (labelIs(e, "TAKEOVER"))
        return QStringLiteral("The lease (%1) ran out: the holder is presumed dead, so this "
                              "request takes the key over with a higher generation.")
            .arg(brief(s.leaseUs));
    if (labelIs(e, "FENCED"))
        return QStringLiteral("This server lost its lease while it worked: the DB refuses its "
                              "stale generation, so only the new holder's answer counts.");
    if (labelIs(e, "ROLLBACK"))
        return QStringLiteral("The crash came before COMMIT: SQLite undid the ledger row, so a "
                              "retry charges exactly once.");
    if (labelIs(e, "DELETE"))
        return QStringLiteral("The key is released: a retry runs the payment again instead of "
                              "being told the old outcome.");
    if (labelIs(e, "REAP"))
        return QStringLiteral("A key cannot be kept forever: after %1 it is forgotten, and a "
                              "retry after that is charged as a new payment.")
            .arg(brief(s.keyTtlUs));
    return {};
}

QString cacheWhy(const Event &e, const Settings &s)
{
    if (labelIs(e, "SET NX")) {
        if (e.state == QLatin1String("CREATED"))
            return QStringLiteral("One shared place to claim: %1 from every server, where the "
                                  "other cluster's DB %2.")
                .arg(brief(s.cacheUs), otherClusterSees(s));
        return QStringLiteral("Both clusters ask the same cache, so it stops this duplicate "
                              "whichever cluster it reached.");
    }
    if (labelIs(e, "SET CONSUMED"))
        return QStringLiteral("The cache keeps the answer too, so a retry on either cluster gets "
                              "the same response.");
    if (labelIs(e, "NO ANSWER"))
        return s.cacheFailure == CacheFailure::Closed
                   ? QStringLiteral("Without the cache a duplicate on the other cluster cannot be "
                                    "seen, so this server refuses (fail closed): safe, not "
                                    "available.")
                   : QStringLiteral("This server goes on with its own DB alone (fail open): "
                                    "available, but blind to a duplicate on the other cluster.");
    return {};
}

QString faultWhy(const Event &e, const Settings &s)
{
    if (labelIs(e, "CRASH"))
        return s.leaseUs > 0
                   ? QStringLiteral("Whatever the server claimed stays CREATED with no one to "
                                    "finish it, until the lease (%1) lets a retry take it over.")
                         .arg(brief(s.leaseUs))
                   : QStringLiteral("Whatever the server claimed stays CREATED with no one to "
                                    "finish it: with no lease, every retry gets 409.");
    if (labelIs(e, "RESTART"))
        return QStringLiteral("A restart brings the server back, not its work: only what reached "
                              "the DB survives.");
    if (labelIs(e, "CACHE DOWN"))
        return s.cacheFailure == CacheFailure::Closed
                   ? QStringLiteral("Servers now refuse with 503 rather than claim blind: safe, "
                                    "but unavailable until the cache returns.")
                   : QStringLiteral("Servers now claim in their own DB only: available, but a "
                                    "duplicate on the other cluster goes unseen.");
    if (labelIs(e, "PARTITION"))
        return QStringLiteral("While the link is cut each cluster sees only its own claims: the "
                              "shared cache is the only guard left between them.");
    if (labelIs(e, "FAIL"))
        return s.errorPolicy == ErrorPolicy::Store
                   ? QStringLiteral("The error will be the key's stored result: a retry gets the "
                                    "same answer, never a second try at the card.")
                   : QStringLiteral("The key will be released: a retry runs the payment again, "
                                    "and may succeed.");
    if (!e.lost)
        return {};
    if (labelIs(e, "POST"))
        return QStringLiteral("The request never reached a server: its retry, same key, is a "
                              "first attempt as far as the servers know.");
    if (labelIs(e, "LOST"))
        return QStringLiteral("Nobody will answer: the client waits for its timeout, then "
                              "retries with the same key.");
    if (!e.label.isEmpty() && e.label[0] == QLatin1Char('2'))
        return QStringLiteral("The payment happened but its answer is lost: the client cannot "
                              "tell, so it will retry with the same key.");
    return {};
}

bool isDb(const RunResult &run, int node)
{
    return node >= 0 && node < run.nodes.size() && run.nodes[node].kind == NodeKind::Database;
}

/// A replication message the link lost, or the second copy of one it delivered twice.
QString replicaFaultWhy(const Event &e)
{
    if (e.type == EventType::Replicate || e.type == EventType::Conflict)
        return QStringLiteral("Links deliver twice (a resend after a lost acknowledgement): "
                              "replication must be idempotent, so a second copy of a row "
                              "changes nothing.");
    const bool keyRow =
        e.label.endsWith(QLatin1String(" CREATED")) || e.label.endsWith(QLatin1String(" CONSUMED"));
    if (!keyRow)
        return QStringLiteral("The payment still happened once, but the other cluster's ledger "
                              "will never show it: totals read there are wrong.");
    return QStringLiteral("Replication is no guard: the other cluster's servers judge a retry "
                          "by their own DB alone. Only a shared claim (the cache) covers both "
                          "clusters.");
}

QString respondWhy(const Event &e)
{
    if (e.state.startsWith(QLatin1String("REPLAYED")))
        return QStringLiteral("The replay is what makes a retry safe: the client learns the "
                              "outcome of the payment it already made, and pays nothing more.");
    if (e.status == 409)
        return QStringLiteral("The first attempt is still running: the client should try again "
                              "after Retry-After, with the same key.");
    return {};
}

} // namespace

QString whyOf(const RunResult &run, const Event &e)
{
    const Settings &s = run.scenario.settings;
    switch (e.type) {
    case EventType::Validate:
        return validateWhy(e);
    case EventType::DbRead:
        return readWhy(e, s);
    case EventType::DbWrite:
        return writeWhy(e, s);
    case EventType::CacheOp:
        return cacheWhy(e, s);
    case EventType::Fault:
        if (e.lost && isDb(run, e.from) && isDb(run, e.to))
            return replicaFaultWhy(e);
        return faultWhy(e, s);
    case EventType::Respond:
        return respondWhy(e);
    case EventType::Receive:
        if (e.status == 409)
            return QStringLiteral("What to do after a 409: wait for Retry-After, then send the "
                                  "same request with the same key.");
        if (e.status == 400)
            return QStringLiteral("Nothing was charged, so the client can fix its request: add "
                                  "an Idempotency-Key and send it again.");
        return {};
    case EventType::Timeout:
        return QStringLiteral("A timeout says nothing about the payment: it may have happened. "
                              "Only a retry with the same key is safe.");
    case EventType::LockWait:
        return QStringLiteral("The per-key lock makes SELECT and INSERT one step: this request "
                              "waits instead of racing.");
    case EventType::Replicate:
        if (e.label.endsWith(eventtext::replicaCopySuffix()))
            return replicaFaultWhy(e);
        return QStringLiteral("Replication is asynchronous: until this row arrives, the two "
                              "clusters disagree about the key.");
    case EventType::Conflict:
        if (e.label.endsWith(eventtext::replicaCopySuffix()))
            return replicaFaultWhy(e);
        return QStringLiteral("Both clusters claimed the key on their own: each was right by its "
                              "DB, and the lag hid the other's claim.");
    case EventType::Anomaly:
        if (labelIs(e, "DUPLICATE"))
            return QStringLiteral("The client asked once and paid more than once: exactly what "
                                  "the key is there to prevent.");
        return {};
    case EventType::Send:
        if (!labelIs(e, "POST") || e.from < 0 || e.from >= run.nodes.size() ||
            run.nodes[e.from].kind != NodeKind::Client)
            return {};
        if (e.key.isEmpty())
            return QStringLiteral("No Idempotency-Key on this payment: if it has to be retried, "
                                  "no server could tell the retry from a new payment.");
        return QStringLiteral("The Idempotency-Key names this payment: a retry carries the same "
                              "key, so the server can tell it from a new one.");
    case EventType::Deliver:
    case EventType::LockAcquire:
    case EventType::LockRelease:
    case EventType::OpStart:
    case EventType::OpEnd:
        break;
    }
    return {};
}

QJsonArray keyEventsJson(const RunResult &run)
{
    QJsonArray list;
    for (const Event &e : run.events) {
        const QString why = whyOf(run, e);
        if (why.isEmpty())
            continue;
        const bool named = e.from >= 0 && e.from < run.nodes.size();
        list.append(QJsonObject{
            {QStringLiteral("seq"), e.seq},
            {QStringLiteral("t"), e.t},
            {QStringLiteral("type"), eventTypeName(e.type)},
            {QStringLiteral("node"), named ? QJsonValue(run.nodes[e.from].name) : QJsonValue()},
            {QStringLiteral("caption"), e.caption},
            {QStringLiteral("why"), why},
        });
    }
    return list;
}

} // namespace idem
