#pragma once

#include <QStringList>

namespace idem::cli {

/// `idemlab-cli serve [--port-a 8081] [--port-b 8082] [--bind 127.0.0.1] [--db-dir DIR]
/// [--log events|requests|none] [--workers N] [overrides]`: live mode until SIGINT/SIGTERM.
/// With `--cluster A|B --port N --peer URL`, one cluster in this process (clusterserve.h).
int serve(const QStringList &args);

} // namespace idem::cli
