#include "live/blockingkeylock.h"

#include <QMutexLocker>

namespace idem {

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
    slot.turn.wakeAll(); // tickets decide who goes; the others wait again
}

} // namespace idem
