#include "protocol/paymentbody.h"

#include "json/jsondocument.h"
#include "json/jsonfields.h"
#include "json/jsonwording.h"

namespace idem {

std::optional<PaymentBody> PaymentBodyReader::read(JsonFields &f, const QJsonValue &v,
                                                   const QString &path, bool allRequired)
{
    const auto o =
        f.objectLike(v, path, QStringLiteral(R"({"from": "A", "to": "B", "amount": 10})"));
    if (!o || !f.onlyFields(*o, path, {"from", "to", "amount"}))
        return std::nullopt;
    if (allRequired) {
        const std::pair<const char *, const char *> fields[] = {
            {"from", "an account name string"},
            {"to", "an account name string"},
            {"amount", "a whole number from 1"},
        };
        for (const auto &[field, expected] : fields)
            if (!f.required(*o, path, QLatin1String(field), QLatin1String(expected)))
                return std::nullopt;
    }
    PaymentBody body;
    const auto account = [&](const QString &field, QString &into) {
        if (!o->contains(field))
            return true;
        const auto name = f.label(o->value(field), JsonWording::at(path, field), maxAccount,
                                  QStringLiteral("an account name string"));
        if (name)
            into = *name;
        return bool(name);
    };
    if (!account(QStringLiteral("from"), body.from) || !account(QStringLiteral("to"), body.to))
        return std::nullopt;
    if (o->contains(QLatin1String("amount"))) {
        const auto amount =
            f.wholeNumber(o->value(QLatin1String("amount")),
                          JsonWording::at(path, QStringLiteral("amount")), 1, maxAmount);
        if (!amount)
            return std::nullopt;
        body.amount = *amount;
    }
    return body;
}

PaymentBodyLoad PaymentBodyReader::fromJson(const QByteArray &json)
{
    const JsonSource source{QStringLiteral("body"), QStringLiteral("payment"), maxBytes};
    const JsonObjectLoad root = JsonDocumentReader::parseObject(json, source);
    if (!root.object)
        return {std::nullopt, root.error};
    JsonFields f;
    auto body = read(f, *root.object, source.name, true);
    if (!body)
        return {std::nullopt, f.error()};
    return {std::move(body), {}};
}

} // namespace idem
