#pragma once

#include "live/blockingkeylock.h"
#include "live/clusterconnections.h"
#include "live/dbwriter.h"
#include "live/liverecorder.h"
#include "live/peerlink.h"
#include "live/replicationlink.h"
#include "live/walcheckpointer.h"
#include "model/node.h"
#include "protocol/runtime.h"
#include "sim/topology.h"
#include "storage/cachestore.h"
#include "storage/clusterdatabase.h"
#include "storage/outbox.h"

#include <QMutex>
#include <QThreadStorage>
#include <QUrl>
#include <QWaitCondition>

#include <array>
#include <atomic>
#include <memory>

namespace idem {

struct ReplicationBatch;

/// The nodes live mode uses (see LiveSession::nodes()): one client, one server per cluster.
struct LiveTopology
{
    /// The roles of a live session's nodes, as the simulation classifies them.
    explicit LiveTopology(const Topology &topology)
        : client(topology.clients.value(0, 0)), server{topology.servers[0].value(0, -1),
                                                       topology.servers[1].value(0, -1)},
          db(topology.db), cache(topology.cache)
    {}

    int client = 0; ///< the "external client": whoever sends the HTTP requests
    std::array<int, 2> server = {-1, -1};
    std::array<int, 2> db = {-1, -1};
    int cache = -1;
};

/// The Runtime of live mode: real time and real threads. The ClaimHandler runs on the
/// thread that serves the request and every continuation runs at once on that thread, but
/// with queueWrites() a write's continuation runs later on the DB writer's thread:
/// - `after` sleeps the operation time (--op-ms) for real;
/// - `db` runs a write through the cluster's DbWriter (one connection per DB; what is
///   queued meanwhile commits in one transaction) and a read on this thread's own
///   connection, after half of --db-ms and before the other half (slept for real);
/// - `cache` is the SharedCache of both clusters: a CacheStore in memory, or a RedisCache
///   (SET NX PX in a real Redis); each command names its holder (server and request);
/// - `lock` is a BlockingKeyLock per cluster: the thread blocks until it holds the key (with
///   queueWrites(), it leaves the rest of the request to the holder's unlock());
/// - replication is a ReplicationLink thread applying each written row after the lag;
/// - a WalCheckpointer thread copies the WAL into the files, off the request path.
/// Events go to a LiveRecorder with the same wording as the simulation's.
class LiveRuntime : public Runtime
{
public:
    /// `nodes` and `recorder` must outlive the runtime. `cache` null: a CacheStore in memory.
    LiveRuntime(const Settings &settings, const QVector<Node> &nodes, const LiveTopology &topology,
                LiveRecorder &recorder, std::unique_ptr<SharedCache> cache = {});
    ~LiveRuntime() override;

    /// A process that hosts one cluster only (`serve --cluster`), replicating to the process
    /// of the other one over HTTP (PeerLink) instead of between two local files.
    struct PeerOptions
    {
        int cluster = 0;   ///< the cluster this process hosts
        QUrl url;          ///< the peer's base URL
        PeerLink::Log log; ///< the link's lines (peer gone, peer back); empty = qWarning
    };
    /// Hosts `peer.cluster` only. Call before open(). From then on nowUs(), the protocol's
    /// clock (the DB rows' times, leases, key TTLs), is wall-clock epoch microseconds, which
    /// the peer process and this cluster after a restart share; events keep sessionUs().
    void hostOnly(const PeerOptions &peer)
    {
        m_peer = peer;
        m_clockOffsetUs = Outbox::epochUs() - m_recorder.nowUs();
    }
    /// Whether this process hosts `cluster`'s DB.
    [[nodiscard]] bool hosts(int cluster) const { return !m_peer || m_peer->cluster == cluster; }
    /// Whether this process hosts one cluster and a peer process the other.
    [[nodiscard]] bool peerMode() const { return m_peer.has_value(); }
    /// Rows of the hosted `cluster` not yet acknowledged by the peer, counted now; -1 if the
    /// DB cannot be read.
    [[nodiscard]] qint64 outboxBacklog(int cluster);
    /// The link to the peer (peer mode with replication on), else null.
    [[nodiscard]] const PeerLink *peerLink() const { return m_peerLink.get(); }

    /// `serve --crash-after STEP[:N]`: the process ends for real (SIGKILL: no cleanup, no
    /// checkpoint), right after the `nth` time a request passes `step`, as a crash fault of the
    /// simulation would end its server; one line goes to stderr first.
    struct CrashAfter
    {
        ProtocolStep step = ProtocolStep::Claim;
        int nth = 1;
        QString spec; ///< as given ("charge:2"), for the line
    };
    /// Arms the crash. Call before open().
    void crashAfter(const CrashAfter &crash) { m_crash = crash; }
    /// Queues the protocol's writes instead of waiting for them. Call before open(), for a
    /// session where nothing sleeps or blocks (no worker pool, no Redis, no --crash-after):
    /// db() hands a write to the cluster's DbWriter thread and returns at once, and `done` runs
    /// on that thread after the COMMIT, so an HTTP I/O thread goes on parsing other requests
    /// meanwhile and a batch holds the statements of every request in flight. A lock() on a
    /// held key is queued too: the holder's unlock() runs the waiter's rest.
    void queueWrites() { m_queueWrites = true; }
    /// With queueWrites(): waits until every queued write has committed and its continuation
    /// has run (each request then has its answer, or waits for nothing of the DB). Call after
    /// the HTTP side has stopped handing over new requests.
    void drainWrites();

