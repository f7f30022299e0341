#pragma once

#include "model/node.h"
#include "model/scenario.h"

#include <QVector>

#include <array>

namespace idem {

/// The roles of a topology's nodes: which node indices are the clients, the router, each
/// cluster's servers and DB, and the cache. Built from a node list, so the simulation and
/// live mode classify nodes the same way.
struct Topology
{
    int router = -1;
    int cache = -1;
    std::array<int, 2> db = {-1, -1};
    std::array<QVector<int>, 2> servers;
    QVector<int> clients;

    /// The roles of `nodes` (as topologyNodes() lists them, or as read back from a timeline).
    [[nodiscard]] static Topology of(const QVector<Node> &nodes);
};

/// The nodes of a scenario's topology in scene order: its clients, the router, cluster A's
/// servers and DB, the cache, then cluster B's DB and servers.
[[nodiscard]] QVector<Node> topologyNodes(const Scenario &scenario);

} // namespace idem
