#include "playback/scenemessages.h"

#include <algorithm>

namespace idem {

void addMessagesInFlight(const RunResult &run, qint64 t, SceneState &s)
{
    for (int i = 0; i < run.events.size(); ++i) {
        const Event &e = run.events[i];
        if (e.startUs < 0 || e.endUs < 0 || e.startUs > t || e.endUs <= t)
            continue;
        MessageView m;
        m.event = i;
        m.key = e.key;
        m.request = e.request;
        m.status = e.status;
        switch (e.type) {
        case EventType::Send: {
            if (e.t > t)
                continue;
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
                    continue;
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
                continue;
            m.from = e.from;
            m.to = e.to;
            m.label = e.label;
            m.progress = double(t - e.startUs) / double(std::max<qint64>(1, e.t - e.startUs));
            break;
        default:
            continue;
        }
        s.messages.append(m);
    }
}

} // namespace idem
