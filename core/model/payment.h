#pragma once

#include <QString>

namespace idem {

/// The JSON body of `POST /payments`.
struct PaymentBody
{
    QString from = QStringLiteral("A");
    QString to = QStringLiteral("B");
    qint64 amount = 10; ///< in whole currency units, > 0
};

} // namespace idem
