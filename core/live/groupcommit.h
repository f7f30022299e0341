#pragma once

#include "storage/clusterdatabase.h"

#include <QMutex>
#include <QWaitCondition>

#include <vector>

namespace idem {

/// The writes to one cluster's DB, committed in groups (the classic group commit): a thread
/// that finds no commit in progress leads, running every write queued so far on its own
/// connection in one transaction; the others wait for it and get their results. A write
/// still counts only once committed, so the protocol sees exactly what one commit per
/// statement would show it, for a fraction of the fsync-free but syscall-heavy WAL commits.
class GroupCommit
{
public:
    /// `writeLock` is the lock every writer of this DB holds while writing.
    explicit GroupCommit(QMutex &writeLock) : m_writeLock(writeLock) {}

    /// Runs `command` at `nowUs` on `connection` (if this thread leads) or on the leader's,
    /// and returns once it is committed.
    DbResult write(ClusterDatabase &connection, const DbCommand &command, qint64 nowUs);

private:
    struct Pending
    {
        const DbCommand *command = nullptr;
        qint64 nowUs = 0;
        DbResult result;
        bool done = false;
    };

    QMutex &m_writeLock;
    QMutex m_mutex;
    QWaitCondition m_committed;
    std::vector<Pending *> m_queue;
    bool m_leading = false;
};

} // namespace idem
