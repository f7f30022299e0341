#pragma once

// Inside ClusterDatabase (clusterdatabase.cpp, clusterrows.cpp): its statements, prepared
// once when it opens, run through the sqlite3 C API (SqliteStatement).

#include "storage/clusterdatabase.h"
#include "storage/sqlitestatement.h"

namespace idem {

struct ClusterDatabase::Statements
{
    SqliteStatement lookup, claim, overwrite, charge, consume, takeOver, release, reap, keyReplica,
        ledgerReplica, ledgerRow;
    // The end of every run reads both tables back, and a reused DB is cleared before the
    // next: prepared once, as the protocol's statements are (a sweep runs them per trial).
    SqliteStatement allKeys, allLedger, clearKeys, clearLedger;
    // ChargeAndConsume inside a batch: its savepoint, prepared once (parsing the three
    // statements per charge cost the DB writer a tenth of its time, perf, Dec 8 2026).
    SqliteStatement savepoint, releaseSavepoint, rollbackToSavepoint;
};

} // namespace idem
