#include "sim/simkernel.h"

namespace idem {

void SimKernel::after(qint64 delayUs, Action action)
{
    at(m_now + std::max<qint64>(0, delayUs), std::move(action));
}

void SimKernel::at(qint64 timeUs, Action action)
{
    m_queue.push(Item{std::max(timeUs, m_now), m_seq++, std::move(action)});
}

void SimKernel::run(qint64 untilUs)
{
    while (!m_queue.empty() && m_queue.top().time <= untilUs) {
        // priority_queue::top is const: move the action out before popping.
        Item item = std::move(const_cast<Item &>(m_queue.top()));
        m_queue.pop();
        m_now = item.time;
        item.action();
    }
}

} // namespace idem
