#include "bench/sqlfloor.h"

#include "storage/clusterdatabase.h"

#include <QElapsedTimer>

namespace idem {

namespace {

qint64 replayOn(ClusterDatabase *const (&dbs)[2], const SqlTrace &trace)
{
    qint64 rows = 0;
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
    return rows;
}

// Opens two fresh in-memory DBs, then times `work` on them alone.
template <typename Work> SqlFloor::Result timed(int requests, const Work &work)
{
    SqlFloor::Result result;
    result.requests = requests;
    ClusterDatabase a(0, QStringLiteral("idemlab-floor-a"));
    ClusterDatabase b(1, QStringLiteral("idemlab-floor-b"));
    for (ClusterDatabase *db : {&a, &b}) {
        if (auto error = db->open()) {
            result.error = *error;
            return result;
        }
    }
    ClusterDatabase *const dbs[2] = {&a, &b};
    QElapsedTimer timer;
    timer.start();
    if (auto error = work(dbs))
        result.error = *error;
    result.nanoseconds = timer.nsecsElapsed();
    return result;
}

} // namespace

SqlFloor::Result SqlFloor::replay(const SqlTrace &trace, int requests)
{
    return timed(requests, [&](ClusterDatabase *const(&dbs)[2]) {
        replayOn(dbs, trace);
        return std::optional<QString>();
    });
}

SqlFloor::Result SqlFloor::replayTrials(const std::vector<SqlTrace> &traces)
{
    return timed(int(traces.size()), [&](ClusterDatabase *const(&dbs)[2]) {
        for (const SqlTrace &trace : traces) {
            for (ClusterDatabase *db : dbs)
                if (auto error = db->clear())
                    return error;
            replayOn(dbs, trace);
        }
        return std::optional<QString>();
    });
}

} // namespace idem
