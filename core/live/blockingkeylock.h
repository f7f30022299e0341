#pragma once

#include <QHash>
#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <deque>
#include <functional>
#include <memory>

namespace idem {

/// A per-key lock for real threads, scoped to one cluster (live mode's KeyLock): the
/// thread that takes a held key blocks until it is its turn, or (queue()) leaves a
/// continuation that the releasing thread runs. Waiters are served first come, first served,
/// as KeyLock's queue serves them in virtual time. Thread-safe.
class BlockingKeyLock
{
public:
    /// Blocks until `owner` holds `key`. If another owner holds it, `onWait(holder)` runs
    /// first, once, without any lock held (to log the wait).
    void acquire(const QString &key, int owner, const std::function<void(int holder)> &onWait);
    /// Without blocking: runs `acquired` at once on this thread if `key` is free, else
    /// `onWait(holder)` now and `acquired` later, on the thread whose release() hands the key
    /// to `owner`. The key is held from then on, until released (by any thread).
    void queue(const QString &key, int owner, const std::function<void(int holder)> &onWait,
               std::function<void()> acquired);
    /// Releases `key`; the next waiter, if any, takes it (a queued one's continuation runs
    /// on this thread: before release() returns, or, when release() is called from such a
    /// continuation, right after it).
    void release(const QString &key);

private:
    struct Queued
    {
        quint64 ticket = 0;
        int owner = -1;
        std::function<void()> acquired;
    };
    struct Slot
    {
        int holder = -1;
        quint64 nextTicket = 0; ///< ticket of the next thread to ask
        quint64 serving = 0;    ///< ticket whose turn it is
        QWaitCondition turn;
        std::deque<Queued> queued; ///< queue()'s waiters, by ticket
    };

    QMutex m_mutex;
    QHash<QString, std::shared_ptr<Slot>> m_slots; ///< shared: a waiter keeps its slot alive
};

} // namespace idem
