#pragma once

#include "faultinjection.h"

#include <QCoreApplication>

namespace idem {

/// The replication link's lines of the fault menu: lose, or deliver twice, the next message
/// the link carries (the first sent at or after the playhead, from either cluster), named
/// with its row, its two DBs and when it leaves. The fault names it by its cluster and the
/// playhead's millisecond (dropReplica / duplicateReplica with atMs), as a file writes it.
class ReplicationFaultChoices
{
    Q_DECLARE_TR_FUNCTIONS(ReplicationFaultChoices)

public:
    enum class Fate
    {
        Lost,
        Doubled,
    };

    /// `atUs`: the playhead down to a whole millisecond; `playheadUs`: the playhead.
    ReplicationFaultChoices(const RunResult &run, qint64 atUs, qint64 playheadUs)
        : m_run(run), m_atUs(atUs), m_playheadUs(playheadUs)
    {}

    /// `base` (its id, and the scenario's faults and drops) with the line filled in.
    [[nodiscard]] FaultChoice nextMessage(FaultChoice base, Fate fate) const;
    /// The event that shows the first replication message sent at or after the playhead (its
    /// `replicate` or `conflict`, or the `send` of one the link loses), or -1.
    [[nodiscard]] int nextMessageEvent() const;

private:
    const RunResult &m_run;
    qint64 m_atUs = 0;
    qint64 m_playheadUs = 0;
};

} // namespace idem
