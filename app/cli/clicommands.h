#pragma once

#include <QStringList>

namespace idem::cli {

/// `idemlab-cli list`: presets, one per line.
int list(const QStringList &args);
/// `idemlab-cli run <preset|file.json> [overrides] [--json] [--export FILE] [--db-dir DIR]`;
/// with --help, its own arguments and every override.
int run(const QStringList &args);
/// `idemlab-cli bench [--requests N]`.
int bench(const QStringList &args);

} // namespace idem::cli
