#pragma once

#include <QSqlQuery>
#include <QString>

// Small pieces every file of the cluster DB shares: how a statement is finished and how a
// cluster is written in the `origin` column.

namespace idem::sqlrow {

/// Steps a statement to its end so SQLite resets it and ends the implicit transaction.
/// (Cheaper than QSqlQuery::finish(), which makes the next exec() set the query up anew.)
inline void drain(QSqlQuery &query)
{
    while (query.next()) {
    }
}

/// A string to bind to a NOT NULL text column: a null QString would bind SQL NULL.
[[nodiscard]] inline QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

/// 0 for "A", 1 for "B".
[[nodiscard]] inline int originIndex(const QString &origin)
{
    return origin == QLatin1String("B") ? 1 : 0;
}

/// "A" or "B".
[[nodiscard]] inline QString originName(int cluster)
{
    return cluster == 1 ? QStringLiteral("B") : QStringLiteral("A");
}

} // namespace idem::sqlrow
