#include "bench/sqlfloor.h"

#include "storage/clusterdatabase.h"

#include <QElapsedTimer>

namespace idem {

SqlFloor::Result SqlFloor::replay(const SqlTrace &trace, int requests)
{
    Result result;
    result.requests = requests;
    ClusterDatabase a(0, QStringLiteral("idemlab-floor-a"));
    ClusterDatabase b(1, QStringLiteral("idemlab-floor-b"));
    for (ClusterDatabase *db : {&a, &b}) {
        if (auto error = db->open()) {
            result.error = *error;
            return result;
        }
    }
    ClusterDatabase *dbs[2] = {&a, &b};
    qint64 rows = 0;
    QElapsedTimer timer;
    timer.start();
    for (const SqlTraceEntry &entry : trace) {
        ClusterDatabase &db = *dbs[entry.cluster];
        switch (entry.kind) {
        case SqlTraceEntry::Kind::Command:
            db.execute(entry.command, entry.nowUs);
            break;
        case SqlTraceEntry::Kind::KeyReplica:
            db.applyKeyReplica(entry.keyRow);
            break;
        case SqlTraceEntry::Kind::LedgerReplica:
            db.applyLedgerReplica(entry.ledgerRow);
            break;
        case SqlTraceEntry::Kind::ReadBack:
            rows += db.keyRows().size() + db.ledgerRows().size();
            break;
        }
    }
    result.nanoseconds = timer.nsecsElapsed();
    Q_UNUSED(rows);
    return result;
}

} // namespace idem
