// The outbox of a cluster process: a handler connection (with the triggers) queues every key
// row it inserts or updates and every ledger row it inserts, in the same transaction as the
// write (a rolled-back write leaves no entry); a connection without them (the one applying
// the peer's rows) queues nothing; due() ships a key once, as it is now; remove() empties it.
#include "dbcommands.h"
#include "storage/clusterdatabase.h"
#include "storage/outbox.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace idem;
using idem::test::command;

class TstOutbox : public QObject
{
    Q_OBJECT

private slots:
    void triggersFireInHandlerConnectionsOnly();
};

void TstOutbox::triggersFireInHandlerConnectionsOnly()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("cluster-a.sqlite"));
    ClusterDatabase handler(0, QStringLiteral("tst-outbox-handler"), file);
    handler.recordOutbox();
    QVERIFY(!handler.open());
    ClusterDatabase replica(0, QStringLiteral("tst-outbox-replica"), file);
    QVERIFY(!replica.open());
    Outbox outbox(replica);
    QCOMPARE(outbox.backlog(), 0);

    // Claim (insert), charge (ledger insert), consume (update): three entries.
    const qint64 before = Outbox::epochUs();
    QVERIFY(handler.execute(command(DbOp::Claim, QStringLiteral("k1")), 1).changed);
    const DbResult charged = handler.execute(command(DbOp::Charge, QStringLiteral("k1")), 2);
    QVERIFY(charged.changed);
    QVERIFY(handler.execute(command(DbOp::Consume, QStringLiteral("k1")), 3).changed);
    QCOMPARE(outbox.backlog(), 3);
    // A claim that finds the key (nothing written) queues nothing.
    QVERIFY(!handler.execute(command(DbOp::Claim, QStringLiteral("k1")), 4).changed);
    QCOMPARE(outbox.backlog(), 3);

    // Rows applied from the peer on a connection without the triggers are never sent back.
    KeyRow peerKey;
    peerKey.rawKey = QStringLiteral("from-b");
    peerKey.status = QStringLiteral("CREATED");
    peerKey.fingerprint = QStringLiteral("fp");
    peerKey.origin = 1;
    QCOMPARE(replica.applyKeyReplica(peerKey), ReplicaOutcome::Applied);
    LedgerRow peerLedger;
    peerLedger.id = QStringLiteral("B-1");
    peerLedger.key = QStringLiteral("from-b");
    peerLedger.origin = 1;
    peerLedger.fromAcct = QStringLiteral("A");
    peerLedger.toAcct = QStringLiteral("B");
    peerLedger.amount = 5;
    QVERIFY(replica.applyLedgerReplica(peerLedger));
    QCOMPARE(outbox.backlog(), 3);

    // Nothing is due before its lag; once due, the key travels once, as it is now (CONSUMED).
    QVERIFY(outbox.due(before - 1'000'000, 500).entries.isEmpty());
    const Outbox::Due due = outbox.due(Outbox::epochUs() + 1'000'000, 500);
    QVERIFY2(due.error.isEmpty(), qPrintable(due.error));
    QCOMPARE(due.entries.size(), 2);
    QCOMPARE(due.skipped.size(), 1); // the claim's entry: the consume's ships the row
    QVERIFY(!due.entries[0].keyRow);
    QCOMPARE(due.entries[0].ledger.id, charged.ledger.id);
    QVERIFY(due.entries[1].keyRow);
    QCOMPARE(due.entries[1].key.status, QStringLiteral("CONSUMED"));
    QVERIFY(due.entries[1].writtenUs >= before - 1000);

    QVector<qint64> all = due.skipped;
    for (const Outbox::Entry &e : due.entries)
        all.append(e.seq);
    QVERIFY(!outbox.remove(all));
    QCOMPARE(outbox.backlog(), 0);

    // A ChargeAndConsume rolled back between its two statements leaves no entry either.
    QVERIFY(handler.execute(command(DbOp::Claim, QStringLiteral("k2")), 5).changed);
    QCOMPARE(outbox.backlog(), 1);
    const DbResult rolled = handler.execute(command(DbOp::ChargeAndConsume, QStringLiteral("k2")),
                                            6, [] { return false; });
    QVERIFY(rolled.rolledBack);
    QCOMPARE(outbox.backlog(), 1);
}

QTEST_GUILESS_MAIN(TstOutbox)
#include "tst_outbox.moc"
