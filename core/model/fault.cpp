#include "model/fault.h"

namespace idem {

QString faultKindName(FaultKind kind)
{
    switch (kind) {
    case FaultKind::Crash:
        return QStringLiteral("crash");
    case FaultKind::CacheDown:
        return QStringLiteral("cacheDown");
    case FaultKind::Partition:
        return QStringLiteral("partition");
    case FaultKind::Duplicate:
        return QStringLiteral("duplicate");
    case FaultKind::Fail:
        return QStringLiteral("fail");
    case FaultKind::DropReplica:
        return QStringLiteral("dropReplica");
    case FaultKind::DuplicateReplica:
        return QStringLiteral("duplicateReplica");
    }
    return {};
}

QString faultStepName(FaultStep step)
{
    switch (step) {
    case FaultStep::Claim:
        return QStringLiteral("claim");
    case FaultStep::Charge:
        return QStringLiteral("charge");
    case FaultStep::Consume:
        return QStringLiteral("consume");
    case FaultStep::Respond:
        return QStringLiteral("respond");
    }
    return {};
}

} // namespace idem
