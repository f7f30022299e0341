#include "serveoptions.h"

#include "faults/faultreader.h"
#include "live/weborigin.h"
#include "protocol/claimhandler.h"
#include "scenario/overrideoptions.h"
#include "timeline/durationtext.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace idem::cli::serveopt {

namespace {

// ---- SIGINT / SIGTERM: a self-pipe, the only thing the handler touches -------------------

int signalPipe[2] = {-1, -1};

void onSignal(int signal)
{
    const char byte = char(signal);
    [[maybe_unused]] const ssize_t n = ::write(signalPipe[1], &byte, 1); // async-signal-safe
}

std::optional<QHostAddress> bindOption(const QString &value, QString *error)
{
    if (value == QLatin1String("localhost"))
        return QHostAddress(QHostAddress::LocalHost);
    QHostAddress address;
    if (!address.setAddress(value)) {
        *error = QStringLiteral("--bind takes an IP address of this machine (127.0.0.1, ::1, "
                                "0.0.0.0 for every interface), got \"%1\"")
                     .arg(value);
        return std::nullopt;
    }
    return address;
}

// STEP[:N]: a crash fault's step, as `--fault crash:...:after=STEP` spells it, and the N-th time.
std::optional<LiveRuntime::CrashAfter> crashAfterOption(const QString &value, QString *error)
{
    const QStringList &steps = FaultReader::crashSteps();
    const QStringList parts = value.split(QLatin1Char(':'));
    const int step = steps.indexOf(parts.value(0));
    bool ok = parts.size() <= 2;
    const int nth = parts.size() == 2 ? parts[1].toInt(&ok) : 1;
    if (step < 0 || !ok || nth < 1 || nth > 1'000'000) {
        *error =
            QStringLiteral("--crash-after takes STEP[:N], STEP one of %1 and N the how-many-th "
                           "time from 1 to 1000000 (e.g. charge:2), got \"%2\"")
                .arg(steps.join(QStringLiteral(", ")), value);
        return std::nullopt;
    }
    return LiveRuntime::CrashAfter{ProtocolStep(step), nth, value};
}

QString seconds(qint64 us)
{
    return QString::number(double(us) / 1e6, 'f', 3).rightJustified(9) + QStringLiteral(" s");
}

} // namespace

int usageError(const QString &line)
{
    QTextStream(stderr) << "idemlab-cli serve: " << line << Qt::endl;
    return 2;
}

QTextStream &stdOut()
{
    static QTextStream stream(stdout);
    return stream;
}

std::optional<QString> takeRedisUrl(QStringList &args)
{
    auto isUrl = [](const QString &v) {
        return v.startsWith(QLatin1String("redis"), Qt::CaseInsensitive) ||
               v.contains(QLatin1String("://"));
    };
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        for (const QLatin1String flag : {QLatin1String("--cache"), QLatin1String("-cache")}) {
            if (a == flag && i + 1 < args.size() && isUrl(args[i + 1])) {
                const QString url = args.takeAt(i + 1);
                args[i] = QStringLiteral("--cache=on");
                return url;
            }
            if (a.startsWith(flag + QLatin1Char('=')) && isUrl(a.mid(flag.size() + 1))) {
                const QString url = a.mid(flag.size() + 1);
                args[i] = QStringLiteral("--cache=on");
                return url;
            }
        }
    }
    return std::nullopt;
}

void addOptions(QCommandLineParser &parser)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOption({QStringLiteral("port-a"), QStringLiteral("Port of cluster A (0: any free)"),
                      QStringLiteral("PORT"), QStringLiteral("8081")});
    parser.addOption({QStringLiteral("port-b"), QStringLiteral("Port of cluster B (0: any free)"),
                      QStringLiteral("PORT"), QStringLiteral("8082")});
    parser.addOption({QStringLiteral("cluster"),
                      QStringLiteral("Host this cluster only, in this process (with --port and "
                                     "--peer)"),
                      QStringLiteral("A|B")});
    parser.addOption({QStringLiteral("port"),
                      QStringLiteral("With --cluster: the cluster's port (0: any free)"),
                      QStringLiteral("PORT")});
    parser.addOption({QStringLiteral("peer"),
                      QStringLiteral("With --cluster: the other cluster's process, "
                                     "http://HOST:PORT (replication goes there)"),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("bind"),
                      QStringLiteral("Address to listen on (loopback unless you ask)"),
                      QStringLiteral("ADDRESS"), QStringLiteral("127.0.0.1")});
    parser.addOption({QStringLiteral("db-dir"),
                      QStringLiteral("Folder of the SQLite files (default: a new temporary "
                                     "folder; an existing one is reused)"),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("log"),
                      QStringLiteral("What to print: events (every step, in plain words), "
                                     "requests (one line each) or none (which also records no "
                                     "events: no event stream for --attach; for benchmarks)"),
                      QStringLiteral("events|requests|none"), QStringLiteral("events")});
    parser.addOption({QStringLiteral("allow-origin"),
                      QStringLiteral("A web page origin (http://HOST[:PORT]) whose scripts may "
                                     "read the answers (CORS); repeat for more; none by default"),
                      QStringLiteral("ORIGIN")});
    parser.addOption({QStringLiteral("crash-after"),
                      QStringLiteral("End the process for real (as kill -9) right after the N-th "
                                     "time a request passes STEP: claim, charge, consume or "
                                     "respond (N: 1)"),
                      QStringLiteral("STEP[:N]")});
    parser.addOption({QStringLiteral("workers"),
                      QStringLiteral("Worker threads for POST /payments (default: automatic)"),
                      QStringLiteral("N"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("io-threads"),
                      QStringLiteral("Threads reading HTTP (default: one per core)"),
                      QStringLiteral("N"), QStringLiteral("0")});
    OverrideOptions::addTo(parser);
}

