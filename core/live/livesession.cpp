#include "live/livesession.h"

#include "live/eventhub.h"
#include "live/httpfrontend.h"
#include "live/liverecorder.h"
#include "live/liveruntime.h"
#include "live/rediscache.h"
#include "sim/topology.h"
#include "sim/verdict.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMetaMethod>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QUuid>
#include <QWebSocket>

namespace idem {

namespace {

// The folder for the DB files: checked and created, or an error line.
std::optional<QString> prepareDbDir(const QString &given, QString *dir)
{
    if (given.isEmpty()) {
        QTemporaryDir temporary(QDir::tempPath() + QStringLiteral("/idemlab-live-XXXXXX"));
        if (!temporary.isValid())
            return QStringLiteral("cannot create a temporary folder for the databases: %1")
                .arg(temporary.errorString());
        temporary.setAutoRemove(false); // the databases are for people to look at
        *dir = temporary.path();
        return {};
    }
    const QFileInfo info(given);
    if (info.exists() && !info.isDir())
        return QStringLiteral("the database folder %1 is a file, not a folder").arg(given);
    if (!QDir().mkpath(given))
        return QStringLiteral("cannot create the database folder %1").arg(given);
    if (!QFileInfo(given).isWritable())
        return QStringLiteral("the database folder %1 is not writable").arg(given);
    *dir = QDir(given).absolutePath();
    return {};
}

/// Where the Redis cache's lines go: the options' log, else qWarning.
RedisCache::Log cacheLog(const LiveSession::Options &options)
{
    if (options.cacheLog)
        return options.cacheLog;
    return [](const QString &line) { qWarning("%s", qPrintable(line)); };
}

} // namespace

struct LiveSession::Engine
{
    explicit Engine(const Options &options)
        : nodes(LiveSession::nodes()), topology(Topology::of(nodes)),
          recorder(options.recordEvents, options.maxEvents),
          runtime(options.settings, nodes, topology, recorder, makeCache(options)),
          api(runtime, options.allowedOrigins)
    {}

    static std::unique_ptr<SharedCache> makeCache(const Options &options)
    {
        if (!options.redis)
            return {};
        return std::make_unique<RedisCache>(*options.redis, cacheLog(options));
    }

    /// Serves one call: on this I/O thread, or on a worker if it may sleep. Its answer may
    /// come later, from the DB writer's thread (LiveRuntime::queueWrites()).
    void dispatch(LiveSession *session, int cluster, HttpCall &&call,
                  HttpFrontend::Respond &&respond)
    {
        const bool toWorker = pool && ClusterApi::mayBlock(call);
        auto serve = [this, session, cluster, call = std::move(call), respond = std::move(respond),
                      start = recorder.nowUs()]() mutable {
            api.serve(cluster, call,
                      [this, session, cluster, method = call.method, path = call.path,
                       key = call.idempotencyKeys.value(0), respond = std::move(respond),
                       start](const HttpResponse &response) {
                          respond(response);
                          static const QMetaMethod served =
                              QMetaMethod::fromSignal(&LiveSession::callServed);
                          if (session->isSignalConnected(served))
                              emit session->callServed(
                                  ServedCall{cluster, method, path, QString::fromLatin1(key),
                                             response.status, start, recorder.nowUs()});
                      });
        };
        if (toWorker)
            pool->start(std::move(serve));
        else
            serve();
    }

    /// Cluster `cluster`'s rows as its DB file holds them now, keys shown by their labels.
    StreamRows rows(int cluster)
    {
        const QHash<QString, QString> labels = recorder.labels();
        StreamRows r{cluster, runtime.ownerDatabase(cluster).keyRows(),
                     runtime.ownerDatabase(cluster).ledgerRows(), runtime.replicationConflicts()};
        for (KeyRow &row : r.keys)
            row.key = labels.value(row.rawKey, row.rawKey);
        for (LedgerRow &row : r.ledger)
            row.key = labels.value(row.key, row.key);
        return r;
    }

