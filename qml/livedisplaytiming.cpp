#include "livedisplaytiming.h"

#include <QHash>

#include <algorithm>

namespace idem {

namespace {

bool isStoreCommand(EventType type)
{
    return type == EventType::DbRead || type == EventType::DbWrite || type == EventType::CacheOp;
}

bool isReplication(EventType type)
{
    return type == EventType::Replicate || type == EventType::Conflict;
}

} // namespace

LiveDisplayTiming::LiveDisplayTiming(const RunResult &real)
{
    const qsizetype n = real.events.size();
    m_real.reserve(n);
    m_display.reserve(n);
    m_lead.reserve(n);
    m_tail.reserve(n);
    QHash<int, qint64> ready; // request → when its next step may happen on the display clock
    qint64 previousReal = 0;
    qint64 previousDisplay = 0;
    for (const Event &e : real.events) {
        const qint64 t = std::max(e.t, previousReal);
        qint64 d = previousDisplay + (t - previousReal);
        qint64 lead = 0;
        qint64 tail = 0;
        if (e.startUs >= 0 && e.endUs >= 0) {
            if (e.type == EventType::Send)
                tail = hopUs;
            else if (isStoreCommand(e.type))
                lead = tail = storeUs;
            else if (isReplication(e.type))
                d = std::max(d, toDisplay(e.startUs) + hopUs); // on the map built so far
        }
        d = std::max(d, lead);
        if (e.request >= 0) {
            d = std::max(d, ready.value(e.request, 0) + lead);
            ready[e.request] = d + tail;
        }
        m_real.append(t);
        m_display.append(d);
        m_lead.append(lead);
        m_tail.append(tail);
        m_end = std::max(m_end, d + tail);
        previousReal = t;
        previousDisplay = d;
    }
}

qint64 LiveDisplayTiming::toDisplay(qint64 realUs) const
{
    if (m_real.isEmpty())
        return realUs;
    const auto it = std::lower_bound(m_real.cbegin(), m_real.cend(), realUs);
    const qsizetype i = it - m_real.cbegin();
    if (it != m_real.cend() && *it == realUs)
        return m_display[i]; // the first event at that moment
    if (i == 0)
        return std::max<qint64>(0, m_display[0] - (m_real[0] - realUs));
    const qint64 d = m_display[i - 1] + (realUs - m_real[i - 1]);
    return i < m_display.size() ? std::min(d, m_display[i]) : d;
}

qint64 LiveDisplayTiming::toReal(qint64 displayUs) const
{
    if (m_display.isEmpty())
        return displayUs;
    const auto it = std::upper_bound(m_display.cbegin(), m_display.cend(), displayUs);
    const qsizetype i = it - m_display.cbegin();
    if (i == 0)
        return std::max<qint64>(0, m_real[0] - (m_display[0] - displayUs));
    const qint64 r = m_real[i - 1] + (displayUs - m_display[i - 1]);
    return i < m_real.size() ? std::min(r, m_real[i]) : r;
}

RunResult LiveDisplayTiming::apply(const RunResult &real) const
{
    RunResult r = real;
    for (qsizetype i = 0; i < r.events.size() && i < m_display.size(); ++i) {
        Event &e = r.events[i];
        const qint64 d = m_display[i];
        if (e.startUs >= 0 && e.endUs >= 0) {
            if (isReplication(e.type)) {
                e.startUs = toDisplay(e.startUs);
                e.endUs = std::max(d, toDisplay(e.endUs));
            } else if (m_lead[i] > 0 || m_tail[i] > 0) {
                e.startUs = d - m_lead[i];
                e.endUs = d + m_tail[i];
            } else {
                e.startUs = toDisplay(e.startUs);
                e.endUs = toDisplay(e.endUs);
            }
        }
        e.t = d;
    }
    for (Attempt &a : r.attempts) {
        a.sentUs = toDisplay(a.sentUs);
        if (a.receivedUs >= 0)
            a.receivedUs = toDisplay(a.receivedUs);
    }
    for (int c = 0; c < 2; ++c) {
        for (KeyRow &row : r.keys[c]) {
            row.createdUs = toDisplay(row.createdUs);
            row.updatedUs = toDisplay(row.updatedUs);
        }
        for (LedgerRow &row : r.ledger[c])
            row.atUs = toDisplay(row.atUs);
    }
    r.endUs = std::max(m_end, m_display.isEmpty() ? 0 : m_display.constLast());
    return r;
}

} // namespace idem
