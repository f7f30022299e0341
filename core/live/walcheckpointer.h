#pragma once

#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <array>

namespace idem {

/// Copies the WAL of both cluster DBs into their files from a thread of its own, so that
/// no request waits for a checkpoint (SQLite would run one, fsyncs included, in whichever
/// thread commits the 1000th page) and the WAL does not grow without bound.
///
/// Every `intervalMs` it runs a passive checkpoint, which copies what it can while requests
/// go on writing. Under steady writes that never catches up, and SQLite only starts the
/// WAL over once everything in it was copied: so every few rounds (or when the WAL has
/// grown large) it flushes the WAL file and finishes the copy holding the cluster's write
/// lock. Writers then wait for the last milliseconds of frames to be copied and synced.
class WalCheckpointer : public QThread
{
    Q_OBJECT

public:
    /// `writeLocks[c]`: the lock every writer of DB c holds.
    WalCheckpointer(std::array<QString, 2> files, std::array<QMutex *, 2> writeLocks,
                    int intervalMs, QObject *parent = nullptr);
    ~WalCheckpointer() override;
    /// Stops the thread (the owner's final checkpoint empties the WAL).
    void finish();

protected:
    void run() override;

private:
    std::array<QString, 2> m_files;
    std::array<QMutex *, 2> m_writeLocks;
    int m_intervalMs = 200;
    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_stop = false;
};

} // namespace idem
