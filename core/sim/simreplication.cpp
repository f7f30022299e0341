// SimRuntime's replication link: each row a write leaves crosses to the other DB after the
// lag, unless the plan cuts the link (it queues), loses the message or delivers it twice.
// Kept apart from simruntime.cpp, which runs the servers' DB, cache and lock steps.
#include "sim/simruntime.h"

#include "sim/eventtext.h"

namespace idem {

namespace {

/// How long after the first copy of a doubled message its second copy arrives.
constexpr qint64 copyGapUs = 100'000;

} // namespace

void SimRuntime::replicate(int fromCluster, const DbResult &result, bool keyRow,
                           const QString &label)
{
    if (!m_settings.replication)
        return;
    const int from = m_topology.db[size_t(fromCluster)];
    const int to = m_topology.db[size_t(1 - fromCluster)];
    const qint64 written = m_kernel.now();
    const int nth = ++m_replicasSent[size_t(fromCluster)];
    const ReplicaFate fate =
        m_faults.replicaFate(fromCluster, nth, written, m_lastReplicaUs[size_t(fromCluster)]);
    m_lastReplicaUs[size_t(fromCluster)] = written;
    const qint64 arrives = m_faults.replicaArrival(written, m_settings.lagUs);
    if (fate == ReplicaFate::Lost) {
        loseReplica(from, to,
                    keyRow ? eventtext::keyReplicaLabel(label, result.row)
                           : eventtext::ledgerReplicaLabel(result.ledger),
                    label, keyRow, written, arrives);
        return;
    }
    deliverReplica(from, to, result, keyRow, label, written, arrives, false);
    if (fate == ReplicaFate::Doubled)
        deliverReplica(from, to, result, keyRow, label, written, arrives + copyGapUs, true);
}

void SimRuntime::deliverReplica(int from, int to, const DbResult &result, bool keyRow,
                                const QString &label, qint64 writtenUs, qint64 arrivesUs, bool copy)
{
    // Capture only the row that travels: this runs for every write of every request.
    if (keyRow) {
        m_kernel.at(arrivesUs, [this, from, to, row = result.row, writtenUs, label, copy] {
            KeyRow local;
            if (m_trace)
                m_trace->push_back({SqlTraceEntry::Kind::KeyReplica,
                                    m_nodes[to].cluster,
                                    m_kernel.now(),
                                    {},
                                    row,
                                    {}});
            const ReplicaOutcome outcome =
                m_dbs[size_t(m_nodes[to].cluster)]->applyKeyReplica(row, &local);
            if (outcome == ReplicaOutcome::Conflict)
                ++m_conflicts;
            // The copy expires with its original: its clock runs from the original claim
            // (a second copy of one message has its reaper already).
            if (outcome == ReplicaOutcome::Applied && !copy)
                scheduleReap(m_nodes[to].cluster, row, label);
            Event &e = log(eventtext::keyReplicaEventType(outcome), from, to, -1, label, {});
            eventtext::describeKeyReplica(e, nodeName(from), nodeName(to), label, row, outcome,
                                          local.origin);
            if (copy)
                eventtext::describeReplicaCopy(e, nodeName(from), nodeName(to), label,
                                               eventtext::keyReplicaLabel(label, row), true,
                                               outcome == ReplicaOutcome::Applied);
            e.startUs = writtenUs;
            e.endUs = m_kernel.now();
        });
        return;
    }
    m_kernel.at(arrivesUs, [this, from, to, row = result.ledger, writtenUs, label, copy] {
        if (m_trace)
            m_trace->push_back({SqlTraceEntry::Kind::LedgerReplica,
                                m_nodes[to].cluster,
                                m_kernel.now(),
                                {},
                                {},
                                row});
        const bool inserted = m_dbs[size_t(m_nodes[to].cluster)]->applyLedgerReplica(row);
        Event &e = log(EventType::Replicate, from, to, -1, label, {});
        eventtext::describeLedgerReplica(e, nodeName(from), nodeName(to), label, row);
        if (copy) {
            eventtext::describeReplicaCopy(e, nodeName(from), nodeName(to), label,
                                           eventtext::ledgerReplicaLabel(row), false, inserted);
            if (!inserted)
                e.state.clear(); // nothing changed: the row was there
        }
        e.startUs = writtenUs;
        e.endUs = m_kernel.now();
    });
}

void SimRuntime::loseReplica(int from, int to, const QString &what, const QString &label,
                             bool keyRow, qint64 writtenUs, qint64 arrivesUs)
{
    // Drawn as a lost request is: it leaves, travels half way and falls out of the link.
    Event &sent = log(
        EventType::Send, from, to, -1, label,
        eventtext::replicaSentCaption(nodeName(from), nodeName(to), what, arrivesUs - writtenUs));
    sent.label = what;
    sent.startUs = writtenUs;
    sent.endUs = arrivesUs;
    sent.lost = true;
    const qint64 half = writtenUs + (arrivesUs - writtenUs) / 2;
    m_kernel.at(half, [this, from, to, what, label, keyRow, writtenUs, arrivesUs] {
        Event &f = log(EventType::Fault, from, to, -1, label,
                       eventtext::replicaLostCaption(nodeName(to), label, what, keyRow));
        f.label = what;
        f.startUs = writtenUs;
        f.endUs = arrivesUs;
        f.lost = true;
    });
}

} // namespace idem
