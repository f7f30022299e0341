#pragma once

#include <QString>

namespace idem {

/// The kinds of node in the scene.
enum class NodeKind : quint8
{
    Client,
    Router,
    Server,
    Database,
    Cache,
};

[[nodiscard]] QString nodeKindName(NodeKind kind);

/// A node of the topology, in scene order (clients, router, cluster A, cache, cluster B).
struct Node
{
    QString id;   ///< stable identifier: "client-1", "router", "server-a1", "db-a", "cache"
    QString name; ///< shown to people: "Client 1", "Router", "Server A1", "DB A", "Cache"
    NodeKind kind = NodeKind::Client;
    int cluster = -1; ///< 0 = A, 1 = B, -1 = none
};

/// "A" or "B".
[[nodiscard]] QString clusterName(int cluster);

} // namespace idem
