#pragma once

#include "model/event.h"
#include "model/node.h"
#include "model/rows.h"
#include "model/scenario.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QVector>

namespace idem {

/// How an attempt ended for its client.
enum class AttemptOutcome : quint8
{
    Pending,  ///< not finished (only while a run is in progress)
    Answered, ///< a response arrived in time
    TimedOut, ///< the client gave up waiting
};

/// "pending", "answered" or "timeout", as the JSON outputs write an attempt's outcome.
[[nodiscard]] QString attemptOutcomeName(AttemptOutcome outcome);

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
    AttemptOutcome outcome = AttemptOutcome::Pending;
    qint64 sentUs = 0;
    qint64 receivedUs = -1;
    PaymentBody body;
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

    /// How many anomalies of one kind, and items of a list (ledger ids, keys), a verdict names;
    /// the rest are counted ("and 4,809 more"). The JSON keeps every one.
    static constexpr int namedLimit = 3;
    static constexpr int listLimit = 6;

    [[nodiscard]] bool ok() const { return anomalies.isEmpty(); }
    /// One line: "OK: every key charged at most once" or the anomalies, each kind with its
    /// worst namedLimit keys and how many more ("DUPLICATE EFFECT: 4,812 keys charged more
    /// than once, the worst: key K17 charged 3 times (ledger …); …; and 4,809 more").
    [[nodiscard]] QString summary() const;
    /// `parts` (worst first) as one clause: all of them joined by "; " when there are at most
    /// namedLimit, else `many` (with %1 the count, "4,812 keys charged more than once")
    /// followed by the first namedLimit and "and N more". The banner says it the same way.
    [[nodiscard]] static QString namedFew(const QStringList &parts, const QString &many);
    /// "L1, L2" — past `limit` items, "L1, …, L6 and 44 more".
    [[nodiscard]] static QString listFew(const QStringList &items, int limit);
    /// "4,812": counts in the verdict are read by a class, grouped by thousands.
    [[nodiscard]] static QString countText(qsizetype n);
    /// The timeline's "verdict" object (docs/timeline-format.md); `run --json` shows its
    /// counts, anomalies and stuck keys the same way.
    [[nodiscard]] QJsonObject toJson() const;
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
    /// For each node, whether an event of the log starts or ends on it (the nodes a timeline
    /// that leaves the quiet lanes out draws).
    [[nodiscard]] QVector<bool> nodesInLog() const;
};

} // namespace idem
