#pragma once

#include <QStringList>

namespace idem::cli {

/// `idemlab-cli compare <preset|file> [common overrides] --left "OVERRIDES" --right
/// "OVERRIDES" [--json] [--export FILE.html|.svg]`; with --help, its own arguments.
int compare(const QStringList &args);

} // namespace idem::cli
