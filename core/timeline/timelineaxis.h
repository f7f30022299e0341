#pragma once

#include "timeline/durationtext.h"

#include <QString>
#include <QVector>

#include <limits>
#include <optional>

namespace idem {

struct RunResult;

/// The app's one horizontal time axis: every quiet stretch longer than 40 ms is drawn as
/// 40 ms and marked as a gap, so 1 ms hops and a 60 s replication lag fit in one picture.
/// Maps µs to x in between the times it was given, piecewise linearly, and x back to µs.
/// The scrub bar and the playback clock use it on [0, 1], the lane timeline and the SVG
/// export on pixels, with tick and gap labels placed so that none overlaps another.
class TimelineAxis
{
public:
    static constexpr qint64 compressedGapUs = 40'000;

    /// A quiet stretch drawn shorter than it is.
    struct Gap
    {
        double x = 0;         ///< its middle
        qint64 duration = 0;  ///< µs
        bool labelled = true; ///< false when its label would overlap another or leave the axis
        qint64 from = 0;      ///< µs: the moment before it
        qint64 to = 0;        ///< µs: the moment after it
    };
    /// A labelled point of the axis.
    struct Tick
    {
        double x = 0;
        qint64 t = 0;       ///< µs
        bool major = false; ///< the first time after a gap
        QString text;       ///< "350 ms"
    };
    /// How tick and gap labels are sized and written.
    struct Labels
    {
        double charWidth = 7; ///< px a character takes, about
        DurationUnit unit = DurationUnit::Milliseconds;
        double minX = -std::numeric_limits<double>::infinity(); ///< no label starts left of it
        double maxX = std::numeric_limits<double>::infinity();  ///< …nor ends right of it
    };

    /// `times`: the moments something happens (any order, repeats allowed); the axis spans
    /// their minimum to maximum over [left, left + width]. No labels.
    TimelineAxis(QVector<qint64> times, double left, double width);
    /// The same with tick and gap labels, in milliseconds, about `charWidth` px a character.
    TimelineAxis(QVector<qint64> times, double left, double width, double charWidth);
    TimelineAxis(QVector<qint64> times, double left, double width, const Labels &labels);

    /// 0, the time of every event and the end of the run: the moments of a run's axis.
    [[nodiscard]] static QVector<qint64> momentsOf(const RunResult &run);

    [[nodiscard]] double x(qint64 t) const;
    /// The inverse of x(): the time at `x`, clamped to the axis's span.
    [[nodiscard]] double time(double x) const;
    /// The sorted, distinct moments the axis was built from.
    [[nodiscard]] const QVector<qint64> &times() const { return m_times; }
    [[nodiscard]] const QVector<Gap> &gaps() const { return m_gaps; }
    /// The compressed gap that `t` lies in (from ≤ t < to), if any.
    [[nodiscard]] std::optional<Gap> gapAt(qint64 t) const;
    /// The first gap that starts at or after `t`, if any.
    [[nodiscard]] std::optional<Gap> nextGap(qint64 t) const;
    /// Ticks whose labels do not overlap each other or the gaps' labels.
    [[nodiscard]] const QVector<Tick> &ticks() const { return m_ticks; }

    /// 1, 2 or 5 × a power of ten, at least `v` (and at least 1): a tick step in µs.
    [[nodiscard]] static qint64 niceStep(double v);

private:
    void placeLabels(const Labels &labels);

    QVector<qint64> m_times;
    QVector<double> m_xs;
    QVector<Gap> m_gaps;
    QVector<Tick> m_ticks;
    double m_pxPerUs = 0;
};

} // namespace idem
