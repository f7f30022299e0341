#pragma once

#include "model/runresult.h"
#include "playback/scenestate.h"

#include <QVector>

namespace idem {

/// The events of a run that carry something over a line for a while (startUs ≤ t < endUs),
/// found for any moment without walking the whole log: they are sorted by when they start,
/// and a tree over that order keeps the latest end of each range, so that a moment visits
/// only the ranges holding an event still on its way (a large run has 165,000 events and a
/// few thousand in flight). Built once per run; answers as the walk does (tst_sceneindex).
class MessageIndex
{
public:
    explicit MessageIndex(const RunResult &run);

    /// The indices of the events with startUs ≤ t < endUs, in log order.
    [[nodiscard]] QVector<int> spanning(qint64 t) const;

private:
    void collect(int node, int from, int to, int count, qint64 t, QVector<int> &out) const;

    QVector<int> m_events;    ///< the spans' events, by start (then log order)
    QVector<qint64> m_starts; ///< their startUs, ascending
    QVector<qint64> m_latest; ///< a max-tree of their endUs: node 1 the root, leaves from m_leaves
    int m_leaves = 1;
};

/// Adds to `s` every message in flight at `t`: requests and answers on their way, DB and
/// cache commands and their results, replicated rows before they land (lost ones fall).
/// Walks the whole log without `index`.
void addMessagesInFlight(const RunResult &run, qint64 t, SceneState &s,
                         const MessageIndex *index = nullptr);

} // namespace idem
