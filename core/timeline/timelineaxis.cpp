#include "timeline/timelineaxis.h"

#include "model/runresult.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace idem {

qint64 TimelineAxis::niceStep(double v)
{
    if (v <= 1)
        return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    const double m = v / p;
    const double f = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
    return qint64(std::llround(f * p));
}

QVector<qint64> TimelineAxis::momentsOf(const RunResult &run)
{
    QVector<qint64> times{0};
    times.reserve(run.events.size() + 2);
    for (const Event &e : run.events)
        if (e.t > times.last())
            times.append(e.t);
    if (run.endUs > times.last())
        times.append(run.endUs);
    return times;
}

TimelineAxis::TimelineAxis(QVector<qint64> times, double left, double width)
{
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    if (times.isEmpty())
        times.append(0);
    if (times.size() == 1)
        times.append(times.first() + 1);
    m_times = times;

    QVector<double> positions{0};
    double total = 0;
    for (int i = 1; i < times.size(); ++i) {
        total += double(std::min(times[i] - times[i - 1], compressedGapUs));
        positions.append(total);
    }
    m_pxPerUs = width / total;
    for (const double p : positions)
        m_xs.append(left + p * m_pxPerUs);
    for (int i = 1; i < times.size(); ++i) {
        const qint64 gap = times[i] - times[i - 1];
        if (gap > compressedGapUs)
            m_gaps.append({(m_xs[i - 1] + m_xs[i]) / 2, gap, true, times[i - 1], times[i]});
    }
}

TimelineAxis::TimelineAxis(QVector<qint64> times, double left, double width, double charWidth)
    : TimelineAxis(std::move(times), left, width, Labels{charWidth})
{}

TimelineAxis::TimelineAxis(QVector<qint64> times, double left, double width, const Labels &labels)
    : TimelineAxis(std::move(times), left, width)
{
    placeLabels(labels);
}

double TimelineAxis::x(qint64 t) const
{
    const auto it = std::upper_bound(m_times.cbegin(), m_times.cend(), t);
    if (it == m_times.cbegin())
        return m_xs.first();
    if (it == m_times.cend())
        return m_xs.last();
    const int i = int(it - m_times.cbegin());
    const double f = double(t - m_times[i - 1]) / double(m_times[i] - m_times[i - 1]);
    return m_xs[i - 1] + f * (m_xs[i] - m_xs[i - 1]);
}

double TimelineAxis::time(double x) const
{
    if (x <= m_xs.first())
        return double(m_times.first());
    const auto it = std::upper_bound(m_xs.cbegin(), m_xs.cend(), x);
    if (it == m_xs.cend())
        return double(m_times.last());
    const int i = int(it - m_xs.cbegin());
    const double a = m_xs[i - 1];
    const double b = m_xs[i];
    const double f = b > a ? (x - a) / (b - a) : 0;
    return double(m_times[i - 1]) + f * double(m_times[i] - m_times[i - 1]);
}

std::optional<TimelineAxis::Gap> TimelineAxis::gapAt(qint64 t) const
{
    const auto it = std::upper_bound(m_gaps.cbegin(), m_gaps.cend(), t,
                                     [](qint64 v, const Gap &g) { return v < g.from; });
    if (it == m_gaps.cbegin())
        return std::nullopt;
    const Gap &g = *std::prev(it);
    if (t < g.to)
        return g;
    return std::nullopt;
}

std::optional<TimelineAxis::Gap> TimelineAxis::nextGap(qint64 t) const
{
    const auto it = std::lower_bound(m_gaps.cbegin(), m_gaps.cend(), t,
                                     [](const Gap &g, qint64 v) { return g.from < v; });
    if (it == m_gaps.cend())
        return std::nullopt;
    return *it;
}

void TimelineAxis::placeLabels(const Labels &labels)
{
    const double charWidth = labels.charWidth;
    // Stretches of real (uncompressed) time between the gaps.
    struct Stretch
    {
        qint64 a;
        qint64 b;
    };
    QVector<Stretch> stretches{{m_times.first(), m_times.first()}};
    for (int i = 1; i < m_times.size(); ++i) {
        if (m_times[i] - m_times[i - 1] > compressedGapUs)
            stretches.append({m_times[i], m_times[i]});
        else
            stretches.last().b = m_times[i];
    }
    const qint64 step = niceStep(charWidth * 11 / m_pxPerUs); // room for "00000.5 ms"

    // Labels by priority; one that would overlap a label already placed is left out. The
    // placed labels never overlap, so a new one need only be checked against its neighbours.
    std::map<double, double> taken; // left → right
    auto fits = [&taken](double left, double right) {
        auto next = taken.lower_bound(left);
        if (next != taken.end() && next->first < right)
            return false;
        return next == taken.begin() || std::prev(next)->second <= left;
    };
    auto extent = [charWidth](double at, const QString &text) {
        const double half = charWidth * (text.size() + 2) / 2;
        return std::make_pair(at - half, at + half);
    };
    // A tick label is drawn shifted inside the bounds; a gap's stays centred on its mark.
    auto shifted = [&labels](std::pair<double, double> e) {
        const double w = e.second - e.first;
        const double left = std::max(labels.minX, std::min(e.first, labels.maxX - w));
        return std::make_pair(left, left + w);
    };
    for (Gap &g : m_gaps) {
        const auto [left, right] = extent(g.x, durationText(g.duration, DurationUnit::Gap));
        g.labelled = left >= labels.minX && right <= labels.maxX && fits(left, right);
        if (g.labelled)
            taken.emplace(left, right);
    }
    QVector<Tick> &out = m_ticks;
    auto place = [&](qint64 t, bool major) {
        const Tick tick{x(t), t, major, durationText(t, labels.unit)};
        const auto [left, right] = shifted(extent(tick.x, tick.text));
        if (!fits(left, right))
            return;
        taken.emplace(left, right);
        out.append(tick);
    };
    for (const Stretch &s : stretches)
        place(s.a, true);
    for (const Stretch &s : stretches) {
        const qint64 first = s.a <= 0 ? 0 : (s.a + step - 1) / step * step;
        for (qint64 t = first; t <= s.b; t += step)
            place(t, false);
    }
    std::sort(out.begin(), out.end(), [](const Tick &a, const Tick &b) { return a.t < b.t; });
}

} // namespace idem
