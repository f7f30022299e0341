// The POST /replication body: a batch written and read back is the same rows; every kind of
// bad batch is refused with one line naming the field and what was expected.
#include "live/replicationbatch.h"

#include <QtTest>

using namespace idem;

class TstReplicationBatch : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void refuses_data();
    void refuses();
};

namespace {

ReplicationBatch sample()
{
    ReplicationBatch b;
    b.from = 1;
    ReplicationBatch::Row key;
    key.writtenUs = 1'796'310'802'306'008;
    key.key.rawKey = QStringLiteral("k-1");
    key.key.scope = QStringLiteral("Client 2");
    key.key.status = QStringLiteral("CONSUMED");
    key.key.fingerprint = QStringLiteral("fp");
    key.key.responseCode = 201;
    key.key.responseBody = QStringLiteral("{\"paymentId\":\"B-1\"}\n");
    key.key.createdUs = 5;
    key.key.updatedUs = 9;
    key.key.origin = 1;
    key.key.generation = 2;
    key.key.claimedUs = 7;
    key.key.holder = QStringLiteral("Server B1#3@x");
    key.key.client = QStringLiteral("External client");
    ReplicationBatch::Row created = key;
    created.key.status = QStringLiteral("CREATED");
    created.key.responseCode = 0;
    created.key.responseBody.clear();
    ReplicationBatch::Row ledger;
    ledger.keyRow = false;
    ledger.writtenUs = 3;
    ledger.ledger.id = QStringLiteral("B-12");
    ledger.ledger.key = QStringLiteral("k-1");
    ledger.ledger.origin = 1;
    ledger.ledger.fromAcct = QStringLiteral("A");
    ledger.ledger.toAcct = QStringLiteral("B");
    ledger.ledger.amount = 10;
    ledger.ledger.atUs = 8;
    b.rows = {key, created, ledger};
    return b;
}

} // namespace

void TstReplicationBatch::roundTrip()
{
    const ReplicationBatch b = sample();
    const ReplicationBatchLoad load = ReplicationBatchReader::fromJson(b.toJson());
    QVERIFY2(load.batch, qPrintable(load.error));
    QCOMPARE(load.batch->from, 1);
    QCOMPARE(load.batch->rows.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const auto &x = b.rows[i];
        const auto &y = load.batch->rows[i];
        QCOMPARE(y.keyRow, x.keyRow);
        QCOMPARE(y.writtenUs, x.writtenUs);
        if (x.keyRow) {
            QCOMPARE(y.key.rawKey, x.key.rawKey);
            QCOMPARE(y.key.scope, x.key.scope);
            QCOMPARE(y.key.status, x.key.status);
            QCOMPARE(y.key.responseCode, x.key.responseCode);
            QCOMPARE(y.key.responseBody, x.key.responseBody);
            QCOMPARE(y.key.generation, x.key.generation);
            QCOMPARE(y.key.claimedUs, x.key.claimedUs);
            QCOMPARE(y.key.holder, x.key.holder);
            QCOMPARE(y.key.client, x.key.client);
            QCOMPARE(y.key.origin, x.key.origin);
        } else {
            QCOMPARE(y.ledger.id, x.ledger.id);
            QCOMPARE(y.ledger.key, x.ledger.key);
            QCOMPARE(y.ledger.amount, x.ledger.amount);
            QCOMPARE(y.ledger.atUs, x.ledger.atUs);
            QCOMPARE(y.ledger.origin, x.ledger.origin);
        }
    }
}

void TstReplicationBatch::refuses_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    const QByteArray good = sample().toJson();
    auto edited = [&](const char *from, const char *to) {
        QByteArray j = good;
        return j.replace(from, to);
    };
    QTest::addRow("empty") << QByteArray() << "replication:";
    QTest::addRow("not an object") << QByteArray("[1]") << "replication:";
    QTest::addRow("no schema") << edited(R"(,"schema":"idemlab.replication/1")", "")
                               << "replication.schema: missing";
    QTest::addRow("other schema") << edited("replication/1", "replication/2")
                                  << "replication.schema: must be \"idemlab.replication/1\"";
    QTest::addRow("unknown field")
        << edited(R"("from":"B")", R"("from":"B","extra":1)") << "replication.extra: unknown field";
    QTest::addRow("from nowhere") << edited(R"("from":"B")", R"("from":"C")")
                                  << "replication.from:";
    QTest::addRow("rows not an array") << QByteArray(R"({"schema":"idemlab.replication/1",)"
                                                     R"("from":"B","rows":{}})")
                                       << "replication.rows:";
    QTest::addRow("bad status") << edited("CONSUMED", "DONE") << "replication.rows[0].status:";
    QTest::addRow("bad kind") << edited(R"("kind":"ledger")", R"("kind":"lodger")")
                              << "replication.rows[2].kind:";
    QTest::addRow("negative amount")
        << edited(R"("amount":10)", R"("amount":-1)") << "replication.rows[2].amount:";
    QTest::addRow("ledger id of another origin") << edited(R"("id":"B-12")", R"("id":"A-12")")
                                                 << "replication.rows[2].id: must be the origin";
    QTest::addRow("body without a code")
        << edited(R"("responseCode":201)", R"("responseCode":null)")
        << "replication.rows[0].responseBody: must be null exactly when responseCode is null";
    QTest::addRow("missing field")
        << edited(R"("holder":"Server B1#3@x",)", "") << "replication.rows[0].holder: missing";
    QTest::addRow("duplicate field")
        << edited(R"("from":"B")", R"("from":"B","from":"B")") << "replication:";
    QByteArray many = R"({"schema":"idemlab.replication/1","from":"B","rows":[)";
    for (int i = 0; i <= ReplicationBatch::maxRows; ++i)
        many += QByteArray(i ? "," : "") + "1";
    QTest::addRow("too many rows") << many + "]}"
                                   << "replication.rows:";
}

void TstReplicationBatch::refuses()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const ReplicationBatchLoad load = ReplicationBatchReader::fromJson(json);
    QVERIFY(!load.batch);
    QVERIFY2(load.error.startsWith(error), qPrintable(load.error));
    QVERIFY2(!load.error.contains(QLatin1Char('\n')), qPrintable(load.error));
}

QTEST_GUILESS_MAIN(TstReplicationBatch)
#include "tst_replicationbatch.moc"
