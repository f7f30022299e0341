// The DbWriter of a cluster DB: a caller gets its result only once its batch is committed
// (another connection then sees the row), a failed COMMIT fails every statement of the
// batch and leaves none of them in the file, each caller's statements run in its order,
// and stop() waits for everything queued to run (later statements fail at once). The same
// for statements queued with their continuation on a writer with a thread of its own
// (submit(): the path of live mode's I/O threads), where each request's next statement is
// only queued from the continuation of the one before.
#include "dbcommands.h"
#include "live/dbwriter.h"

#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <memory>
#include <vector>

using namespace idem;
using idem::test::command;

class TstDbWriter : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void resultsOnlyAfterCommit();
    void failedCommitFailsTheBatch();
    void orderPerCaller();
    void stopDrainsTheQueue();
    void queuedRequestsRunInOrder();
    void queuedFailedCommitFailsEveryCaller();
    void queuedStopWithWorkQueued();
    void chargeAndConsumeRollsBackAloneInABatch();

private:
    /// A new writer on a new file, started (with a thread of its own: submit() works).
    void startWriter(bool ownThread = false);
    /// Queues a key's whole protocol on the writer, each step from the continuation of the one
    /// before (as the ClaimHandler does): counts a step that saw the wrong row in `wrong`, one
    /// that ran off the writer's thread in `offThread`, and the finished requests in `done`.
    void queueProtocol(const QString &key, std::atomic<int> &wrong, std::atomic<int> &offThread,
                       std::atomic<int> &done);
    /// Runs `work` on a thread of its own (started now, joined by cleanup()).
    void onThread(std::function<void()> work);
    /// Queues a job that holds the writer until `release` is released: what is queued
    /// meanwhile goes into the next batch.
    void holdWriter(QSemaphore &release);
    /// Queues last into the held batch (after `queued` statements) a job that ends the batch's
    /// transaction, so that its COMMIT fails; then lets the writer go and joins the threads.
    void failHeldBatch(QSemaphore &release, DbResult &jobResult, int queued);
    /// After failHeldBatch(): every result says the commit failed, no key of `keys` was
    /// written, and the writer goes on (a claim of the first key commits).
    void expectBatchFailed(const std::vector<DbResult> &results, const QStringList &keys);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
    std::unique_ptr<ClusterDatabase> m_owner;
    QMutex m_writeLock;
    std::unique_ptr<DbWriter> m_writer;
    std::vector<std::unique_ptr<QThread>> m_threads;
    int m_files = 0;
};

void TstDbWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    startWriter();
}

void TstDbWriter::cleanup()
{
    for (auto &thread : m_threads)
        thread->wait();
    m_threads.clear();
    m_writer.reset();
    m_owner.reset();
    m_dir.reset();
}

void TstDbWriter::startWriter(bool ownThread)
{
    m_file = m_dir->filePath(QStringLiteral("cluster-a-%1.sqlite").arg(++m_files));
    m_owner = std::make_unique<ClusterDatabase>(0, QStringLiteral("tst-dbwriter-owner"), m_file);
    QVERIFY(!m_owner->open());
    DbWriter::Config config;
    config.cluster = 0;
    config.file = m_file;
    config.connection = QStringLiteral("tst-dbwriter-writer-%1").arg(m_files);
    config.ledgerIds = m_owner.get();
    config.writeLock = &m_writeLock;
    config.ownThread = ownThread;
    m_writer = std::make_unique<DbWriter>(config);
    QCOMPARE(m_writer->start(), std::optional<QString>());
}

void TstDbWriter::onThread(std::function<void()> work)
{
    m_threads.emplace_back(QThread::create(std::move(work)));
    m_threads.back()->start();
}

void TstDbWriter::holdWriter(QSemaphore &release)
{
    QSemaphore held;
    onThread([this, &release, &held] {
        m_writer->run([&](ClusterDatabase &) {
            held.release();
            release.acquire();
            return DbResult{};
        });
    });
    held.acquire(); // the writer now runs the job: nothing else is taken until it returns
}

