#pragma once

#include <QTimer>

#include <functional>
#include <optional>
#include <utility>

namespace idem {

/// The moves of a dragged ◆, thinned out so that the engine reruns as the drag goes without
/// falling behind it: a move is done at once unless one was done less than `intervalMs` ago;
/// then it is held, and when that time is up only the newest held move is done.
class DragThrottle
{
public:
    using Move = std::function<void(int request, double atUs)>;

    DragThrottle(int intervalMs, Move move);

    void move(int request, double atUs);
    /// The drag ended: a held move is dropped (the release's own move follows).
    void stop();

private:
    Move m_move;
    QTimer m_timer;                               ///< runs for intervalMs after a move done
    std::optional<std::pair<int, double>> m_held; ///< request, µs: done when the time is up
};

} // namespace idem
