#pragma once

#include <QHash>
#include <QString>
#include <QVector>

#include <deque>
#include <functional>
#include <optional>

namespace idem {

/// A per-key lock with a FIFO wait queue, scoped to one cluster (virtual-time version:
/// waiting is a queued continuation, not a blocked thread).
class KeyLock
{
public:
    using Continuation = std::function<void()>;

    /// Takes the lock for `owner` if free (returns true; the caller goes on) or queues
    /// `onAcquired` behind the holder (returns false).
    bool acquire(const QString &key, int owner, Continuation onAcquired);

    struct Handover
    {
        int owner = -1;
        Continuation resume;
    };
    /// Releases `key`; the next waiter, if any, now holds it and must be resumed.
    std::optional<Handover> release(const QString &key);

    /// Current holder of `key`, or -1.
    [[nodiscard]] int holder(const QString &key) const;
    /// Owners waiting for `key`, in order.
    [[nodiscard]] QVector<int> waiters(const QString &key) const;

private:
    struct Waiter
    {
        int owner;
        Continuation resume;
    };
    struct Slot
    {
        int holder = -1;
        std::deque<Waiter> queue;
    };
    QHash<QString, Slot> m_slots;
};

} // namespace idem
