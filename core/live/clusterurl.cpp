#include "live/clusterurl.h"

#include "json/jsonwording.h"

namespace idem {

std::optional<QUrl> ClusterUrl::base(const QString &given, Use use, QString *why)
{
    const QString text = given.trimmed();
    auto fail = [&](const QString &what) -> std::optional<QUrl> {
        *why = what;
        return std::nullopt;
    };
    if (text.isEmpty())
        return fail(QStringLiteral("empty URL"));
    if (!text.contains(QLatin1String("://")))
        return fail(QStringLiteral("no scheme"));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        const QString qtWhy = url.errorString();
        return fail(JsonWording::isOneLine(qtWhy) && qtWhy.size() <= 200
                        ? QStringLiteral("not a URL (%1)").arg(qtWhy)
                        : QStringLiteral("not a URL"));
    }
    const QString scheme = url.scheme().toLower();
    const bool attach = use == Use::Attach;
    if (scheme != QLatin1String("http") && !(attach && scheme == QLatin1String("ws")))
        return fail(url.scheme().isEmpty()
                        ? QStringLiteral("no scheme")
                        : QStringLiteral("scheme %1 is not %2")
                              .arg(url.scheme(),
                                   attach ? QStringLiteral("http or ws") : QStringLiteral("http")));
    if (url.host().isEmpty())
        return fail(QStringLiteral("no host"));
    if (url.port() <= 0)
        return fail(QStringLiteral("no port"));
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return fail(QStringLiteral("a user, query or fragment has no meaning here"));
    const QString path = url.path();
    if (!path.isEmpty() && path != QLatin1String("/")) {
        if (!attach)
            return fail(QStringLiteral("nothing may follow the port"));
        if (path != QLatin1String("/events"))
            return fail(QStringLiteral("path %1 is not the event stream (/events)").arg(path));
    }
    QUrl base;
    base.setScheme(QStringLiteral("http"));
    base.setHost(url.host());
    base.setPort(url.port());
    return base;
}

} // namespace idem
