#pragma once

#include <QStringList>

namespace idem::cli {

/// `idemlab-cli hunt <preset|file> [overrides] [--vary ...] [--invariant duplicate|stuck|
/// collision|any] [--budget N] [--seed-from S] [--save FILE.json] [--export FILE] [--json]`:
/// searches for a failing run and shrinks it; with --help, its own arguments.
int hunt(const QStringList &args);

} // namespace idem::cli