std::optional<quint16> portOption(const QCommandLineParser &parser, const QString &name,
                                  QString *error)
{
    bool ok = false;
    const uint port = parser.value(name).toUInt(&ok);
    if (!ok || port > 65535) {
        *error = QStringLiteral("--%1 takes a port number from 0 (any free port) to 65535, got "
                                "\"%2\"")
                     .arg(name, parser.value(name));
        return std::nullopt;
    }
    return quint16(port);
}

std::optional<QString> readCommon(const QCommandLineParser &parser,
                                  const std::optional<QString> &redisUrl, Common *common)
{
    QString error;
    LiveSession::Options &options = common->options;
    const auto address = bindOption(parser.value(QStringLiteral("bind")), &error);
    if (!address)
        return error;
    options.address = *address;
    options.dbDir = parser.value(QStringLiteral("db-dir"));
    if (parser.isSet(QStringLiteral("db-dir")) && options.dbDir.isEmpty())
        return QStringLiteral("--db-dir needs a folder");
    const QString log = parser.value(QStringLiteral("log"));
    if (log != QLatin1String("events") && log != QLatin1String("requests") &&
        log != QLatin1String("none"))
        return QStringLiteral("--log takes events, requests or none, got \"%1\"").arg(log);
    common->log = log;
    bool ok = false;
    options.workers = parser.value(QStringLiteral("workers")).toInt(&ok);
    if (!ok || options.workers < 0 || options.workers > 1024)
        return QStringLiteral("--workers takes a number from 0 (automatic) to 1024, got \"%1\"")
            .arg(parser.value(QStringLiteral("workers")));
    options.ioThreads = parser.value(QStringLiteral("io-threads")).toInt(&ok);
    if (!ok || options.ioThreads < 0 || options.ioThreads > 64)
        return QStringLiteral("--io-threads takes a number from 0 (one per core) to 64, got "
                              "\"%1\"")
            .arg(parser.value(QStringLiteral("io-threads")));
    if (auto overrideError = OverrideOptions::apply(parser, options.settings))
        return overrideError;
    // The event stream (GET /events, for `idemlab --attach`) needs the events recorded,
    // whatever the terminal shows; only --log none (benchmarks) skips them.
    options.recordEvents = log != QLatin1String("none");
    for (const QString &given : parser.values(QStringLiteral("allow-origin"))) {
        const auto origin = webOrigin(given, &error);
        if (!origin)
            return error;
        options.allowedOrigins.append(*origin);
    }
    if (parser.isSet(QStringLiteral("crash-after"))) {
        const auto crash = crashAfterOption(parser.value(QStringLiteral("crash-after")), &error);
        if (!crash)
            return error;
        options.crashAfter = *crash;
    }
    if (redisUrl) {
        options.redis = RedisAddress::parse(*redisUrl, &error);
        if (!options.redis)
            return error;
        options.cacheLog = [](const QString &line) {
            QTextStream(stderr) << "idemlab-cli serve: " << line << Qt::endl;
        };
    }
    return {};
}

void printNotes(const QCommandLineParser &parser, const LiveSession::Options &options,
                const QString &what)
{
    QTextStream err(stderr);
    for (const char *flag : {"delay-ms", "router-ms", "jitter-ms", "loss", "timeout-ms", "retries",
                             "backoff-ms", "servers", "seed"})
        if (parser.isSet(QLatin1String(flag)))
            err << "note: --" << flag
                << " has no effect in live mode (the network and the clients are real)" << Qt::endl;
    if (!options.address.isLoopback())
        err << "warning: --bind " << options.address.toString() << " makes " << what
            << " reachable from other machines: anyone who can reach this one can send "
               "payments to them"
            << Qt::endl;
}

