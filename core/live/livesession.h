#pragma once

#include "live/clusterapi.h"
#include "live/redisaddress.h"
#include "model/runresult.h"
#include "model/settings.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <array>
#include <functional>
#include <memory>
#include <optional>

namespace idem {

/// One HTTP exchange a live session served, for an access log.
struct ServedCall
{
    int cluster = 0;
    QByteArray method;
    QString path;
    QString key; ///< the Idempotency-Key value as sent (empty if none)
    int status = 0;
    qint64 startUs = 0; ///< session time the request was read
    qint64 endUs = 0;   ///< session time the response was ready
};

/// Live mode: cluster A and cluster B as real HTTP servers on two ports, each with its own
/// SQLite file (WAL) under a folder, the shared cache between them, replication after the
/// lag, and the simulation's ClaimHandler serving `POST /payments` in real time on real
/// threads (one handler, two clocks). Used by `idemlab-cli serve` and the app's Live switch.
///
/// Usage (from one thread, typically the GUI's):
/// \code
///   LiveSession live;
///   connect(&live, &LiveSession::eventRecorded, model, &Model::append); // queued
///   LiveSession::Options o;
///   o.settings.mutex = true;
///   if (!live.start(o)) showError(live.errorString());
///   ... live.baseUrl(0), live.port(1), live.dbDir() ...
///   RunResult r = live.snapshot();  // for the scene, the timeline and the exporters
///   live.stop();
/// \endcode
///
/// Events carry the same types, captions and node indices as a simulated run over the node
/// list nodes(): "External client", "Router" (never used live: the port picks the cluster),
/// "Server A1", "DB A", "Cache", "DB B", "Server B1". Event::request indexes
/// RunResult::attempts (one attempt per `POST /payments`, named "H1", "H2", ...); times are
/// microseconds since start(). Real hops on loopback take microseconds, so a `send` has
/// startUs == endUs: the GUI chooses how long to show it.
class LiveSession : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)

public:
    struct Options
    {
        /// The toggles and times as in a simulation. Live mode uses mutex, cache,
        /// replication, opMs (slept for real), dbMs and cacheMs (half slept before the real
        /// statement, half after), lagMs, cacheTtlMs and replay; the network ones (delay,
        /// router, jitter, loss, timeout, retries) and serversPerCluster do not apply.
        Settings settings;
        QHostAddress address = QHostAddress(QHostAddress::LocalHost);
        std::array<quint16, 2> ports = {8081, 8082}; ///< 0 = any free port
        QString dbDir; ///< empty = a new folder under the system temp dir (kept after stop)
        bool recordEvents = true;      ///< false: no events, attempts or labels (benchmarks)
        qsizetype maxEvents = 200'000; ///< recording stops at this many events
        /// Worker threads for `POST /payments`. 0 = automatic: the I/O threads serve
        /// requests themselves when nothing in the settings sleeps (op, db and cache 0 ms),
        /// else up to 128 workers so that sleeping requests overlap for real.
        int workers = 0;
        int ioThreads = 0; ///< threads parsing HTTP; 0 = one per core
        /// Web origins ("http://host:port") whose pages may read the answers (CORS); none by
        /// default, never "*".
        QList<QByteArray> allowedOrigins;
        /// The shared cache in a real Redis (--cache redis://…); nullopt = in memory.
        std::optional<RedisAddress> redis;
        /// Where the Redis cache's lines go (it went away, it is back); empty = qWarning.
        std::function<void(const QString &)> cacheLog;
        /// `serve --cluster`: this process hosts this cluster only (0 = A, 1 = B), on
        /// ports[cluster], and replicates with the process of the other at `peer` over HTTP
        /// (POST /replication). nullopt: both clusters in this process (the embedded mode).
        std::optional<int> cluster;
        QUrl peer;
        /// Where the replication link's lines go (peer gone, peer back); empty = qWarning.
        std::function<void(const QString &)> peerLog;
        /// `--crash-after STEP[:N]`: the process ends for real after that protocol step.
        std::optional<LiveRuntime::CrashAfter> crashAfter;
    };

    explicit LiveSession(QObject *parent = nullptr);
    ~LiveSession() override;

    /// The node list every live session uses (scene order, as topologyNodes() gives them).
    [[nodiscard]] static QVector<Node> nodes();
    /// Index of the "External client" node in nodes().
    static constexpr int externalClientNode = 0;

    /// Opens both DBs and starts both servers; false with errorString() on failure
    /// (nothing is left running). Restarting drops the previous session's record.
    bool start(const Options &options);
    /// What a stop left behind.
    struct StopReport
    {
        qsizetype unsentRows = 0; ///< written rows whose replication lag had not passed
        QStringList errors;       ///< checkpoint problems, if any
    };
    /// Stops accepting, lets requests in flight finish at once (their sleeps end early, the
    /// protocol runs to its end: the per-key locks still hold), answers them, closes the
    /// connections, stops replication and checkpoints both DBs (the WAL is copied into the
    /// files). New requests meanwhile get 503. The record stays for snapshot().
    StopReport stop();

    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] QString errorString() const { return m_error; }
    /// The port cluster `cluster` (0 = A, 1 = B) listens on.
    [[nodiscard]] quint16 port(int cluster) const;
    /// "http://127.0.0.1:8081" for cluster 0.
    [[nodiscard]] QUrl baseUrl(int cluster) const;
    /// The folder holding cluster-a.sqlite and cluster-b.sqlite.
    [[nodiscard]] QString dbDir() const;
    /// The DB file of `cluster`; empty if this process does not host it.
    [[nodiscard]] QString dbFile(int cluster) const;
    /// The options the session was started with (address and ports as given).
    [[nodiscard]] const Options &options() const { return m_options; }

    /// Everything so far as a RunResult, so the scene, the timeline and the exporters work
    /// on a live session: nodes, events, attempts, the key and ledger rows read back from
    /// both DB files now, and the verdict. Call from the thread that called start().
    [[nodiscard]] RunResult snapshot() const;

signals:
    /// Each recorded event, in log order. Emitted on the thread that served the request:
    /// connect with the default (auto) connection to receive it queued on your thread.
    void eventRecorded(const idem::Event &event);
    /// Each HTTP exchange, when its response is ready (only built if something is connected).
    void callServed(const idem::ServedCall &call);
    void runningChanged(bool running);

private:
    struct Engine;
    std::unique_ptr<Engine> m_engine;
    Options m_options;
    bool m_running = false;
    QString m_error;
};

} // namespace idem

Q_DECLARE_METATYPE(idem::ServedCall)