void TstDbWriter::failHeldBatch(QSemaphore &release, DbResult &jobResult, int queued)
{
    onThread([this, &jobResult] {
        jobResult = m_writer->run([](ClusterDatabase &db) {
            QSqlQuery(db.connection()).exec(QStringLiteral("ROLLBACK"));
            return DbResult{};
        });
    });
    QTRY_COMPARE(m_writer->queued(), queued + 1);
    release.release();
    for (auto &thread : m_threads)
        thread->wait();
}

void TstDbWriter::expectBatchFailed(const std::vector<DbResult> &results, const QStringList &keys)
{
    for (const DbResult &result : results) {
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(QStringLiteral("cannot commit")), qPrintable(result.error));
    }
    for (const QString &key : keys)
        QVERIFY2(!m_owner->keyRow({}, key), qPrintable(key));
    // The writer goes on: the next statement commits.
    QVERIFY(m_writer->execute(command(DbOp::Claim, keys.first()), 3).changed);
    QVERIFY(m_owner->keyRow({}, keys.first()));
}

void TstDbWriter::resultsOnlyAfterCommit()
{
    // Eight callers at once, so that batches hold several statements: whenever a caller has
    // its result, a connection of its own already sees the row.
    std::atomic<int> unseen{0};
    std::atomic<int> claimed{0};
    for (int t = 0; t < 8; ++t) {
        onThread([this, t, &unseen, &claimed] {
            ClusterDatabase reader(0, QStringLiteral("tst-dbwriter-reader-%1").arg(t), m_file);
            if (reader.open()) {
                unseen += 1000;
                return;
            }
            for (int i = 0; i < 25; ++i) {
                const QString key = QStringLiteral("k-%1-%2").arg(t).arg(i);
                const DbResult result = m_writer->execute(command(DbOp::Claim, key), i);
                if (result.ok() && result.changed)
                    ++claimed;
                if (!reader.keyRow({}, key))
                    ++unseen;
            }
        });
    }
    for (auto &thread : m_threads)
        thread->wait();
    QCOMPARE(claimed.load(), 200);
    QCOMPARE(unseen.load(), 0);
}

void TstDbWriter::failedCommitFailsTheBatch()
{
    QSemaphore release;
    holdWriter(release);
    std::vector<DbResult> results(3);
    onThread([&] { results[0] = m_writer->execute(command(DbOp::Claim, "k1"), 1); });
    QTRY_COMPARE(m_writer->queued(), 1);
    onThread([&] { results[1] = m_writer->execute(command(DbOp::Claim, "k2"), 2); });
    QTRY_COMPARE(m_writer->queued(), 2);
    failHeldBatch(release, results[2], 2);
    expectBatchFailed(results, {QStringLiteral("k1"), QStringLiteral("k2")});
}

void TstDbWriter::orderPerCaller()
{
    // Four callers, each a key's whole protocol in order: every step sees the one before.
    std::atomic<int> wrong{0};
    for (int t = 0; t < 4; ++t) {
        onThread([this, t, &wrong] {
            for (int i = 0; i < 30; ++i) {
                const QString key = QStringLiteral("k-%1-%2").arg(t).arg(i);
                const bool ok = m_writer->execute(command(DbOp::Claim, key), 1).changed &&
                                !m_writer->execute(command(DbOp::Claim, key), 2).changed && // found
                                m_writer->execute(command(DbOp::Charge, key), 3).changed &&
                                m_writer->execute(command(DbOp::Consume, key), 4).changed &&
                                m_writer->execute(command(DbOp::Lookup, key), 5).row.status ==
                                    QStringLiteral("CONSUMED");
                if (!ok)
                    ++wrong;
            }
        });
    }
    for (auto &thread : m_threads)
        thread->wait();
    QCOMPARE(wrong.load(), 0);
    QCOMPARE(m_owner->ledgerTotals().count, 120);
}

