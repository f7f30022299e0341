#include "replicationfaultchoices.h"

#include "sim/eventtext.h"
#include "timeline/durationtext.h"

#include <algorithm>

namespace idem {

int ReplicationFaultChoices::nextMessageEvent() const
{
    int next = -1;
    for (int i = 0; i < m_run.events.size(); ++i) {
        const Event &e = m_run.events[i];
        const bool delivered = (e.type == EventType::Replicate || e.type == EventType::Conflict) &&
                               !e.label.endsWith(eventtext::replicaCopySuffix());
        const bool lost = e.type == EventType::Send && e.lost && e.from >= 0 &&
                          m_run.nodes[e.from].kind == NodeKind::Database;
        // From the playhead's whole millisecond, as the fault's atMs names it.
        if ((!delivered && !lost) || e.startUs < m_atUs)
            continue;
        if (next < 0 || e.startUs < m_run.events[next].startUs)
            next = i;
    }
    return next;
}

FaultChoice ReplicationFaultChoices::nextMessage(FaultChoice c, Fate fate) const
{
    const bool drop = fate == Fate::Lost;
    c.text = drop ? tr("Lose the next replication message")
                  : tr("Duplicate the next replication message");
    const int next = nextMessageEvent();
    if (next < 0) {
        c.refusal = tr("no row crosses the link after %1").arg(durationText(m_playheadUs));
        return c;
    }
    const Event &e = m_run.events[next];
    const QString what = e.label;
    const QString from = m_run.nodes[e.from].name;
    const QString to = m_run.nodes[e.to].name;
    const QString message =
        tr("%1 from %2 to %3, sent at %4").arg(what, from, to, durationText(e.startUs));
    c.text = drop ? tr("Lose the next replication message: %1").arg(message)
                  : tr("Duplicate the next replication message: %1").arg(message);
    if (e.type == EventType::Send) {
        c.refusal = tr("the link loses it already");
        return c;
    }
    const bool doubled =
        std::any_of(m_run.events.cbegin(), m_run.events.cend(), [&](const Event &o) {
            return o.startUs == e.startUs && o.from == e.from &&
                   o.label == what + eventtext::replicaCopySuffix();
        });
    if (!drop && doubled) {
        c.refusal = tr("the link delivers it twice already");
        return c;
    }
    FaultSpec f;
    f.kind = drop ? FaultKind::DropReplica : FaultKind::DuplicateReplica;
    f.cluster = m_run.nodes[e.from].cluster;
    f.atUs = m_atUs;
    c.faults.append(f);
    c.done = drop ? tr("Injected: the link loses %1 — %2 never gets it").arg(what, to)
                  : tr("Injected: %1 arrives at %2 twice").arg(what, to);
    c.what = drop ? tr("the loss of replication message %1").arg(what)
                  : tr("the duplicate of replication message %1").arg(what);
    return c;
}

} // namespace idem
