#include "model/event.h"

#include <array>

namespace idem {

namespace {
const std::array<const char *, 18> &names()
{
    static const std::array<const char *, 18> n = {
        "send",    "deliver",   "validate", "lock-wait", "lock-acquire", "lock-release",
        "db-read", "db-write",  "cache-op", "op-start",  "op-end",       "respond",
        "receive", "replicate", "conflict", "fault",     "timeout",      "anomaly",
    };
    return n;
}
} // namespace

QString eventTypeName(EventType type)
{
    return QString::fromLatin1(names()[size_t(type)]);
}

bool eventTypeFromName(const QString &name, EventType *type)
{
    for (size_t i = 0; i < names().size(); ++i) {
        if (name == QLatin1String(names()[i])) {
            *type = EventType(i);
            return true;
        }
    }
    return false;
}

} // namespace idem
