#include "playback.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace idem {

namespace {
constexpr int tickMs = 16;
/// A tick longer than this is a stall (the first frame, a window dragged), not time to play:
/// at 0.01× the 1 s a window takes to show would otherwise skip 10 ms of the run at once.
constexpr qint64 maxTickNs = 250'000'000;
/// Live, the playhead runs this far behind the session's "now": a request's first events
/// reach the screen after the refresh (≤ 0.1 s) and must still be ahead of it.
constexpr qint64 liveBehindUs = 300'000;
/// …and at most this far behind: a burst of requests is skipped through, not queued up.
constexpr qint64 liveMaxLagUs = 4'000'000;
/// While frames drive the playhead (frameDrawn), the timer only stands in when none has come
/// for this long (a hidden window draws none).
constexpr qint64 frameSilenceNs = 3 * tickMs * 1'000'000LL;
} // namespace

Playback::Playback(QObject *parent) : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(tickMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_frameDriven && !m_live && m_clock.nsecsElapsed() < frameSilenceNs)
            return; // the frames move it
        const qint64 ns = m_clock.nsecsElapsed();
        m_clock.restart();
        if (m_live)
            followLive(ns); // keeps up with the servers' clock whatever the stall
        else
            advance(std::min(ns, maxTickNs));
    });
}

Playback::~Playback() = default;

void Playback::frameDrawn()
{
    if (!m_playing || m_live || !m_shown)
        return;
    const qint64 ns = m_clock.nsecsElapsed();
    m_clock.restart();
    advance(std::min(ns, maxTickNs));
}

void Playback::show(RunResult run, const QVector<qint64> &alignWith)
{
    show(ShownRun::prepare(std::move(run), alignWith));
}

void Playback::show(std::unique_ptr<ShownRun> shown)
{
    m_shown = std::move(shown);
    emit runChanged();
    emit endChanged();
    setTime(std::min<qint64>(m_time, m_shown->run.endUs), true);
}

void Playback::follow(qint64 frontUs)
{
    m_liveFront = frontUs;
    m_liveClock.start();
    setPlaying(false);
    setLive(true);
}

void Playback::setLive(bool live)
{
    if (live == m_live)
        return;
    m_live = live;
    if (live) {
        m_clock.start();
        m_timer.start();
    } else if (!m_playing) {
        m_timer.stop();
    }
    emit liveChanged();
}

void Playback::followLive(qint64 realNs)
{
    if (!m_shown || !m_live)
        return;
    const qint64 front = m_liveFront + m_liveClock.nsecsElapsed() / 1000;
    if (front > m_shown->run.endUs) {
        m_shown->run.endUs = front;
        emit endChanged();
    }
    const qint64 target = front - liveBehindUs;
    // Real pace (what the messages were stretched for), skipping ahead only when too far
    // behind, and never past the target.
    setTime(std::min(std::max(m_time + realNs / 1000, target - liveMaxLagUs), target));
}

double Playback::axisPosition(double timeUs) const
{
    return axis().x(qint64(std::llround(timeUs)));
}

double Playback::axisTime(double position) const
{
    return axis().time(std::clamp(position, 0.0, 1.0));
}

void Playback::seek(double timeUs)
{
    m_stopAtUs = -1;
    setTime(qint64(std::llround(timeUs)));
}

void Playback::playTo(double timeUs)
{
    const qint64 target = qint64(std::llround(timeUs));
    if (!m_shown || m_live)
        return;
    if (target <= m_time) {
        seek(timeUs);
        setPlaying(false);
        return;
    }
    setPlaying(true);
    m_stopAtUs = std::min(target, m_shown->run.endUs);
}

void Playback::setTime(qint64 t, bool force)
{
    const qint64 end = m_shown ? m_shown->run.endUs : 0;
    t = std::clamp<qint64>(t, 0, end);
    if (t == m_time && !force)
        return;
    m_time = t;
    if (m_shown)
        m_state = m_shown->index.at(m_time);
    emit timeChanged();
}

void Playback::setPlaying(bool playing)
{
    if (playing == m_playing || (playing && m_live))
        return;
    if (playing && m_shown && m_time >= m_shown->run.endUs)
        setTime(0);
    m_playing = playing;
    m_stopAtUs = -1;
    if (playing) {
        m_clock.start();
        m_timer.start();
    } else if (!m_live) {
        m_timer.stop();
    }
    emit playingChanged();
}

