#include "faults/drops.h"

namespace idem {

ScriptedDrops::ScriptedDrops(const QVector<DropSpec> &drops)
{
    for (const DropSpec &d : drops)
        m_byRequest[d.request].append(d);
}

bool ScriptedDrops::drops(const QString &request, int attempt, DropPoint point) const
{
    if (m_byRequest.isEmpty())
        return false;
    const auto it = m_byRequest.constFind(request);
    if (it == m_byRequest.cend())
        return false;
    for (const DropSpec &d : *it)
        if (d.attempt == attempt && d.point == point)
            return true;
    return false;
}

} // namespace idem