    // ---- the event stream (GET /events): see EventHub ----
    void startEventStream(const Options &options)
    {
        StreamHello hello;
        hello.session = QUuid::createUuid().toString(QUuid::WithoutBraces);
        for (int c = 0; c < 2; ++c)
            if (runtime.hosts(c)) // both in the embedded serve, one in a `serve --cluster`
                hello.clusters.append(c);
        hello.startEpochUs = QDateTime::currentMSecsSinceEpoch() * 1000 - recorder.nowUs();
        hello.nodes = nodes;
        hello.settings = options.settings;
        EventHub::Setup setup{hello, &recorder, {}, options.allowedOrigins, {}};
        setup.rows = [this, clusters = hello.clusters] {
            QVector<StreamRows> all;
            for (int c : clusters)
                all.append(rows(c));
            return all;
        };
        hub = std::make_unique<EventHub>(std::move(setup));
        recorder.setAttemptListener(
            [hub = hub.get()](int index, const Attempt &a) { hub->publishAttempt(index, a); });
    }

    // Destroyed bottom-up: the servers' threads, then the workers, then what they used.
    QVector<Node> nodes;
    LiveTopology topology;
    LiveRecorder recorder;
    LiveRuntime runtime;
    ClusterApi api;
    QString dbDir;
    std::unique_ptr<EventHub> hub;     ///< null when not recording
    std::unique_ptr<QThreadPool> pool; ///< null: the I/O threads serve every call
    std::unique_ptr<HttpFrontend> frontend;
};

LiveSession::LiveSession(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<idem::Event>();
    qRegisterMetaType<idem::ServedCall>();
}

LiveSession::~LiveSession()
{
    stop();
}

QVector<Node> LiveSession::nodes()
{
    Scenario s;
    s.settings.serversPerCluster = 1; // one HTTP server per cluster
    s.clients = {ClientSpec{QStringLiteral("External client"), 0}};
    return topologyNodes(s);
}

bool LiveSession::start(const Options &options)
{
    stop();
    m_engine.reset();
    m_error.clear();
    m_options = options;
    m_options.settings.serversPerCluster = 1; // one HTTP server per cluster
    QString dir;
    if (auto error = prepareDbDir(options.dbDir, &dir)) {
        m_error = *error;
        return false;
    }
    auto engine = std::make_unique<Engine>(m_options);
    auto fail = [&](const QString &error) {
        m_error = error;
        engine.reset(); // closes the files
        if (options.dbDir.isEmpty())
            QDir(dir).removeRecursively(); // a temporary folder nobody has seen yet
        return false;
    };
    engine->dbDir = dir;
    if (options.redis) {
        // A Redis that refuses us (password, database) is a setting to fix: say so now. One
        // that is not up yet is only noted: the cache-failure policy answers until it is.
        bool refused = false;
        RedisCache cache(*options.redis);
        if (auto why = cache.ping(&refused)) {
            const QString line =
                QStringLiteral("shared cache %1: %2").arg(options.redis->display(), *why);
            if (refused)
                return fail(line);
            cacheLog(options)(line + QStringLiteral(" — serving anyway; requests that need the "
                                                    "cache get the cache-failure policy's "
                                                    "answer until it is up"));
        }
    }
    const Settings &s = options.settings;
    const bool sleeps = s.opUs > 0 || s.dbUs > 0 || s.cacheUs > 0;
    const bool pooled = options.workers > 0 || sleeps;
    // Writes (and lock waits) are queued, so that the I/O thread goes on with other requests,
    // unless a step blocks the thread that runs the request: a Redis round trip, a sleep on a
    // worker, or the check inside the transaction of --crash-after.
    if (!pooled && !options.redis && !options.crashAfter)
        engine->runtime.queueWrites();
    if (options.crashAfter)
        engine->runtime.crashAfter(*options.crashAfter);
    if (options.cluster)
        engine->runtime.hostOnly({*options.cluster, options.peer, options.peerLog});
    if (auto error = engine->runtime.open(dir))
        return fail(*error);
    if (options.recordEvents) {
        engine->startEventStream(options);
        engine->recorder.setListener([this, hub = engine->hub.get()](const Event &e) {
            hub->publishEvent(e);
            emit eventRecorded(e);
        });
    }

    if (pooled) {
        engine->pool = std::make_unique<QThreadPool>();
        engine->pool->setMaxThreadCount(options.workers > 0 ? options.workers : 128);
        engine->pool->setExpiryTimeout(-1); // a worker keeps its DB connections
    }
    Engine *raw = engine.get();
    engine->frontend = std::make_unique<HttpFrontend>(
        [this, raw](int cluster, HttpCall &&call, HttpFrontend::Respond respond) {
            raw->dispatch(this, cluster, std::move(call), std::move(respond));
        });
    if (raw->hub)
        engine->frontend->setWebSocketHandler(
            [hub = raw->hub.get()](int cluster, std::unique_ptr<QWebSocket> socket) {
                hub->adopt(cluster, std::move(socket));
            });
    const int io = options.ioThreads > 0 ? options.ioThreads : QThread::idealThreadCount();
    const std::array<bool, 2> hosted{engine->runtime.hosts(0), engine->runtime.hosts(1)};
    if (auto error =
            engine->frontend->listen(options.address, options.ports, std::max(1, io), hosted))
        return fail(*error);
    m_engine = std::move(engine);
    m_running = true;
    emit runningChanged(true);
    return true;
}

LiveSession::StopReport LiveSession::stop()
{
    StopReport report;
    if (!m_running)
        return report;
    Engine &e = *m_engine;
    e.frontend->stopAccepting();
    e.runtime.interrupt();
    if (e.pool)
        e.pool->waitForDone();
    // Requests whose writes are queued get their answers now, while the I/O threads run.
    e.runtime.drainWrites();
    // The stream first, while its sockets' I/O threads still run: subscribers are told.
    e.recorder.setListener([this](const Event &ev) { emit eventRecorded(ev); });
    e.recorder.setAttemptListener({});
    e.hub.reset();
    e.frontend->close();
    e.pool.reset(); // workers end and close their DB connections
    const LiveRuntime::CloseReport closed = e.runtime.close();
    report.unsentRows = closed.unsentRows;
    report.errors = closed.errors;
    m_running = false;
    emit runningChanged(false);
    return report;
}

quint16 LiveSession::port(int cluster) const
{
    return m_engine && m_engine->frontend ? m_engine->frontend->port(cluster) : 0;
}

QUrl LiveSession::baseUrl(int cluster) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    QHostAddress host = m_options.address;
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4)
        host = QHostAddress::LocalHost;
    else if (host == QHostAddress::AnyIPv6)
        host = QHostAddress::LocalHostIPv6;
    url.setHost(host.toString());
    url.setPort(port(cluster));
    return url;
}

