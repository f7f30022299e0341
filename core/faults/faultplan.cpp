#include "faults/faultplan.h"

namespace idem {

FaultPlan::FaultPlan(const QVector<FaultSpec> &faults)
{
    for (const FaultSpec &f : faults) {
        switch (f.kind) {
        case FaultKind::CacheDown:
            m_cacheDown.append({f.fromUs, f.untilUs});
            break;
        case FaultKind::Partition:
            m_partitions.append({f.fromUs, f.untilUs});
            break;
        case FaultKind::Crash:
            if (f.atUs >= 0) {
                m_timedCrashes.append(f);
                break;
            }
            m_byRequest[f.request].append(f);
            break;
        case FaultKind::Duplicate:
        case FaultKind::Fail:
            m_byRequest[f.request].append(f);
            break;
        case FaultKind::DropReplica:
        case FaultKind::DuplicateReplica:
            m_replicas.append(f);
            break;
        }
    }
}

const FaultSpec *FaultPlan::crash(const QString &server, const QString &request, int attempt,
                                  FaultStep step) const
{
    const auto it = m_byRequest.constFind(request);
    if (it == m_byRequest.cend())
        return nullptr;
    for (const FaultSpec &f : *it)
        if (f.kind == FaultKind::Crash && f.attempt == attempt && f.step == step &&
            f.server == server)
            return &f;
    return nullptr;
}

int FaultPlan::failure(const QString &request, int attempt) const
{
    const auto it = m_byRequest.constFind(request);
    if (it == m_byRequest.cend())
        return 0;
    for (const FaultSpec &f : *it)
        if (f.kind == FaultKind::Fail && f.attempt == attempt)
            return f.status;
    return 0;
}

bool FaultPlan::duplicates(const QString &request, int attempt, FaultMessage message) const
{
    const auto it = m_byRequest.constFind(request);
    if (it == m_byRequest.cend())
        return false;
    for (const FaultSpec &f : *it)
        if (f.kind == FaultKind::Duplicate && f.attempt == attempt && f.message == message)
            return true;
    return false;
}

ReplicaFate FaultPlan::replicaFate(int cluster, int nth, qint64 sentUs, qint64 previousUs) const
{
    ReplicaFate fate = ReplicaFate::Delivered;
    for (const FaultSpec &f : m_replicas) {
        if (f.cluster != cluster)
            continue;
        // By time: the first message sent at or after atUs, the one whose predecessor was
        // sent before it.
        const bool named =
            f.atUs >= 0 ? sentUs >= f.atUs && (nth == 1 || previousUs < f.atUs) : f.nth == nth;
        if (!named)
            continue;
        if (f.kind == FaultKind::DropReplica)
            return ReplicaFate::Lost;
        fate = ReplicaFate::Doubled;
    }
    return fate;
}

bool FaultPlan::cacheDown(qint64 t) const
{
    for (const FaultWindow &w : m_cacheDown)
        if (w.covers(t))
            return true;
    return false;
}

std::optional<qint64> FaultPlan::healOf(const QVector<FaultWindow> &windows, qint64 t)
{
    // Windows may overlap: follow them until t is outside every one.
    std::optional<qint64> heal;
    bool moved = true;
    while (moved) {
        moved = false;
        for (const FaultWindow &w : windows) {
            if (w.covers(t)) {
                t = w.untilUs;
                heal = t;
                moved = true;
            }
        }
    }
    return heal;
}

qint64 FaultPlan::replicaArrival(qint64 writtenUs, qint64 lagUs) const
{
    if (m_partitions.isEmpty())
        return writtenUs + lagUs;
    const qint64 leaves = healOf(m_partitions, writtenUs).value_or(writtenUs);
    const qint64 arrives = leaves + lagUs;
    // Cut while in flight: it waits on the link for the heal.
    for (const FaultWindow &w : m_partitions)
        if (w.fromUs > leaves && w.fromUs < arrives)
            return std::max(arrives, healOf(m_partitions, w.fromUs).value_or(arrives));
    return arrives;
}

} // namespace idem
