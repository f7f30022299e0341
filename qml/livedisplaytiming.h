#pragma once

#include "model/runresult.h"

#include <QVector>

namespace idem {

/// The display clock of a live record. Real hops on loopback take microseconds (a send has
/// startUs == endUs), so nothing would be seen flying: for the scene, every message gets a
/// visible flight and whatever follows it in its request waits for it to land. The map is
/// monotonic over the event log, so the order of events (who saw which row first) is kept;
/// concurrent requests still overlap, as only each request's own next step waits. Idle real
/// time passes one to one. Only the display copy moves: exports keep the real times.
class LiveDisplayTiming
{
public:
    static constexpr qint64 hopUs = 320'000;   ///< client ↔ server, server → server
    static constexpr qint64 storeUs = 140'000; ///< each way to a DB or the cache

    LiveDisplayTiming() = default;
    /// Builds the map for `real`'s event log (real session times, as recorded).
    explicit LiveDisplayTiming(const RunResult &real);

    /// `real` on the display clock: every time mapped, each message stretched to be seen.
    [[nodiscard]] RunResult apply(const RunResult &real) const;
    /// A real session time on the display clock (past the last event: one to one).
    [[nodiscard]] qint64 toDisplay(qint64 realUs) const;
    /// The inverse, for export marks set on the display clock.
    [[nodiscard]] qint64 toReal(qint64 displayUs) const;
    /// When the last message on screen lands.
    [[nodiscard]] qint64 displayEndUs() const { return m_end; }

private:
    QVector<qint64> m_real;    ///< each event's real time, nondecreasing
    QVector<qint64> m_display; ///< each event's display time, nondecreasing
    QVector<qint64> m_lead;    ///< display time its message takes to arrive where it runs
    QVector<qint64> m_tail;    ///< display time its message (or result) takes to land
    qint64 m_end = 0;
};

} // namespace idem
