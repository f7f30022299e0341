#pragma once

#include <QHash>
#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <functional>
#include <memory>

namespace idem {

/// A per-key lock for real threads, scoped to one cluster (live mode's KeyLock): the
/// thread that takes a held key blocks until it is its turn. Waiters are served first come,
/// first served, as KeyLock's queue serves them in virtual time. Thread-safe.
class BlockingKeyLock
{
public:
    /// Blocks until `owner` holds `key`. If another owner holds it, `onWait(holder)` runs
    /// first, once, without any lock held (to log the wait).
    void acquire(const QString &key, int owner, const std::function<void(int holder)> &onWait);
    /// Releases `key`; the next waiter, if any, takes it.
    void release(const QString &key);

private:
    struct Slot
    {
        int holder = -1;
        quint64 nextTicket = 0; ///< ticket of the next thread to ask
        quint64 serving = 0;    ///< ticket whose turn it is
        QWaitCondition turn;
    };

    QMutex m_mutex;
    QHash<QString, std::shared_ptr<Slot>> m_slots; ///< shared: a waiter keeps its slot alive
};

} // namespace idem
