#pragma once

#include "storage/dbcommand.h"

#include <vector>

namespace idem {

/// One statement a run sent to a cluster DB, in the order the engine sent it: the
/// benchmark replays a run's trace bare to measure the SQL floor of exactly that run.
struct SqlTraceEntry
{
    enum class Kind : quint8
    {
        Command,       ///< a protocol statement (DbCommand)
        KeyReplica,    ///< a replicated key row
        LedgerReplica, ///< a replicated ledger row
        ReadBack,      ///< the end of the run: every row of the DB read back
    };
    Kind kind = Kind::Command;
    int cluster = 0;
    qint64 nowUs = 0;
    DbCommand command;
    KeyRow keyRow;
    LedgerRow ledgerRow;
};

using SqlTrace = std::vector<SqlTraceEntry>;

} // namespace idem
