#include "sim/topology.h"

namespace idem {

Topology Topology::of(const QVector<Node> &nodes)
{
    Topology t;
    for (int i = 0; i < nodes.size(); ++i) {
        const Node &n = nodes[i];
        switch (n.kind) {
        case NodeKind::Client:
            t.clients.append(i);
            break;
        case NodeKind::Router:
            t.router = i;
            break;
        case NodeKind::Server:
            t.servers[size_t(n.cluster)].append(i);
            break;
        case NodeKind::Database:
            t.db[size_t(n.cluster)] = i;
            break;
        case NodeKind::Cache:
            t.cache = i;
            break;
        }
    }
    return t;
}

QVector<Node> topologyNodes(const Scenario &scenario)
{
    QVector<Node> nodes;
    for (int i = 0; i < scenario.clients.size(); ++i)
        nodes.append({QStringLiteral("client-%1").arg(i + 1), scenario.clients[i].name,
                      NodeKind::Client, -1});
    nodes.append({QStringLiteral("router"), QStringLiteral("Router"), NodeKind::Router, -1});
    auto cluster = [&](int c) {
        const QString letter = clusterName(c);
        for (int s = 1; s <= scenario.settings.serversPerCluster; ++s)
            nodes.append({QStringLiteral("server-%1%2").arg(letter.toLower()).arg(s),
                          QStringLiteral("Server %1%2").arg(letter).arg(s), NodeKind::Server, c});
        const Node db{QStringLiteral("db-") + letter.toLower(), QStringLiteral("DB ") + letter,
                      NodeKind::Database, c};
        return db;
    };
    // Scene order: cluster A's servers then its DB, the cache, DB B then cluster B's servers.
    nodes.append(cluster(0));
    nodes.append({QStringLiteral("cache"), QStringLiteral("Cache"), NodeKind::Cache, -1});
    const int beforeB = nodes.size();
    const Node dbB = cluster(1);
    nodes.insert(beforeB, dbB);
    return nodes;
}

} // namespace idem
