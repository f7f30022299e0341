#pragma once

#include <QCommandLineParser>
#include <QString>

#include <optional>

namespace idem::cli {

/// `idemlab-cli serve --cluster A|B --port N --peer URL [--cache redis://HOST:PORT[/DB]]
/// [--db-dir DIR] [--bind ADDR] [...]`: one cluster in this process, replicating to the
/// process of the other at --peer, until SIGINT/SIGTERM. `parser` has parsed serve's options
/// (serveoptions.h); `redisUrl` is the --cache URL taken out before parsing.
int clusterServe(const QCommandLineParser &parser, const std::optional<QString> &redisUrl);

} // namespace idem::cli
