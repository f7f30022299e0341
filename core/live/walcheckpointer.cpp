#include "live/walcheckpointer.h"

#include "live/clusterconnections.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QMutexLocker>

#include <fcntl.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcCheckpoint, "idemlab.live.checkpoint")

namespace idem {

namespace {

QAtomicInt checkpointerCounter;
// How often the WAL is started over (a copy finished under the write lock: writers wait
// for it, fsyncs included), in rounds of `intervalMs`...
constexpr int roundsPerRestart = 5;
// ...or sooner, once it holds this many frames.
constexpr int largeLog = 50'000;

// Flushes the WAL file to disk, so that the fsync SQLite does under the write lock has
// only the last few milliseconds of frames left to write.
void syncFile(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fdatasync(fd);
    ::close(fd);
}

} // namespace

WalCheckpointer::WalCheckpointer(std::array<QString, 2> files, std::array<QMutex *, 2> writeLocks,
                                 int intervalMs, QObject *parent)
    : QThread(parent), m_files(std::move(files)), m_writeLocks(writeLocks), m_intervalMs(intervalMs)
{
    setObjectName(QStringLiteral("idemlab-checkpoint"));
}

WalCheckpointer::~WalCheckpointer()
{
    finish();
}

void WalCheckpointer::finish()
{
    {
        QMutexLocker locker(&m_mutex);
        m_stop = true;
        m_wake.wakeOne();
    }
    wait();
}

void WalCheckpointer::run()
{
    ClusterConnections dbs(
        m_files,
        QStringLiteral("idemlab-checkpoint-%1").arg(checkpointerCounter.fetchAndAddRelaxed(1)));
    if (auto error = dbs.openBoth()) {
        qCWarning(lcCheckpoint) << *error;
        return;
    }
    for (int round = 1;; ++round) {
        {
            QMutexLocker locker(&m_mutex);
            const QDeadlineTimer next(m_intervalMs, Qt::PreciseTimer);
            while (!m_stop && !next.hasExpired())
                m_wake.wait(&m_mutex, next);
            if (m_stop)
                return;
        }
        for (int c = 0; c < 2; ++c) {
            if (m_files[size_t(c)].isEmpty())
                continue;    // hosted by another process
            QString ignored; // both are open
            ClusterDatabase &db = *dbs.get(c, &ignored);
            const auto done = db.checkpoint(ClusterDatabase::Checkpoint::Passive);
            if (!done.error.isEmpty()) {
                qCWarning(lcCheckpoint) << done.error;
                continue;
            }
            if (done.logFrames == 0 || (round % roundsPerRestart != 0 && done.logFrames < largeLog))
                continue;
            syncFile(m_files[size_t(c)] + QStringLiteral("-wal"));
            // With no writer, this copy completes and the next writer starts the WAL over.
            QMutexLocker writing(m_writeLocks[size_t(c)]);
            const auto rest = db.checkpoint(ClusterDatabase::Checkpoint::Passive);
            if (!rest.error.isEmpty())
                qCWarning(lcCheckpoint) << rest.error;
        }
    }
}

} // namespace idem
