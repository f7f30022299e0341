#pragma once

#include <QtGlobal>

namespace idem {

/// How a replicated key row landed on the other DB.
enum class ReplicaOutcome : quint8
{
    Applied,  ///< inserted or brought up to date
    Stale,    ///< the local copy is already newer
    Conflict, ///< the key was claimed here independently (another origin): local row kept
};

} // namespace idem