void TstDbWriter::stopDrainsTheQueue()
{
    QSemaphore release;
    holdWriter(release);
    std::vector<DbResult> results(3);
    for (int i = 0; i < 3; ++i) {
        onThread([this, i, &results] {
            results[size_t(i)] =
                m_writer->execute(command(DbOp::Claim, QStringLiteral("k%1").arg(i)), i);
        });
    }
    QTRY_COMPARE(m_writer->queued(), 3);
    onThread([this] { m_writer->stop(); });
    // Once stop() has begun, new statements are refused at once (they are not queued).
    QTRY_VERIFY(!m_writer->accepting());
    QVERIFY(!m_writer->run([](ClusterDatabase &) { return DbResult{}; }).ok());
    QCOMPARE(m_writer->queued(), 3);
    release.release();
    for (auto &thread : m_threads)
        thread->wait();
    for (int i = 0; i < 3; ++i) {
        QVERIFY2(results[size_t(i)].ok() && results[size_t(i)].changed,
                 qPrintable(results[size_t(i)].error));
        QVERIFY(m_owner->keyRow({}, QStringLiteral("k%1").arg(i)));
    }
    const DbResult late = m_writer->execute(command(DbOp::Claim, "k9"), 9);
    QVERIFY(late.error.contains(QStringLiteral("writer has stopped")));
}

void TstDbWriter::queueProtocol(const QString &key, std::atomic<int> &wrong,
                                std::atomic<int> &offThread, std::atomic<int> &done)
{
    QThread *caller = QThread::currentThread();
    auto step = [this, caller, &offThread](DbOp op, const QString &k, qint64 now,
                                           std::function<bool(const DbResult &)> check,
                                           std::function<void()> next, std::atomic<int> &bad) {
        m_writer->submit(command(op, k), now,
                         [caller, &offThread, check, next, &bad](DbResult &&result) {
                             if (QThread::currentThread() == caller)
                                 ++offThread; // a continuation runs on the writer's thread
                             if (!result.ok() || !check(result)) {
                                 ++bad;
                                 return;
                             }
                             next();
                         });
    };
    // Claim, claim again (found), charge, consume, then a lookup through the writer that must
    // see CONSUMED: each step only runs once the one before has committed.
    step(
        DbOp::Claim, key, 1, [](const DbResult &r) { return r.changed; },
        [=, &wrong, &done] {
            step(
                DbOp::Claim, key, 2, [](const DbResult &r) { return !r.changed; },
                [=, &wrong, &done] {
                    step(
                        DbOp::Charge, key, 3, [](const DbResult &r) { return r.changed; },
                        [=, &wrong, &done] {
                            step(
                                DbOp::Consume, key, 4, [](const DbResult &r) { return r.changed; },
                                [=, &wrong, &done] {
                                    step(
                                        DbOp::Lookup, key, 5,
                                        [](const DbResult &r) {
                                            return r.row.status == QStringLiteral("CONSUMED");
                                        },
                                        [&done] { ++done; }, wrong);
                                },
                                wrong);
                        },
                        wrong);
                },
                wrong);
        },
        wrong);
}

void TstDbWriter::queuedRequestsRunInOrder()
{
    startWriter(true);
    // Forty requests queued at once from this thread, which never waits: their statements
    // share batches, and each request's run in its order.
    std::atomic<int> wrong{0};
    std::atomic<int> offThread{0};
    std::atomic<int> done{0};
    for (int i = 0; i < 40; ++i)
        queueProtocol(QStringLiteral("q-%1").arg(i), wrong, offThread, done);
    m_writer->waitIdle(); // every continuation has run, the last lookups too
    QCOMPARE(wrong.load(), 0);
    QCOMPARE(offThread.load(), 0);
    QCOMPARE(done.load(), 40);
    QCOMPARE(m_owner->ledgerTotals().count, 40);
    QCOMPARE(m_owner->keyRow({}, QStringLiteral("q-7"))->status, QStringLiteral("CONSUMED"));
}

void TstDbWriter::queuedFailedCommitFailsEveryCaller()
{
    startWriter(true);
    QSemaphore release;
    holdWriter(release);
    std::vector<DbResult> results(3);
    std::atomic<int> calls{0};
    for (int i = 0; i < 2; ++i)
        m_writer->submit(command(DbOp::Claim, QStringLiteral("f%1").arg(i)), i,
                         [&, i](DbResult &&r) {
                             results[size_t(i)] = std::move(r);
                             ++calls;
                         });
    QCOMPARE(m_writer->queued(), 2);
    failHeldBatch(release, results[2], 2);
    m_writer->waitIdle();
    QCOMPARE(calls.load(), 2); // each continuation once
    expectBatchFailed(results, {QStringLiteral("f0"), QStringLiteral("f1")});
}

