#include "sim/simulation.h"

#include "sim/requestflow.h"
#include "sim/topology.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSim, "idemlab.core.sim")

namespace idem {

Simulation::RunOrError Simulation::run(const Scenario &scenario, const SimulationOptions &options)
{
    RequestFlow flow(scenario, topologyNodes(scenario));
    flow.setSqlTrace(options.sqlTrace);
    if (auto error =
            options.databases ? flow.reuse(*options.databases) : flow.open(options.dbDir)) {
        qCWarning(lcSim) << *error;
        return {std::nullopt, *error};
    }
    flow.start();
    return {flow.finish(), QString()};
}

} // namespace idem
