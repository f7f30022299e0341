#include "live/redisaddress.h"

#include "json/jsonwording.h"

#include <QRegularExpression>
#include <QUrl>

namespace idem {

namespace {

constexpr QLatin1String expected("expected redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]");

/// The URL as the user typed it but with any password replaced by ***, for error lines.
QString redacted(const QString &url)
{
    const int scheme = int(url.indexOf(QLatin1String("://")));
    const int at = int(url.lastIndexOf(QLatin1Char('@')));
    if (scheme < 0 || at < scheme)
        return url;
    return url.left(scheme + 3) + QLatin1String("***") + url.mid(at);
}

} // namespace

std::optional<RedisAddress> RedisAddress::parse(const QString &url, QString *error)
{
    auto fail = [&](const QString &what) {
        if (error)
            *error = QStringLiteral("--cache %1: %2; %3")
                         .arg(JsonWording::typed(redacted(url)), what, expected);
        return std::nullopt;
    };
    if (url.trimmed().isEmpty())
        return fail(QStringLiteral("empty"));
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid()) {
        // QUrl refuses a port past 65535 outright: say that rather than "not a URL".
        static const QRegularExpression hostPort(
            QStringLiteral(R"(^[a-z]+://(?:[^@/]*@)?(?:\[[^\]]*\]|[^:/\[]*):(\d+)(?:/|$))"));
        const QRegularExpressionMatch m = hostPort.match(url);
        if (m.hasMatch())
            return fail(QStringLiteral("port %1 is out of range 1-65535").arg(m.captured(1)));
        return fail(QStringLiteral("not a URL"));
    }
    if (u.scheme() != QLatin1String("redis"))
        return fail(u.scheme().isEmpty()
                        ? QStringLiteral("no scheme")
                        : QStringLiteral("scheme \"%1\" is not redis").arg(u.scheme()));
    if (u.host().isEmpty())
        return fail(QStringLiteral("no host"));
    if (u.hasQuery() || u.hasFragment())
        return fail(QStringLiteral("a query or fragment is not understood"));
    RedisAddress a;
    a.host = u.host();
    const int port = u.port(6379);
    if (port < 1 || port > 65535)
        return fail(QStringLiteral("port %1 is out of range 1-65535").arg(port));
    a.port = port;
    const QString path = u.path();
    if (!path.isEmpty() && path != QLatin1String("/")) {
        bool ok = false;
        const int db = path.mid(1).toInt(&ok);
        if (!ok || db < 0 || path.mid(1).startsWith(QLatin1Char('+')))
            return fail(QStringLiteral("database \"%1\" is not a number ≥ 0").arg(path.mid(1)));
        a.db = db;
    }
    a.user = u.userName();
    a.password = u.password();
    if (!a.user.isEmpty() && a.password.isEmpty())
        return fail(QStringLiteral("a user without a password (write redis://:PASSWORD@HOST "
                                   "for a password alone)"));
    return a;
}

QString RedisAddress::display() const
{
    const QString credentials = password.isEmpty() ? QString() : QStringLiteral("***@");
    const QString host6 =
        host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return QStringLiteral("redis://%1%2:%3/%4").arg(credentials, host6).arg(port).arg(db);
}

} // namespace idem
