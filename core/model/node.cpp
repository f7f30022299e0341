#include "model/node.h"

namespace idem {

QString nodeKindName(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Client:
        return QStringLiteral("client");
    case NodeKind::Router:
        return QStringLiteral("router");
    case NodeKind::Server:
        return QStringLiteral("server");
    case NodeKind::Database:
        return QStringLiteral("database");
    case NodeKind::Cache:
        return QStringLiteral("cache");
    }
    return {};
}

QString clusterName(int cluster)
{
    return cluster == 0 ? QStringLiteral("A") : cluster == 1 ? QStringLiteral("B") : QString();
}

} // namespace idem
