#pragma once

#include <QString>

#include <optional>

namespace idem {

/// The floor the engine is measured against: the statement mix the engine issues for one
/// new-key request (lookup, claim, charge, consume on the home DB; three replicas on the
/// other), run bare through the same QtSql prepared statements, without the simulation.
class SqlFloor
{
public:
    struct Result
    {
        int requests = 0;
        qint64 nanoseconds = 0;
        QString error;
        [[nodiscard]] double requestsPerSecond() const
        {
            return nanoseconds > 0 ? requests * 1e9 / double(nanoseconds) : 0.0;
        }
    };
    [[nodiscard]] static Result measure(int requests);
};

} // namespace idem
