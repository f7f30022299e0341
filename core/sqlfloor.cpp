#include "sqlfloor.h"

#include "clusterdatabase.h"
#include "fingerprint.h"
#include "prng.h"

#include <QElapsedTimer>

namespace idem {

SqlFloor::Result SqlFloor::measure(int requests)
{
    Result result;
    result.requests = requests;
    ClusterDatabase a(0, QStringLiteral("idemlab-floor-a"));
    ClusterDatabase b(1, QStringLiteral("idemlab-floor-b"));
    if (auto error = a.open()) {
        result.error = *error;
        return result;
    }
    if (auto error = b.open()) {
        result.error = *error;
        return result;
    }
    ClusterDatabase *dbs[2] = {&a, &b};
    const PaymentBody body;
    const QString fingerprint = requestFingerprint(
        QStringLiteral("POST"), QStringLiteral("/payments"), canonicalBody(body));
    const QString response = QStringLiteral("{\"paymentId\":\"A-1\",\"status\":\"charged\"}");
    // The same kind of keys as the engine's: random UUIDs land all over the B-tree.
    Prng prng(1);
    QStringList keys;
    keys.reserve(requests);
    for (int i = 0; i < requests; ++i)
        keys.append(uuidFrom(prng));

    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < requests; ++i) {
        const int home = i % 2;
        ClusterDatabase &db = *dbs[home];
        ClusterDatabase &other = *dbs[1 - home];
        const qint64 now = i;
        DbCommand cmd;
        cmd.key = keys[i];
        cmd.origin = home;
        cmd.fingerprint = fingerprint;
        cmd.body = body;
        cmd.op = DbOp::Lookup;
        db.execute(cmd, now);
        cmd.op = DbOp::Claim;
        const DbResult claim = db.execute(cmd, now);
        cmd.op = DbOp::Charge;
        const DbResult charge = db.execute(cmd, now);
        cmd.op = DbOp::Consume;
        cmd.responseCode = 201;
        cmd.responseBody = response;
        const DbResult consume = db.execute(cmd, now);
        other.applyKeyReplica(claim.row);
        other.applyLedgerReplica(charge.ledger);
        other.applyKeyReplica(consume.row);
    }
    result.nanoseconds = timer.nsecsElapsed();
    return result;
}

} // namespace idem
