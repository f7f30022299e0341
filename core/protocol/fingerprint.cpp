#include "protocol/fingerprint.h"

#include <QCryptographicHash>

#include <algorithm>

namespace idem {

QByteArray jsonQuoted(const QString &s)
{
    // Fast path: nothing to escape (account names, ledger ids).
    const bool plain = std::all_of(s.cbegin(), s.cend(), [](QChar c) {
        return c.unicode() >= 0x20 && c != QLatin1Char('"') && c != QLatin1Char('\\');
    });
    if (plain)
        return '"' + s.toUtf8() + '"';
    QByteArray out = "\"";
    for (const QChar c : s) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\')) {
            out += '\\';
            out += char(c.unicode());
        } else if (c.unicode() < 0x20) {
            out += "\\u00";
            out += QByteArray::number(c.unicode(), 16).rightJustified(2, '0');
        } else {
            out += QString(c).toUtf8();
        }
    }
    return out + '"';
}

QByteArray canonicalBody(const PaymentBody &body)
{
    // Written by hand rather than through QJsonDocument: this runs once per request on the
    // engine's hot path, and the canonical form must not depend on a serializer's choices.
    return "{\"amount\":" + QByteArray::number(body.amount) + ",\"from\":" + jsonQuoted(body.from) +
           ",\"to\":" + jsonQuoted(body.to) + '}';
}

QString requestFingerprint(const QString &method, const QString &path, const QByteArray &body)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(method.toUtf8());
    hash.addData(QByteArrayView(" ", 1));
    hash.addData(path.toUtf8());
    hash.addData(QByteArrayView("\n", 1));
    hash.addData(body);
    return QString::fromLatin1(hash.result().toHex().left(16));
}

} // namespace idem
