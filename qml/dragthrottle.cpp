#include "dragthrottle.h"

namespace idem {

DragThrottle::DragThrottle(int intervalMs, Move move) : m_move(std::move(move))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(intervalMs);
    QObject::connect(&m_timer, &QTimer::timeout, [this] {
        if (!m_held)
            return;
        const auto [request, atUs] = *m_held;
        m_held.reset();
        this->move(request, atUs);
    });
}

void DragThrottle::move(int request, double atUs)
{
    if (m_timer.isActive()) {
        m_held = std::pair{request, atUs};
        return;
    }
    m_move(request, atUs);
    m_timer.start();
}

void DragThrottle::stop()
{
    m_timer.stop();
    m_held.reset();
}

} // namespace idem
