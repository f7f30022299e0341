#include "playback/scenemessages.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace idem {

namespace {

bool spans(const Event &e, qint64 t)
{
    return e.startUs >= 0 && e.endUs >= 0 && e.startUs <= t && e.endUs > t;
}

/// Adds the message event `i` has on its way at `t`, if any (it spans t).
void addMessage(const RunResult &run, int i, qint64 t, SceneState &s)
{
    const Event &e = run.events[i];
    MessageView m;
    m.event = i;
    m.key = e.key;
    m.request = e.request;
    m.status = e.status;
    switch (e.type) {
    case EventType::Send: {
        if (e.t > t)
            return;
        m.from = e.from;
        m.to = e.to;
        m.label = e.label;
        m.response = e.status != 0;
        const double span = double(e.endUs - e.startUs);
        if (e.lost) {
            // Travels half way, then falls out of the network.
            const qint64 mid = e.startUs + (e.endUs - e.startUs) / 2;
            m.falling = t >= mid;
            m.progress = m.falling ? 0.5 : (t - e.startUs) / span;
        } else {
            m.progress = (t - e.startUs) / span;
        }
        break;
    }
    case EventType::DbRead:
    case EventType::DbWrite:
    case EventType::CacheOp:
        if (t < e.t) { // the command on its way
            if (e.t == e.startUs)
                return;
            m.from = e.from;
            m.to = e.to;
            m.label = e.label;
            m.progress = double(t - e.startUs) / double(e.t - e.startUs);
        } else { // the result on its way back
            m.from = e.to;
            m.to = e.from;
            m.label = e.state.isEmpty() ? QStringLiteral("ok") : e.state;
            m.response = true;
            m.progress = double(t - e.t) / double(e.endUs - e.t);
        }
        break;
    case EventType::Replicate:
    case EventType::Conflict:
        if (t >= e.t)
            return;
        m.from = e.from;
        m.to = e.to;
        m.label = e.label;
        m.progress = double(t - e.startUs) / double(std::max<qint64>(1, e.t - e.startUs));
        break;
    default:
        return;
    }
    s.messages.append(m);
}

} // namespace

MessageIndex::MessageIndex(const RunResult &run)
{
    for (int i = 0; i < run.events.size(); ++i)
        if (run.events[i].startUs >= 0 && run.events[i].endUs > run.events[i].startUs)
            m_events.append(i);
    std::stable_sort(m_events.begin(), m_events.end(),
                     [&](int l, int r) { return run.events[l].startUs < run.events[r].startUs; });
    m_starts.reserve(m_events.size());
    for (const int i : std::as_const(m_events))
        m_starts.append(run.events[i].startUs);
    while (m_leaves < m_events.size())
        m_leaves *= 2;
    m_latest.fill(std::numeric_limits<qint64>::min(), 2 * m_leaves);
    for (int k = 0; k < m_events.size(); ++k)
        m_latest[m_leaves + k] = run.events[m_events[k]].endUs;
    for (int node = m_leaves - 1; node >= 1; --node)
        m_latest[node] = std::max(m_latest[2 * node], m_latest[2 * node + 1]);
}

QVector<int> MessageIndex::spanning(qint64 t) const
{
    // The spans started by t are the first `count` by start; of those, the ones ending
    // after t are under the tree's nodes whose latest end is after t.
    const int count =
        int(std::upper_bound(m_starts.cbegin(), m_starts.cend(), t) - m_starts.cbegin());
    QVector<int> out;
    if (count > 0)
        collect(1, 0, m_leaves, count, t, out);
    std::sort(out.begin(), out.end());
    return out;
}

void MessageIndex::collect(int node, int from, int to, int count, qint64 t, QVector<int> &out) const
{
    if (from >= count || m_latest[node] <= t)
        return;
    if (to - from == 1) {
        out.append(m_events[from]);
        return;
    }
    const int middle = (from + to) / 2;
    collect(2 * node, from, middle, count, t, out);
    collect(2 * node + 1, middle, to, count, t, out);
}

void addMessagesInFlight(const RunResult &run, qint64 t, SceneState &s, const MessageIndex *index)
{
    if (index) {
        for (const int i : index->spanning(t))
            addMessage(run, i, t, s);
        return;
    }
    for (int i = 0; i < run.events.size(); ++i)
        if (spans(run.events[i], t))
            addMessage(run, i, t, s);
}

} // namespace idem
