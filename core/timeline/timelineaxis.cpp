#include "timeline/timelineaxis.h"

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

TimelineAxis::TimelineAxis(QVector<qint64> times, double left, double width, double charWidth)
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
            m_gaps.append({(m_xs[i - 1] + m_xs[i]) / 2, gap, true});
    }
    placeLabels(charWidth);
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

void TimelineAxis::placeLabels(double charWidth)
{
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
    for (Gap &g : m_gaps) {
        const auto [left, right] = extent(g.x, gapText(g.duration));
        g.labelled = fits(left, right);
        if (g.labelled)
            taken.emplace(left, right);
    }
    QVector<Tick> &out = m_ticks;
    auto place = [&](qint64 t, bool major) {
        const Tick tick{x(t), t, major, millis(t)};
        const auto [left, right] = extent(tick.x, tick.text);
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

QString TimelineAxis::millis(qint64 us)
{
    QString text = QString::number(double(us) / 1000.0, 'f', 3);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text + QLatin1String(" ms");
}

QString TimelineAxis::gapText(qint64 us)
{
    if (us >= 100'000'000)
        return QStringLiteral("+%1 s").arg(double(us) / 1e6, 0, 'f', 0);
    if (us >= 1'000'000)
        return QStringLiteral("+%1 s").arg(double(us) / 1e6, 0, 'f', 1);
    return QStringLiteral("+%1 ms").arg(double(us) / 1e3, 0, 'f', 0);
}

} // namespace idem
