#pragma once

#include "model/payment.h"

#include <QByteArray>
#include <QString>

namespace idem {

/// A JSON string literal for `s`, quotes included.
[[nodiscard]] QByteArray jsonQuoted(const QString &s);
/// The body as canonical JSON: keys sorted, no spaces (`{"amount":10,"from":"A","to":"B"}`).
[[nodiscard]] QByteArray canonicalBody(const PaymentBody &body);
/// Hash of method, path and canonical body: two requests with one key must match on it.
[[nodiscard]] QString requestFingerprint(const QString &method, const QString &path,
                                         const QByteArray &canonicalBody);

} // namespace idem
