#pragma once

// Inside ClusterDatabase (clusterdatabase.cpp, clusterrows.cpp): its statements, prepared
// once when it opens.

#include "storage/clusterdatabase.h"

#include <QSqlQuery>

namespace idem {

struct ClusterDatabase::Statements
{
    explicit Statements(const QSqlDatabase &db)
        : lookup(db), claim(db), overwrite(db), charge(db), consume(db), takeOver(db), release(db),
          reap(db), keyReplica(db), ledgerReplica(db), allKeys(db), allLedger(db), clearKeys(db),
          clearLedger(db)
    {}
    QSqlQuery lookup, claim, overwrite, charge, consume, takeOver, release, reap, keyReplica,
        ledgerReplica;
    // The end of every run reads both tables back, and a reused DB is cleared before the
    // next: prepared once, as the protocol's statements are (a sweep runs them per trial).
    QSqlQuery allKeys, allLedger, clearKeys, clearLedger;
};

} // namespace idem
