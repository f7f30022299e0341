#pragma once

#include "model/runresult.h"

namespace idem {

/// The verdict of a finished run, recounted from the attempts and both DBs' rows
/// (a replicated ledger row has the same id as its original and counts once).
[[nodiscard]] Verdict computeVerdict(const RunResult &run, int replicationConflicts);

} // namespace idem