void Playback::advance(qint64 realNs)
{
    if (!m_shown)
        return;
    // Busy stretches play at `speed`; a compressed gap (a 60 s replication lag) is a
    // pause of at most gapPlayUs, so the lesson is not lost in the wait.
    double wallUs = double(realNs) / 1000.0;
    double t = double(m_time);
    const double end =
        double(m_stopAtUs >= 0 ? std::min(m_stopAtUs, m_shown->run.endUs) : m_shown->run.endUs);
    while (wallUs > 0 && t < end) {
        if (const auto gap = axis().gapAt(qint64(t))) {
            const double rate = double(gap->duration) /
                                std::min(double(gap->duration) / m_speed, double(gapPlayUs));
            const double needed = (double(gap->to) - t) / rate;
            if (wallUs < needed) {
                t += wallUs * rate;
                break;
            }
            wallUs -= needed;
            t = double(gap->to);
            continue;
        }
        const auto next = axis().nextGap(qint64(t));
        const double limit = next ? std::min(end, double(next->from)) : end;
        const double needed = (limit - t) / m_speed;
        if (wallUs < needed || limit <= t) {
            t += wallUs * m_speed;
            break;
        }
        wallUs -= needed;
        t = limit;
    }
    setTime(qint64(std::llround(std::min(t, end))));
    if (m_time >= qint64(end))
        setPlaying(false);
}

void Playback::setSpeed(double speed)
{
    speed = std::clamp(speed, 0.01, 10.0);
    if (qFuzzyCompare(speed, m_speed))
        return;
    m_speed = speed;
    emit speedChanged();
}

void Playback::faster()
{
    setSpeed(m_speed * 2.0);
}

void Playback::slower()
{
    setSpeed(m_speed / 2.0);
}

void Playback::stepNext()
{
    if (!m_shown)
        return;
    setPlaying(false);
    for (const Event &e : m_shown->run.events) {
        if (e.t > m_time) {
            setTime(e.t);
            return;
        }
    }
}

void Playback::stepPrevious()
{
    if (!m_shown)
        return;
    setPlaying(false);
    qint64 previous = 0;
    for (const Event &e : m_shown->run.events) {
        if (e.t >= m_time)
            break;
        previous = e.t;
    }
    setTime(previous);
}

void Playback::restart()
{
    setTime(0);
}

void Playback::seekToEvent(int event)
{
    if (!m_shown || event < 0 || event >= m_shown->run.events.size())
        return;
    setTime(m_shown->run.events[event].t);
    setHighlightedEvent(event);
}

void Playback::setHighlightedEvent(int event)
{
    if (event == m_highlighted)
        return;
    m_highlighted = event;
    emit highlightedEventChanged();
}

QVariantList Playback::anomalyGroups(double trackWidth, double markSize) const
{
    struct Group
    {
        double x;
        int count;
    };
    QVector<Group> groups;
    const QVector<double> none;
    for (const double tick : m_shown ? m_shown->anomalyPositions : none) {
        const double x = tick * trackWidth;
        if (!groups.isEmpty()) {
            Group &last = groups.last();
            // A group with a count is wider by its digits.
            const double reach =
                markSize *
                (last.count > 1 ? 1 + 0.6 * double(QString::number(last.count + 1).size()) : 1);
            if (x - last.x < reach) {
                ++last.count;
                continue;
            }
        }
        groups.append({x, 1});
    }
    QVariantList out;
    out.reserve(groups.size());
    for (const Group &g : std::as_const(groups))
        out.append(QVariantMap{{QStringLiteral("x"), g.x}, {QStringLiteral("count"), g.count}});
    return out;
}

void Playback::setMarkIn()
{
    m_markIn = m_time;
    if (m_markOut >= 0 && m_markOut < m_markIn) // an in after the out: the out goes
        m_markOut = -1;
    emit marksChanged();
}

void Playback::setMarkOut()
{
    m_markOut = m_time;
    if (m_markIn > m_markOut) // an out before the in: the in goes
        m_markIn = -1;
    emit marksChanged();
}

void Playback::clearMarks()
{
    if (m_markIn < 0 && m_markOut < 0)
        return;
    m_markIn = m_markOut = -1;
    emit marksChanged();
}

} // namespace idem
