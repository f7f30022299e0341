#pragma once

#include <QString>
#include <QVector>

namespace idem {

/// A horizontal time axis that, like the app's timeline view, shows every quiet stretch
/// longer than 40 ms as 40 ms and marks it as a gap, so 1 ms hops and a 60 s replication lag
/// fit in one picture. Maps µs to x in between the times it was given, piecewise linearly.
class TimelineAxis
{
public:
    static constexpr qint64 compressedGapUs = 40'000;

    /// A quiet stretch drawn shorter than it is.
    struct Gap
    {
        double x = 0;         ///< its middle
        qint64 duration = 0;  ///< µs
        bool labelled = true; ///< false when its label would overlap another gap's
    };
    /// A labelled point of the axis.
    struct Tick
    {
        double x = 0;
        qint64 t = 0;       ///< µs
        bool major = false; ///< the first time after a gap
        QString text;       ///< "350 ms"
    };

    /// `times`: the moments something happens (any order, repeats allowed); the axis spans
    /// their minimum to maximum over [left, left + width]. Labels take about `charWidth` px a
    /// character.
    TimelineAxis(QVector<qint64> times, double left, double width, double charWidth);

    [[nodiscard]] double x(qint64 t) const;
    [[nodiscard]] const QVector<Gap> &gaps() const { return m_gaps; }
    /// Ticks whose labels do not overlap each other or the gaps' labels.
    [[nodiscard]] const QVector<Tick> &ticks() const { return m_ticks; }

    /// "0 ms", "20 ms", "1020.5 ms": a time in milliseconds, for tick labels.
    [[nodiscard]] static QString millis(qint64 us);
    /// "+59.7 s", "+650 ms": a gap's length, three figures at most.
    [[nodiscard]] static QString gapText(qint64 us);
    /// 1, 2 or 5 × a power of ten, at least `v` (and at least 1): a tick step in µs.
    [[nodiscard]] static qint64 niceStep(double v);

private:
    void placeLabels(double charWidth);

    QVector<qint64> m_times;
    QVector<double> m_xs;
    QVector<Gap> m_gaps;
    QVector<Tick> m_ticks;
    double m_pxPerUs = 0;
};

} // namespace idem
