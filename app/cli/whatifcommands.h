#pragma once

#include <QStringList>

namespace idem::cli {

/// `idemlab-cli compare <preset|file> [common overrides] --left "OVERRIDES" --right
/// "OVERRIDES" [--json] [--export FILE.html|.svg]`; with --help, its own arguments.
int compare(const QStringList &args);
/// `idemlab-cli sweep <preset|file> --vary NAME=FROM:TO:STEP|V1,V2,... [--vary ...] --trials N
/// [--seed-from S] [--jobs N] [--shard K/N] [--json] [--csv FILE] [--plot FILE.svg|.png]`,
/// and `sweep --merge PART.json...`; with --help, its own arguments.
int sweep(const QStringList &args);
/// Whether the command's words ask for a PNG plot (main then makes a QGuiApplication).
[[nodiscard]] bool wantsPngPlot(const QStringList &args);

} // namespace idem::cli
