#pragma once

#include "model/scenario.h"

#include <QHash>
#include <QString>
#include <QVector>

namespace idem {

/// The first kind of fault: messages a scenario drops on purpose (Scenario::drops), beside
/// the network's random loss. The simulation asks before it sends a client's request or
/// forwards a response to the client.
class ScriptedDrops
{
public:
    explicit ScriptedDrops(const QVector<DropSpec> &drops);

    /// True when attempt `attempt` (1 = the first) of request `request` (RequestSpec::id)
    /// loses its message at `point`.
    [[nodiscard]] bool drops(const QString &request, int attempt, DropPoint point) const;

private:
    QHash<QString, QVector<DropSpec>> m_byRequest; ///< a request's few drops, by its id
};

} // namespace idem
