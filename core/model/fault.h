#pragma once

#include <QString>

namespace idem {

/// The faults a scenario injects on purpose (DESIGN.md, "Faults and protocol variants"),
/// beside the scripted drops (Scenario::drops).
enum class FaultKind : quint8
{
    Crash,     ///< a server dies right after a protocol step of one request's attempt, or at a time
    CacheDown, ///< the shared cache does not answer from `fromUs` until `untilUs`
    Partition, ///< the replication link is cut from `fromUs` until `untilUs`
    Duplicate, ///< a message of one request's attempt is delivered twice
    Fail,      ///< the business operation of one request's attempt fails with `status`
    DropReplica,      ///< one replication message of a cluster is lost on the link
    DuplicateReplica, ///< one replication message of a cluster arrives twice
};

/// The protocol step a crash follows (as ProtocolStep, which model/ cannot name).
enum class FaultStep : quint8
{
    Claim,
    Charge,
    Consume,
    Respond,
};

/// Which message a `duplicate` copies.
enum class FaultMessage : quint8
{
    Request,  ///< the request, client to router: the router forwards it twice
    Response, ///< the response, router to client
};

/// One fault of a scenario; the fields a kind does not use keep their defaults.
struct FaultSpec
{
    FaultKind kind = FaultKind::Crash;
    QString server; ///< Crash: the server's node id, "server-a1"
    FaultStep step = FaultStep::Claim;
    QString request;           ///< Crash, Duplicate, Fail: RequestSpec::id
    int attempt = 1;           ///< Crash, Duplicate, Fail: 1 = the first attempt
    qint64 downUs = 5'000'000; ///< Crash: how long the server stays down
    /// Crash: when the server dies, whatever it is doing ("crash now" in the app), instead of
    /// after `step` of `request`'s `attempt`; -1 = after the step. DropReplica,
    /// DuplicateReplica: the message is the first one `cluster` sends at or after it, instead
    /// of its `nth`.
    qint64 atUs = -1;
    qint64 fromUs = 0;                            ///< CacheDown, Partition
    qint64 untilUs = 0;                           ///< CacheDown, Partition: the heal
    FaultMessage message = FaultMessage::Request; ///< Duplicate
    int status = 502;                             ///< Fail: the status the operation fails with
    int cluster = 0; ///< DropReplica, DuplicateReplica: the cluster sending (0 = A, 1 = B)
    /// DropReplica, DuplicateReplica: which of the messages `cluster` sends to the other DB
    /// (every claim, charge and CONSUMED write is one), 1 = the first; used when atUs < 0.
    int nth = 1;
};

/// "crash", "cacheDown", "partition", "duplicate", "fail", "dropReplica", "duplicateReplica":
/// as scenario files name them.
[[nodiscard]] QString faultKindName(FaultKind kind);
/// "claim", "charge", "consume", "respond".
[[nodiscard]] QString faultStepName(FaultStep step);

} // namespace idem