void connectLog(LiveSession &live, const QString &log)
{
    if (log == QLatin1String("events"))
        QObject::connect(&live, &LiveSession::eventRecorded, &live, [](const Event &e) {
            stdOut() << seconds(e.t) << "  " << e.caption << Qt::endl;
        });
    else if (log == QLatin1String("requests"))
        QObject::connect(&live, &LiveSession::callServed, &live, [](const ServedCall &c) {
            stdOut() << seconds(c.endUs) << "  " << clusterName(c.cluster) << "  " << c.method
                     << ' ' << c.path
                     << (c.key.isEmpty() ? QString() : QStringLiteral("  key ") + c.key) << "  → "
                     << c.status << ' ' << ClaimHandler::reason(c.status) << "  ("
                     << durationText(c.endUs - c.startUs) << ')' << Qt::endl;
        });
}

QString liveSettingsLine(const Settings &s)
{
    auto onOff = [](bool b) { return b ? QStringLiteral("on") : QStringLiteral("off"); };
    QStringList parts{
        QStringLiteral("mutex %1").arg(onOff(s.mutex)),
        QStringLiteral("cache %1").arg(onOff(s.cache)),
        QStringLiteral("op %1").arg(durationText(s.opUs)),
        QStringLiteral("db %1").arg(durationText(s.dbUs)),
        QStringLiteral("cache round trip %1").arg(durationText(s.cacheUs)),
        s.replication ? QStringLiteral("replication lag %1").arg(durationText(s.lagUs))
                      : QStringLiteral("replication off"),
        QStringLiteral("replay %1")
            .arg(s.replay == ReplayMode::Seed ? QStringLiteral("200") : QStringLiteral("201")),
        QStringLiteral("atomic %1").arg(onOff(s.atomic)),
    };
    return parts.join(QStringLiteral(" · "));
}

QString cacheLine(const LiveSession::Options &options)
{
    if (!options.settings.cache)
        return QStringLiteral("off (each cluster claims in its own DB)");
    if (options.redis)
        return options.redis->display() + QStringLiteral(" (Redis, shared by both clusters)");
    if (options.cluster)
        return QStringLiteral("in this process only (not shared with the peer: give --cache "
                              "redis://HOST:PORT to share one)");
    return QStringLiteral("in this process (shared by both clusters)");
}

QString crashLine(const LiveSession::Options &options)
{
    if (!options.crashAfter)
        return {};
    const LiveRuntime::CrashAfter &c = *options.crashAfter;
    const int n = c.nth;
    const char *suffix = n % 100 / 10 == 1 ? "th"
                         : n % 10 == 1     ? "st"
                         : n % 10 == 2     ? "nd"
                         : n % 10 == 3     ? "rd"
                                           : "th";
    return QStringLiteral("  crash       after the %1%2 %3 (the process ends at once, as kill "
                          "-9 would end it)\n")
        .arg(n)
        .arg(QLatin1String(suffix), FaultReader::crashSteps().value(int(c.step)));
}

QString tryLine(const QString &url)
{
    return QStringLiteral("Try: curl -i ") + url +
           QStringLiteral("/payments -H 'Idempotency-Key: k1' -d "
                          "'{\"from\":\"A\",\"to\":\"B\",\"amount\":10}'");
}

QString bannerTail(const LiveSession::Options &options, const QString &url)
{
    QString tail = crashLine(options);
    if (!options.allowedOrigins.isEmpty())
        tail += QStringLiteral("  web pages   ") +
                QString::fromLatin1(options.allowedOrigins.join(' ')) +
                QStringLiteral(" may read the answers (CORS)\n");
    return tail + tryLine(url);
}

bool catchStopSignals()
{
    if (::pipe2(signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    // A second Ctrl+C during the (short) shutdown ends the process the default way.
    action.sa_flags = SA_RESTART | SA_RESETHAND;
    return ::sigaction(SIGINT, &action, nullptr) == 0 &&
           ::sigaction(SIGTERM, &action, nullptr) == 0;
}

void runUntilStopped()
{
    QSocketNotifier stopper(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&stopper, &QSocketNotifier::activated, &stopper, [&stopper] {
        char byte = 0;
        [[maybe_unused]] const ssize_t n = ::read(signalPipe[0], &byte, 1);
        stopper.setEnabled(false);
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
}

int stopAndReport(LiveSession &live, const QString &unsentWhat)
{
    QTextStream &out = stdOut();
    QTextStream err(stderr);
    out << "Stopping: answering the requests in flight, closing the connections…" << Qt::endl;
    QCoreApplication::processEvents(); // the last events and log lines
    const LiveSession::StopReport report = live.stop();
    QCoreApplication::processEvents();
    if (report.unsentRows > 0)
        out << report.unsentRows
            << " written rows had not reached the other cluster yet (replication lag) and "
            << unsentWhat << Qt::endl;
    for (const QString &problem : report.errors)
        err << "idemlab-cli serve: " << problem << Qt::endl;
    out << "Databases checkpointed and closed in " << live.dbDir() << " (open them with sqlite3)"
        << Qt::endl;
    return report.errors.isEmpty() ? 0 : 1;
}

} // namespace idem::cli::serveopt
