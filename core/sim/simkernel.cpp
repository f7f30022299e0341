#include "sim/simkernel.h"

namespace idem {

void SimKernel::after(qint64 delayUs, Action action)
{
    at(m_now + std::max<qint64>(0, delayUs), std::move(action));
}

void SimKernel::at(qint64 timeUs, Action action)
{
    ++m_foreground;
    m_queue.push(Item{std::max(timeUs, m_now), m_seq++, std::move(action), false});
}

void SimKernel::atBackground(qint64 timeUs, Action action)
{
    m_queue.push(Item{std::max(timeUs, m_now), m_seq++, std::move(action), true});
}

void SimKernel::run(qint64 untilUs)
{
    // Background work (a reaper) runs in its turn, and what is due by the last foreground
    // action still runs; but it does not keep the run going alone.
    while (!m_queue.empty() && (m_foreground > 0 || m_queue.top().time <= m_now) &&
           m_queue.top().time <= untilUs) {
        // priority_queue::top is const: move the action out before popping.
        Item item = std::move(const_cast<Item &>(m_queue.top()));
        m_queue.pop();
        if (!item.background)
            --m_foreground;
        m_now = item.time;
        item.action();
    }
}

} // namespace idem
