#include "live/weborigin.h"

#include "json/jsonwording.h"

#include <QUrl>

namespace idem {

std::optional<QByteArray> webOrigin(const QString &given, QString *error)
{
    const QUrl url(given, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    const bool web = scheme == QLatin1String("http") || scheme == QLatin1String("https");
    if (given == QLatin1String("*") || !url.isValid() || !web || url.host().isEmpty() ||
        (!url.path().isEmpty() && url.path() != QLatin1String("/")) || url.hasQuery() ||
        url.hasFragment() || !url.userInfo().isEmpty()) {
        *error = QStringLiteral("--allow-origin %1 is not a web origin; expected "
                                "http://HOST[:PORT] or https://HOST[:PORT] (one origin each, "
                                "never *)")
                     .arg(JsonWording::typed(given));
        return std::nullopt;
    }
    // An IPv6 host keeps its brackets, as a browser's Origin header writes it.
    QByteArray host = url.host(QUrl::FullyEncoded).toLower().toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    QByteArray origin = scheme.toLatin1() + "://" + host;
    const int port = url.port();
    const int defaultPort = scheme == QLatin1String("https") ? 443 : 80;
    if (port >= 0 && port != defaultPort)
        origin += ':' + QByteArray::number(port);
    return origin;
}

} // namespace idem
