#pragma once

// What both forms of `idemlab-cli serve` share: the embedded two-cluster one
// (servecommand.cpp) and one cluster per process (clusterserve.cpp). Built with live mode only.

#include "live/livesession.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <optional>

namespace idem::cli::serveopt {

/// Prints "idemlab-cli serve: <line>" to stderr; returns the usage exit code, 2.
int usageError(const QString &line);
QTextStream &stdOut();

/// `--cache redis://…` (the shared cache in a real Redis) shares its name with the override
/// `--cache on|off`: a value that looks like a URL is taken out of `args` (replaced by
/// `--cache on`, as a Redis cache is a shared cache that is on) and returned.
std::optional<QString> takeRedisUrl(QStringList &args);

/// Every option of both forms, the overrides included.
void addOptions(QCommandLineParser &parser);

/// The options both forms read the same way, and the --log choice.
struct Common
{
    LiveSession::Options options;
    QString log; ///< events, requests or none
};
/// Reads --bind, --db-dir, --log, --workers, --io-threads, --allow-origin, the overrides and
/// the Redis URL; the first problem as one line.
std::optional<QString> readCommon(const QCommandLineParser &parser,
                                  const std::optional<QString> &redisUrl, Common *common);
/// `--NAME` as a port number; nullopt and `error` if it is not one.
std::optional<quint16> portOption(const QCommandLineParser &parser, const QString &name,
                                  QString *error);

/// The notes about options that do nothing live, and the warning of a non-loopback --bind
/// (`what` names what becomes reachable: "both servers", "cluster A").
void printNotes(const QCommandLineParser &parser, const LiveSession::Options &options,
                const QString &what);
/// Prints the session's events or requests as `log` asks.
void connectLog(LiveSession &live, const QString &log);
/// The settings live mode uses, in one line.
QString liveSettingsLine(const Settings &s);
/// The banner's cache line: off, the Redis address, or in this process.
QString cacheLine(const LiveSession::Options &options);
/// The banner's --crash-after line (with its line break), empty without one.
QString crashLine(const LiveSession::Options &options);
/// The banner's last line: a curl command that makes a payment at `url`.
QString tryLine(const QString &url);
/// The end of both banners: the crash line, the web pages allowed, and the curl to try.
QString bannerTail(const LiveSession::Options &options, const QString &url);

/// Installs the SIGINT/SIGTERM handler; false if it cannot be.
bool catchStopSignals();
/// Runs the event loop until SIGINT or SIGTERM.
void runUntilStopped();
/// Stops `live`, prints what was left (`unsentWhat` words the rows not replicated: "were not
/// copied" or "stay in the outbox") and returns the exit code.
int stopAndReport(LiveSession &live, const QString &unsentWhat);

} // namespace idem::cli::serveopt
