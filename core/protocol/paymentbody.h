#pragma once

#include "model/scenario.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace idem {

class JsonFields;

/// A `POST /payments` body, or one line saying what was wrong.
struct PaymentBodyLoad
{
    std::optional<PaymentBody> body;
    QString error; ///< "body.amount: must be a whole number from 1 to ...", empty on success
};

/// Reads the protocol's request body, `{"from": "A", "to": "B", "amount": 10}`: the HTTP body
/// of live mode and a scenario request's "body" are checked by this one reader.
class PaymentBodyReader
{
public:
    static constexpr qint64 maxBytes = 64 * 1024;
    static constexpr int maxAccount = 64;
    static constexpr qint64 maxAmount = 1'000'000'000;

    /// Parses an HTTP body: "from", "to" and "amount" are all required; errors start "body".
    [[nodiscard]] static PaymentBodyLoad fromJson(const QByteArray &json);
    /// Reads a body at `path` of a document; with `allRequired` false (a scenario file) a
    /// missing field keeps its default. Problems go to `fields`.
    [[nodiscard]] static std::optional<PaymentBody> read(JsonFields &fields, const QJsonValue &v,
                                                         const QString &path, bool allRequired);
};

} // namespace idem
