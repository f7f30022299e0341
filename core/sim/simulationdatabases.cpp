#include "sim/simulationdatabases.h"

#include "model/node.h"

#include <QAtomicInt>

namespace idem {

namespace {

QAtomicInt pairCounter; // connection names are per thread and must not repeat

} // namespace

SimulationDatabases::SimulationDatabases() = default;
SimulationDatabases::~SimulationDatabases() = default;

std::optional<QString> SimulationDatabases::open()
{
    const int id = pairCounter.fetchAndAddRelaxed(1);
    for (int c = 0; c < 2; ++c) {
        m_dbs[size_t(c)] = std::make_unique<ClusterDatabase>(
            c, QStringLiteral("idemlab-reused-%1-%2").arg(id).arg(clusterName(c)), QString(),
            ClusterDatabase::Durability::Scratch);
        if (auto error = m_dbs[size_t(c)]->open())
            return error;
    }
    return {};
}

std::optional<QString> SimulationDatabases::clear()
{
    for (auto &db : m_dbs) {
        if (!db)
            return QStringLiteral("the reused databases were not opened");
        if (auto error = db->clear())
            return error;
    }
    return {};
}

} // namespace idem