QString LiveSession::dbDir() const
{
    return m_engine ? m_engine->dbDir : QString();
}

QString LiveSession::dbFile(int cluster) const
{
    return m_engine ? m_engine->runtime.filePath(cluster) : QString();
}

RunResult LiveSession::snapshot() const
{
    RunResult r;
    if (!m_engine)
        return r;
    Engine &e = *m_engine;
    r.scenario.name = liveSessionScenarioName;
    r.scenario.title = QStringLiteral("Live session");
    r.scenario.description =
        m_options.cluster
            ? QStringLiteral("HTTP requests to cluster %1 at %2 (cluster %3 is the process at %4)")
                  .arg(clusterName(*m_options.cluster), baseUrl(*m_options.cluster).toString(),
                       clusterName(1 - *m_options.cluster), m_options.peer.toString())
            : QStringLiteral("HTTP requests to cluster A at %1 and cluster B at %2")
                  .arg(baseUrl(0).toString(), baseUrl(1).toString());
    r.scenario.settings = m_options.settings;
    r.scenario.clients = {ClientSpec{e.nodes[externalClientNode].name, 0}};
    r.nodes = e.nodes;
    LiveRecorder::Snapshot record = e.recorder.snapshot();
    r.events = std::move(record.events);
    r.attempts = std::move(record.attempts);
    // The scenario of a live session is the requests that came in: one per POST, "H1",
    // "H2", ... (a timeline file needs them to be read back).
    LiveRecorder::addRequestsOfAttempts(r, false);
    for (int c = 0; c < 2; ++c) {
        if (!e.runtime.hosts(c))
            continue; // in the peer process
        StreamRows rows = e.rows(c);
        r.keys[c] = std::move(rows.keys);
        r.ledger[c] = std::move(rows.ledger);
    }
    r.endUs = r.events.isEmpty() ? 0 : r.events.constLast().t;
    r.verdict = computeVerdict(r, e.runtime.replicationConflicts());
    return r;
}

} // namespace idem
