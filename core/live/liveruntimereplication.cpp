#include "live/liveruntime.h"

#include "live/replicationbatch.h"
#include "sim/eventtext.h"
#include "storage/outbox.h"

#include <QMutexLocker>

// LiveRuntime's side of replication: the rows its writes queue for the other cluster (an
// in-process ReplicationLink or, in peer mode, the outbox), the peer's batches it applies,
// and the events of both.

namespace idem {

qint64 LiveRuntime::outboxBacklog(int cluster)
{
    QString error;
    ClusterDatabase *db = threadDatabase(cluster, &error);
    return db ? Outbox(*db).backlog() : -1;
}

LiveRuntime::PeerApplied LiveRuntime::applyPeerBatch(const ReplicationBatch &batch)
{
    PeerApplied out;
    const int local = 1 - batch.from;
    ClusterConnections *mine = m_replicaDbs.localData();
    if (!mine) {
        mine = new ClusterConnections(
            m_files, QStringLiteral("idemlab-replica-%1-%2").arg(m_id).arg(m_connections++),
            &m_owner);
        m_replicaDbs.setLocalData(mine);
    }
    ClusterDatabase *db = mine->get(local, &out.error);
    if (!db)
        return out;
    std::vector<std::pair<ReplicationLink::Item, std::pair<ReplicaOutcome, int>>> outcomes;
    const qint64 nowEpoch = Outbox::epochUs();
    const qint64 now = sessionUs();
    {
        QMutexLocker writing(&m_writeLocks[size_t(local)]);
        if (!db->beginBatch()) {
            out.error =
                QStringLiteral("cannot begin a transaction on DB %1").arg(clusterName(local));
            return out;
        }
        for (const ReplicationBatch::Row &row : batch.rows) {
            ReplicationLink::Item item;
            item.toCluster = local;
            item.keyRow = row.keyRow;
            item.key = row.key;
            item.ledger = row.ledger;
            // The sender's wall clock, in this session's time: how long ago it was written.
            item.writtenUs = now - std::max<qint64>(0, nowEpoch - row.writtenUs);
            KeyRow here;
            ReplicaOutcome outcome = ReplicaOutcome::Applied;
            if (row.keyRow)
                outcome = db->applyKeyReplica(row.key, &here);
            else if (!db->applyLedgerReplica(row.ledger))
                outcome = ReplicaOutcome::Stale; // already here: a batch sent again
            if (outcome == ReplicaOutcome::Applied)
                ++out.applied;
            outcomes.push_back({std::move(item), {outcome, here.origin}});
        }
        if (auto error = db->commitBatch()) {
            out.error = *error;
            out.applied = 0;
            return out;
        }
    }
    for (auto &[item, result] : outcomes) {
        if (!item.keyRow && result.first != ReplicaOutcome::Applied)
            continue; // a ledger row that was already here: nothing happened
        item.label = m_recorder.labelOf(item.keyRow ? item.key.rawKey : item.ledger.key);
        item.key.key = item.label;
        replicaApplied(item, result.first, result.second);
    }
    return out;
}

void LiveRuntime::replicate(int fromCluster, const DbResult &result, bool keyRow,
                            const QString &label)
{
    if (!m_replication)
        return;
    ReplicationLink::Item item;
    item.writtenUs = sessionUs();
    item.dueUs = item.writtenUs + m_settings.lagUs;
    item.toCluster = 1 - fromCluster;
    item.keyRow = keyRow;
    if (keyRow)
        item.key = result.row;
    else
        item.ledger = result.ledger;
    item.label = label;
    m_replication->enqueue(std::move(item));
}

void LiveRuntime::replicaApplied(const ReplicationLink::Item &item, ReplicaOutcome outcome,
                                 int localOrigin)
{
    if (item.keyRow && outcome == ReplicaOutcome::Conflict)
        ++m_conflicts;
    if (!m_recorder.recording())
        return;
    const int from = m_topology.db[size_t(1 - item.toCluster)];
    const int to = m_topology.db[size_t(item.toCluster)];
    Event e = event(EventType::Replicate, from, to, -1, item.label);
    e.startUs = item.writtenUs;
    e.endUs = sessionUs();
    if (item.keyRow) {
        e.type = eventtext::keyReplicaEventType(outcome);
        eventtext::describeKeyReplica(e, nodeName(from), nodeName(to), item.label, item.key,
                                      outcome, localOrigin);
    } else {
        eventtext::describeLedgerReplica(e, nodeName(from), nodeName(to), item.label, item.ledger);
    }
    m_recorder.append(std::move(e));
}

} // namespace idem
