#pragma once

#include "sim/prng.h"

#include <QtGlobal>

#include <functional>
#include <limits>
#include <queue>
#include <vector>

namespace idem {

/// Discrete-event kernel: virtual time in µs, actions ordered by (time, sequence).
class SimKernel
{
public:
    using Action = std::function<void()>;

    explicit SimKernel(quint64 seed = 1) : m_prng(seed) {}

    [[nodiscard]] qint64 now() const { return m_now; }
    /// Runs `action` at now + delay (delay < 0 counts as 0).
    void after(qint64 delayUs, Action action);
    /// Runs `action` at an absolute time, never earlier than now.
    void at(qint64 timeUs, Action action);
    /// Runs `action` at an absolute time as background work: it runs in its turn, but the
    /// run ends when only background work is left (a reaper due a day later).
    void atBackground(qint64 timeUs, Action action);
    /// Runs actions until no foreground action is left or the next one is later than
    /// `untilUs`.
    void run(qint64 untilUs = std::numeric_limits<qint64>::max());
    [[nodiscard]] bool idle() const { return m_foreground == 0; }
    /// A fresh sequence number: events logged by the caller use the kernel's order.
    qint64 nextSeq() { return m_seq++; }
    Prng &prng() { return m_prng; }

private:
    struct Item
    {
        qint64 time;
        qint64 seq;
        Action action;
        bool background = false;
    };
    struct Later
    {
        bool operator()(const Item &a, const Item &b) const
        {
            return a.time != b.time ? a.time > b.time : a.seq > b.seq;
        }
    };

    std::priority_queue<Item, std::vector<Item>, Later> m_queue;
    qint64 m_now = 0;
    qint64 m_seq = 0;
    qint64 m_foreground = 0; ///< queued actions that are not background work
    Prng m_prng;
};

} // namespace idem
