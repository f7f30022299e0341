#pragma once

#include "model/event.h"
#include "model/node.h"
#include "model/scenario.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QVector>

namespace idem {

/// How an attempt ended for its client.
enum class Outcome : quint8
{
    Pending,  ///< not finished (only while a run is in progress)
    Answered, ///< a response arrived in time
    TimedOut, ///< the client gave up waiting
};

/// One HTTP attempt of a client request (a retry is a new attempt of the same request).
struct Attempt
{
    QString request;     ///< RequestSpec::id, e.g. "R1"
    int attempt = 1;     ///< 1 = first try
    int client = 0;      ///< index into Scenario::clients
    int clientNode = -1; ///< node index of the client
    QString key;         ///< key label, empty if sent without a key
    QString rawKey;      ///< the header value sent (a UUID), empty if none
    int cluster = -1;    ///< cluster that served it, -1 if it never got there
    int serverNode = -1; ///< node index of the server that handled it, -1 if none
    int status = 0;      ///< HTTP status the client received, 0 if none
    Outcome outcome = Outcome::Pending;
    qint64 sentUs = 0;
    qint64 receivedUs = -1;
    PaymentBody body;
};

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
    int origin = 0; ///< cluster that claimed it
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
};

/// Something that went wrong in a run.
struct Anomaly
{
    QString type; ///< "DUPLICATE_EFFECT"
    QString key;  ///< label
    int count = 0;
    QStringList ledgerIds; ///< the offending ledger rows
};

/// What a run amounts to.
struct Verdict
{
    QMap<int, int> statusCounts;    ///< HTTP status → attempts that received it
    int timeouts = 0;               ///< attempts that got no answer
    QMap<QString, int> sideEffects; ///< key label → distinct ledger rows across both DBs
    QVector<Anomaly> anomalies;
    QStringList stuckKeys; ///< keys left CREATED in some DB at the end
    int replicationConflicts = 0;

    [[nodiscard]] bool ok() const { return anomalies.isEmpty(); }
    /// One line: "OK: every key charged at most once" or the anomalies.
    [[nodiscard]] QString summary() const;
};

/// Everything a run produced: the log, the attempts, the final databases and the verdict.
struct RunResult
{
    Scenario scenario;
    QVector<Node> nodes;
    QVector<Event> events;
    QVector<Attempt> attempts;
    QVector<KeyRow> keys[2];
    QVector<LedgerRow> ledger[2];
    Verdict verdict;
    qint64 endUs = 0;

    /// The `run --json` object of DESIGN.md.
    [[nodiscard]] QJsonObject summaryJson() const;
    /// Node index by id, or -1.
    [[nodiscard]] int nodeIndex(const QString &id) const;
};

} // namespace idem
