#include "clusterserve.h"

#include "serveoptions.h"

#include "live/clusterurl.h"
#include "json/jsonwording.h"

#include <QUrl>

namespace idem::cli {

namespace {

using namespace serveopt;

std::optional<int> clusterOption(const QString &value, QString *error)
{
    if (value.compare(QLatin1String("A"), Qt::CaseInsensitive) == 0)
        return 0;
    if (value.compare(QLatin1String("B"), Qt::CaseInsensitive) == 0)
        return 1;
    *error = QStringLiteral("--cluster takes A or B, got \"%1\"").arg(value);
    return std::nullopt;
}

// The peer's base URL: http://HOST:PORT, nothing after it.
std::optional<QUrl> peerOption(const QString &value, QString *error)
{
    QString why;
    const auto base = ClusterUrl::base(value, ClusterUrl::Use::Peer, &why);
    if (!base)
        *error = QStringLiteral("--peer takes the other cluster's address as http://HOST:PORT "
                                "(e.g. http://127.0.0.1:8082), got %1 (%2)")
                     .arg(JsonWording::typed(value), why);
    return base;
}

} // namespace

int clusterServe(const QCommandLineParser &parser, const std::optional<QString> &redisUrl)
{
    QString error;
    for (const char *flag : {"port-a", "port-b"})
        if (parser.isSet(QLatin1String(flag)))
            return usageError(QStringLiteral("--%1 is for the embedded two-cluster serve; with "
                                             "--cluster give the cluster's port as --port N")
                                  .arg(QLatin1String(flag)));
    const auto cluster = clusterOption(parser.value(QStringLiteral("cluster")), &error);
    if (!cluster)
        return usageError(error);
    if (!parser.isSet(QStringLiteral("port")))
        return usageError(QStringLiteral("--cluster needs --port N, the port this cluster "
                                         "listens on (0: any free)"));
    const auto port = portOption(parser, QStringLiteral("port"), &error);
    if (!port)
        return usageError(error);

    Common common;
    LiveSession::Options &options = common.options;
    options.cluster = *cluster;
    options.ports = {0, 0};
    options.ports[size_t(*cluster)] = *port;
    if (auto problem = readCommon(parser, redisUrl, &common))
        return usageError(*problem);
    if (parser.isSet(QStringLiteral("peer"))) {
        const auto peer = peerOption(parser.value(QStringLiteral("peer")), &error);
        if (!peer)
            return usageError(error);
        options.peer = *peer;
    } else if (options.settings.replication) {
        return usageError(QStringLiteral("--cluster needs --peer http://HOST:PORT, the other "
                                         "cluster's process (or --replication off to run "
                                         "without one)"));
    }
    options.peerLog = [](const QString &line) {
        QTextStream(stderr) << "idemlab-cli serve: " << line << Qt::endl;
    };
    const QString name = clusterName(*cluster);
    printNotes(parser, options, QStringLiteral("cluster ") + name);

    if (!catchStopSignals())
        return usageError(QStringLiteral("cannot set up the Ctrl+C handler"));
    LiveSession live;
    connectLog(live, common.log);
    if (!live.start(options)) {
        QTextStream(stderr) << "idemlab-cli serve: " << live.errorString() << Qt::endl;
        return 1;
    }

    const QString url = live.baseUrl(*cluster).toString();
    stdOut() << "Idempotency Lab live mode: cluster " << name
             << " as an HTTP server in this process (Ctrl+C stops)\n"
             << "  cluster " << name << "   " << url
             << "   POST /payments · GET /ledger[?key=K] · GET /health\n"
             << "  database    " << live.dbFile(*cluster) << " (WAL)\n"
             << "  peer        "
             << (options.settings.replication
                     ? QStringLiteral("cluster %1 at %2 (POST /replication, after the lag)")
                           .arg(clusterName(1 - *cluster), options.peer.toString())
                     : QStringLiteral("none (replication off)"))
             << '\n'
             << "  settings    " << liveSettingsLine(options.settings) << '\n'
             << "  cache       " << cacheLine(options) << '\n'
             << bannerTail(options, url) << Qt::endl;
    runUntilStopped();
    return stopAndReport(live, QStringLiteral("stay in the outbox: they are sent when this "
                                              "cluster runs again"));
}

} // namespace idem::cli
