#pragma once

#include "model/fault.h"

#include <QHash>
#include <QString>
#include <QVector>

#include <optional>

namespace idem {

/// A time window of a fault: the cache down, the replication link cut.
struct FaultWindow
{
    qint64 fromUs = 0;
    qint64 untilUs = 0;
    [[nodiscard]] bool covers(qint64 t) const { return t >= fromUs && t < untilUs; }
};

/// What the link does to one replication message.
enum class ReplicaFate : quint8
{
    Delivered, ///< it arrives once, as it should
    Lost,      ///< it never arrives
    Doubled,   ///< it arrives, then a second copy of it arrives
};

/// The faults of a scenario (Scenario::faults), asked by the simulation as it runs: does this
/// server crash after this step of this attempt, does this attempt's charge fail, is the cache
/// reachable now, when does a row written now cross the replication link.
class FaultPlan
{
public:
    explicit FaultPlan(const QVector<FaultSpec> &faults);

    /// The crash of `server` (node id) right after `step` of attempt `attempt` of `request`.
    [[nodiscard]] const FaultSpec *crash(const QString &server, const QString &request, int attempt,
                                         FaultStep step) const;
    /// The status the business operation of this attempt fails with, 0 if it succeeds.
    [[nodiscard]] int failure(const QString &request, int attempt) const;
    /// True when this attempt's `message` is delivered twice.
    [[nodiscard]] bool duplicates(const QString &request, int attempt, FaultMessage message) const;
    /// True when the cache does not answer at `t`.
    [[nodiscard]] bool cacheDown(qint64 t) const;
    /// When a row written at `writtenUs` reaches the other DB, `lagUs` after it leaves: rows
    /// written during a partition queue until the heal; a row in flight when the link is cut
    /// arrives when it heals.
    [[nodiscard]] qint64 replicaArrival(qint64 writtenUs, qint64 lagUs) const;

    /// The fate of the `nth` message (1 = the first) `cluster` sends to the other DB, sent at
    /// `sentUs`; `previousUs` is when its message before was sent (-1 for the first). A
    /// message both lost and doubled is lost.
    [[nodiscard]] ReplicaFate replicaFate(int cluster, int nth, qint64 sentUs,
                                          qint64 previousUs) const;

    /// The crashes at a time (FaultSpec::atUs), as the simulation schedules them.
    [[nodiscard]] const QVector<FaultSpec> &timedCrashes() const { return m_timedCrashes; }
    [[nodiscard]] const QVector<FaultWindow> &cacheOutages() const { return m_cacheDown; }
    [[nodiscard]] const QVector<FaultWindow> &partitions() const { return m_partitions; }

private:
    [[nodiscard]] static std::optional<qint64> healOf(const QVector<FaultWindow> &windows,
                                                      qint64 t);

    QHash<QString, QVector<FaultSpec>> m_byRequest; ///< crash, duplicate, fail: by request id
    QVector<FaultSpec> m_timedCrashes;
    QVector<FaultWindow> m_cacheDown;
    QVector<FaultWindow> m_partitions;
    QVector<FaultSpec> m_replicas; ///< dropReplica, duplicateReplica
};

} // namespace idem