    /// Opens (creating or reusing) cluster-a.sqlite and cluster-b.sqlite in `dbDir` (only the
    /// hosted one in peer mode) from this thread, and starts replication; an error line on
    /// failure.
    [[nodiscard]] std::optional<QString> open(const QString &dbDir);
    /// Ends every sleep at once, and makes later ones return at once: requests in flight
    /// finish quickly (lock waits too, as holders no longer sleep), and consistently.
    void interrupt();
    /// Applies a batch the peer process sent (POST /replication) to the hosted cluster's DB in
    /// one transaction, with the events of the in-process link. Idempotent: a row sent again
    /// is applied once.
    struct PeerApplied
    {
        int applied = 0; ///< rows that changed the DB
        QString error;   ///< empty on success (nothing applied otherwise)
    };
    [[nodiscard]] PeerApplied applyPeerBatch(const ReplicationBatch &batch);

    /// Stops replication (returns rows left unsent) and checkpoints both DBs. Call after
    /// every thread that served requests has ended, from the thread that called open().
    struct CloseReport
    {
        qsizetype unsentRows = 0; ///< in peer mode: kept in the outbox, sent after a restart
        QStringList errors;
    };
    CloseReport close();

    IDEM_RUNTIME_PORT(override)

    /// Microseconds since the session started: the time of events and attempts.
    [[nodiscard]] qint64 sessionUs() const { return m_recorder.nowUs(); }
    /// Logs a message between two nodes at this moment (an HTTP request or response).
    void message(int from, int to, int request, const QString &key, int status,
                 const QString &label, const QString &caption);

    /// Ledger totals of one cluster's DB (all rows, or one stored key's), read on this
    /// thread's connection; nullopt if it cannot be opened.
    [[nodiscard]] std::optional<ClusterDatabase::Totals> ledgerTotals(int cluster,
                                                                      const QString &key);
    /// The DB connections opened on the thread that called open() (for read-backs).
    [[nodiscard]] ClusterDatabase &ownerDatabase(int cluster) { return *m_owner[size_t(cluster)]; }
    [[nodiscard]] int replicationConflicts() const { return m_conflicts.load(); }
    [[nodiscard]] const LiveTopology &topology() const { return m_topology; }
    /// A number for a new exchange (HandlerContext::exchange), unique in this runtime.
    [[nodiscard]] quint64 nextExchange() { return m_exchanges.fetch_add(1) + 1; }
    [[nodiscard]] const QString &nodeName(int node) const { return m_nodes[node].name; }
    [[nodiscard]] LiveRecorder &recorder() { return m_recorder; }
    [[nodiscard]] QString filePath(int cluster) const { return m_files[size_t(cluster)]; }

private:
    /// This thread's connection to `cluster`'s file, opened on first use; null + error.
    ClusterDatabase *threadDatabase(int cluster, QString *error);
    /// An event of a request at this moment, for the caller to describe.
    [[nodiscard]] static Event event(EventType type, int from, int to, int request,
                                     const QString &key);
    void sleepUs(qint64 us);
    /// After a statement: its events (sent at `sentUs`, back `backUs` after now) and the rows
    /// it changed queued for replication.
    void statementDone(const HandlerContext &ctx, const DbCommand &command, DbResult &result,
                       qint64 sentUs, qint64 backUs);
    void replicate(int fromCluster, const DbResult &result, bool keyRow, const QString &label);
    void replicaApplied(const ReplicationLink::Item &item, ReplicaOutcome outcome, int localOrigin);

    const Settings m_settings;
    const QVector<Node> &m_nodes;
    const LiveTopology m_topology;
    LiveRecorder &m_recorder;
    const int m_id; ///< distinguishes connection names of sessions in one process

    std::array<QString, 2> m_files;
    std::array<std::unique_ptr<ClusterDatabase>, 2> m_owner;
    QThreadStorage<ClusterConnections *> m_threadDbs; ///< deleted as each thread ends
    /// Connections applying the peer's rows: without the outbox triggers, so that a replica
    /// is never sent back.
    QThreadStorage<ClusterConnections *> m_replicaDbs;
    std::atomic<int> m_connections{0};
    std::array<QMutex, 2> m_writeLocks; ///< one writer per DB, as SQLite allows, but fair
    std::array<std::unique_ptr<DbWriter>, 2> m_writers; ///< the protocol's statements, per DB
    std::array<BlockingKeyLock, 2> m_locks;
    const std::unique_ptr<SharedCache> m_cache;
    const QString m_holderSuffix; ///< tells this runtime's holders from another process's
    std::unique_ptr<ReplicationLink> m_replication;
    std::optional<PeerOptions> m_peer;
    std::optional<CrashAfter> m_crash;
    bool m_queueWrites = false;
    qint64 m_clockOffsetUs = 0; ///< nowUs() - sessionUs(): 0, or in peer mode the epoch at start
    std::atomic<int> m_crashSteps{0}; ///< times a request passed m_crash->step
    std::unique_ptr<PeerLink> m_peerLink;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    std::atomic<int> m_conflicts{0};
    std::atomic<quint64> m_exchanges{0};

    QMutex m_sleepMutex;
    QWaitCondition m_wakeSleepers;
    bool m_interrupted = false;
};

} // namespace idem
