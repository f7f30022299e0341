// The DbWriter of a cluster DB: a caller gets its result only once its batch is committed
// (another connection then sees the row), a failed COMMIT fails every statement of the
// batch and leaves none of them in the file, each caller's statements run in its order,
// and stop() waits for everything queued to run (later statements fail at once).
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

private:
    /// A new writer on a new file, started.
    void startWriter();
    /// Runs `work` on a thread of its own (started now, joined by cleanup()).
    void onThread(std::function<void()> work);
    /// Queues a job that holds the writer until `release` is released: what is queued
    /// meanwhile goes into the next batch.
    void holdWriter(QSemaphore &release);

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

void TstDbWriter::startWriter()
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
    // Last in the batch: ends its transaction, so that the batch's COMMIT fails.
    onThread([&] {
        results[2] = m_writer->run([](ClusterDatabase &db) {
            QSqlQuery(db.connection()).exec(QStringLiteral("ROLLBACK"));
            return DbResult{};
        });
    });
    QTRY_COMPARE(m_writer->queued(), 3);
    release.release();
    for (auto &thread : m_threads)
        thread->wait();
    for (const DbResult &result : results) {
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(QStringLiteral("cannot commit")), qPrintable(result.error));
    }
    QVERIFY(!m_owner->keyRow({}, QStringLiteral("k1")));
    QVERIFY(!m_owner->keyRow({}, QStringLiteral("k2")));
    // The writer goes on: the next statement commits.
    QVERIFY(m_writer->execute(command(DbOp::Claim, "k1"), 3).changed);
    QVERIFY(m_owner->keyRow({}, QStringLiteral("k1")));
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

QTEST_GUILESS_MAIN(TstDbWriter)
#include "tst_dbwriter.moc"
