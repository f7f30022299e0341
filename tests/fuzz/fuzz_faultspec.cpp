// libFuzzer target: the --fault grammar (FaultReader::parseSpec, then the strict reader of
// the fault it describes) on any text, against a two-request scenario. A refused spec gives
// one line; an accepted one adds exactly one fault that names a request of the scenario (or,
// for a window or a crash at a time, a time; for a replication message, a cluster).

#include "faults/faultreader.h"
#include "fuzzcheck.h"

using namespace idem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString spec = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    Scenario scenario;
    scenario.clients.append({QStringLiteral("Client 1"), 0});
    for (const char *id : {"R1", "R2"}) {
        RequestSpec r;
        r.id = QLatin1String(id);
        scenario.requests.append(r);
    }
    const auto error = FaultReader::addSpecs({spec}, scenario);
    if (error) {
        fuzz::checkOneLine(*error);
        fuzz::check(scenario.faults.isEmpty(), "a refused spec adds nothing", spec);
        return 0;
    }
    fuzz::check(scenario.faults.size() == 1, "an accepted spec adds one fault", spec);
    const FaultSpec &f = scenario.faults.first();
    if (f.kind == FaultKind::CacheDown || f.kind == FaultKind::Partition)
        fuzz::check(f.fromUs < f.untilUs, "a window ends after it starts", spec);
    else if (f.kind == FaultKind::Crash && f.atUs >= 0)
        fuzz::check(f.request.isEmpty(), "a crash at a time names no request", spec);
    else if (f.kind == FaultKind::DropReplica || f.kind == FaultKind::DuplicateReplica)
        fuzz::check(f.request.isEmpty() && (f.cluster == 0 || f.cluster == 1) &&
                        (f.atUs >= 0 || f.nth >= 1),
                    "a replication fault names a cluster and a message, no request", spec);
    else
        fuzz::check(f.request == QLatin1String("R1") || f.request == QLatin1String("R2"),
                    "the fault names a request of the scenario", spec);
    return 0;
}
