#pragma once

#include "storage/dbcommand.h"

namespace idem::test {

/// A protocol statement on `key` with every field a step reads filled in: generation 1,
/// a 10-unit payment from A to B, a 201 with an empty object as the stored response.
inline DbCommand command(DbOp op, const QString &key)
{
    DbCommand c;
    c.op = op;
    c.key = key;
    c.fingerprint = QStringLiteral("fp");
    c.generation = 1;
    c.responseCode = 201;
    c.responseBody = QStringLiteral("{}");
    c.body.from = QStringLiteral("A");
    c.body.to = QStringLiteral("B");
    c.body.amount = 10;
    return c;
}

} // namespace idem::test
