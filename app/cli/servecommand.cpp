#include "servecommand.h"

#include <QTextStream>

#ifdef IDEMLAB_HAS_LIVE
#include "clusterserve.h"
#include "serveoptions.h"

#include <QCommandLineParser>
#endif

namespace idem::cli {

int serve(const QStringList &givenArgs)
{
#ifndef IDEMLAB_HAS_LIVE
    Q_UNUSED(givenArgs);
    QTextStream(stderr) << "idemlab-cli serve: this build has no live mode (Qt HttpServer was "
                           "not found at configure time; install qt6-httpserver-dev)"
                        << Qt::endl;
    return 1;
#else
    using namespace serveopt;
    QStringList args = givenArgs;
    const std::optional<QString> redisUrl = takeRedisUrl(args);
    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("idemlab-cli serve")} + args))
        return usageError(parser.errorText().replace(QLatin1Char('\n'), QLatin1Char(' ')));
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("serve takes no positional arguments, got \"%1\"")
                              .arg(parser.positionalArguments().join(QLatin1Char(' '))));
    if (parser.isSet(QStringLiteral("cluster")))
        return clusterServe(parser, redisUrl);
    for (const char *flag : {"port", "peer"})
        if (parser.isSet(QLatin1String(flag)))
            return usageError(QStringLiteral("--%1 goes with --cluster A|B (one cluster per "
                                             "process); the embedded serve takes --port-a and "
                                             "--port-b")
                                  .arg(QLatin1String(flag)));

    QString error;
    Common common;
    LiveSession::Options &options = common.options;
    const auto portA = portOption(parser, QStringLiteral("port-a"), &error);
    const auto portB = portA ? portOption(parser, QStringLiteral("port-b"), &error) : std::nullopt;
    if (!portA || !portB)
        return usageError(error);
    if (*portA != 0 && *portA == *portB)
        return usageError(QStringLiteral("--port-a and --port-b are both %1; each cluster needs "
                                         "a port of its own")
                              .arg(*portA));
    options.ports = {*portA, *portB};
    if (auto problem = readCommon(parser, redisUrl, &common))
        return usageError(*problem);
    printNotes(parser, options, QStringLiteral("both servers"));

    if (!catchStopSignals())
        return usageError(QStringLiteral("cannot set up the Ctrl+C handler"));
    LiveSession live;
    connectLog(live, common.log);
    if (!live.start(options)) {
        QTextStream(stderr) << "idemlab-cli serve: " << live.errorString() << Qt::endl;
        return 1;
    }

    const QString a = live.baseUrl(0).toString();
    stdOut() << "Idempotency Lab live mode: cluster A and cluster B as HTTP servers (Ctrl+C "
                "stops)\n"
             << "  cluster A   " << a << "   POST /payments · GET /ledger[?key=K] · GET /health\n"
             << "  cluster B   " << live.baseUrl(1).toString() << '\n'
             << "  databases   " << live.dbDir() << " (cluster-a.sqlite, cluster-b.sqlite; WAL)\n"
             << "  settings    " << liveSettingsLine(options.settings) << '\n'
             << "  cache       " << cacheLine(options) << '\n'
             << bannerTail(options, a) << Qt::endl;
    runUntilStopped();
    return stopAndReport(live, QStringLiteral("were not copied"));
#endif
}

} // namespace idem::cli
