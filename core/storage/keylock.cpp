#include "storage/keylock.h"

namespace idem {

bool KeyLock::acquire(const QString &key, int owner, Continuation onAcquired)
{
    Slot &slot = m_slots[key];
    if (slot.holder < 0) {
        slot.holder = owner;
        return true;
    }
    slot.queue.push_back(Waiter{owner, std::move(onAcquired)});
    return false;
}

std::optional<KeyLock::Handover> KeyLock::release(const QString &key)
{
    auto it = m_slots.find(key);
    if (it == m_slots.end())
        return std::nullopt;
    if (it->queue.empty()) {
        m_slots.erase(it);
        return std::nullopt;
    }
    Waiter next = std::move(it->queue.front());
    it->queue.pop_front();
    it->holder = next.owner;
    return Handover{next.owner, std::move(next.resume)};
}

int KeyLock::holder(const QString &key) const
{
    const auto it = m_slots.constFind(key);
    return it == m_slots.cend() ? -1 : it->holder;
}

QVector<int> KeyLock::waiters(const QString &key) const
{
    QVector<int> out;
    const auto it = m_slots.constFind(key);
    if (it != m_slots.cend())
        for (const auto &w : it->queue)
            out.append(w.owner);
    return out;
}

} // namespace idem
