#include "live/blockingkeylock.h"

#include <QMutexLocker>

namespace idem {

namespace {
// The continuations release() hands keys to, queued while one of them runs on this thread: a
// waiter that releases at once (its lookup found the key) would otherwise run the next one
// inside its own frame, as deep as the queue of waiters is long.
thread_local std::deque<std::function<void()>> *handing = nullptr;

void handOver(std::function<void()> next)
{
    if (handing) {
        handing->push_back(std::move(next));
        return;
    }
    std::deque<std::function<void()>> pending{std::move(next)};
    handing = &pending;
    while (!pending.empty()) {
        std::function<void()> run = std::move(pending.front());
        pending.pop_front();
        run();
    }
    handing = nullptr;
}
} // namespace

void BlockingKeyLock::acquire(const QString &key, int owner,
                              const std::function<void(int holder)> &onWait)
{
    QMutexLocker locker(&m_mutex);
    std::shared_ptr<Slot> &entry = m_slots[key];
    if (!entry)
        entry = std::make_shared<Slot>();
    const std::shared_ptr<Slot> slot = entry; // the hash may rehash while we wait
    const quint64 ticket = slot->nextTicket++;
    if (ticket != slot->serving) {
        const int holder = slot->holder;
        locker.unlock();
        if (onWait)
            onWait(holder);
        locker.relock();
        while (ticket != slot->serving)
            slot->turn.wait(&m_mutex);
    }
    slot->holder = owner;
}

void BlockingKeyLock::queue(const QString &key, int owner,
                            const std::function<void(int holder)> &onWait,
                            std::function<void()> acquired)
{
    QMutexLocker locker(&m_mutex);
    std::shared_ptr<Slot> &entry = m_slots[key];
    if (!entry)
        entry = std::make_shared<Slot>();
    Slot &slot = *entry;
    const quint64 ticket = slot.nextTicket++;
    if (ticket == slot.serving) {
        slot.holder = owner;
        locker.unlock();
        acquired();
        return;
    }
    const int holder = slot.holder;
    slot.queued.push_back(Queued{ticket, owner, std::move(acquired)});
    locker.unlock();
    if (onWait)
        onWait(holder);
}

void BlockingKeyLock::release(const QString &key)
{
    QMutexLocker locker(&m_mutex);
    const auto it = m_slots.find(key);
    if (it == m_slots.end())
        return;
    Slot &slot = **it;
    ++slot.serving;
    slot.holder = -1;
    if (slot.serving == slot.nextTicket) {
        m_slots.erase(it); // nobody waits: forget the key
        return;
    }
    if (!slot.queued.empty() && slot.queued.front().ticket == slot.serving) {
        Queued next = std::move(slot.queued.front());
        slot.queued.pop_front();
        slot.holder = next.owner;
        locker.unlock();
        handOver(std::move(next.acquired)); // its turn: the key is held for it now
        return;
    }
    slot.turn.wakeAll(); // tickets decide who goes; the others wait again
}

} // namespace idem