void TstDbWriter::queuedStopWithWorkQueued()
{
    startWriter(true);
    QSemaphore release;
    holdWriter(release);
    // Three requests queued: each charges once its claim has committed. stop() lets the queued
    // claims commit; the charges they queue from their continuations come after stop() began
    // and fail at once, each continuation called exactly once.
    std::vector<DbResult> claims(3), charges(3);
    std::atomic<int> claimCalls{0}, chargeCalls{0};
    for (int i = 0; i < 3; ++i) {
        const QString key = QStringLiteral("s%1").arg(i);
        m_writer->submit(command(DbOp::Claim, key), i, [&, i, key](DbResult &&r) {
            claims[size_t(i)] = std::move(r);
            ++claimCalls;
            m_writer->submit(command(DbOp::Charge, key), 10 + i, [&, i](DbResult &&c) {
                charges[size_t(i)] = std::move(c);
                ++chargeCalls;
            });
        });
    }
    QCOMPARE(m_writer->queued(), 3);
    onThread([this] { m_writer->stop(); });
    QTRY_VERIFY(!m_writer->accepting());
    // Refused at once, on this thread.
    bool refusedHere = false;
    m_writer->submit(command(DbOp::Claim, "late"), 9, [&](DbResult &&r) {
        refusedHere = r.error.contains(QStringLiteral("writer has stopped"));
    });
    QVERIFY(refusedHere);
    QCOMPARE(m_writer->queued(), 3);
    release.release();
    for (auto &thread : m_threads)
        thread->wait(); // stop() has returned: the writer's thread has ended
    QCOMPARE(claimCalls.load(), 3);
    QCOMPARE(chargeCalls.load(), 3);
    for (int i = 0; i < 3; ++i) {
        QVERIFY2(claims[size_t(i)].ok() && claims[size_t(i)].changed,
                 qPrintable(claims[size_t(i)].error));
        QVERIFY(m_owner->keyRow({}, QStringLiteral("s%1").arg(i)));
        QVERIFY(charges[size_t(i)].error.contains(QStringLiteral("writer has stopped")));
    }
    QCOMPARE(m_owner->ledgerTotals().count, 0);
    QVERIFY(!m_owner->keyRow({}, QStringLiteral("late")));
}

void TstDbWriter::chargeAndConsumeRollsBackAloneInABatch()
{
    // Two charges in one batch, the first fenced (its claim is of another generation): its
    // savepoint rolls back its ledger row, the other commits with the batch.
    startWriter(true);
    QVERIFY(m_writer->execute(command(DbOp::Claim, "c1"), 1).changed);
    QVERIFY(m_writer->execute(command(DbOp::Claim, "c2"), 2).changed);
    QSemaphore release;
    holdWriter(release);
    DbCommand stale = command(DbOp::ChargeAndConsume, "c1");
    stale.generation = 2;
    std::vector<DbResult> results(2);
    m_writer->submit(stale, 3, [&](DbResult &&r) { results[0] = std::move(r); });
    m_writer->submit(command(DbOp::ChargeAndConsume, "c2"), 4,
                     [&](DbResult &&r) { results[1] = std::move(r); });
    QCOMPARE(m_writer->queued(), 2);
    release.release();
    for (auto &thread : m_threads)
        thread->wait();
    m_writer->waitIdle();
    QVERIFY2(results[0].ok() && results[0].rolledBack && !results[0].changed,
             qPrintable(results[0].error));
    QVERIFY2(results[1].ok() && results[1].changed, qPrintable(results[1].error));
    QCOMPARE(m_owner->ledgerTotals(QStringLiteral("c1")).count, 0);
    QCOMPARE(m_owner->ledgerTotals(QStringLiteral("c2")).count, 1);
    QCOMPARE(m_owner->keyRow({}, QStringLiteral("c1"))->status, QStringLiteral("CREATED"));
    QCOMPARE(m_owner->keyRow({}, QStringLiteral("c2"))->status, QStringLiteral("CONSUMED"));
}

QTEST_GUILESS_MAIN(TstDbWriter)
#include "tst_dbwriter.moc"
