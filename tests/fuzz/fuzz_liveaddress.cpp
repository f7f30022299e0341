// libFuzzer target: the addresses `idemlab-cli serve` and `idemlab --attach` are given, on
// any text: a Redis URL (--cache redis://…, RedisAddress::parse), a web origin
// (--allow-origin, webOrigin) and a cluster's address (--peer and --attach, ClusterUrl).
// Refused: one line, and never the password typed between "://" and the last '@'.
// Accepted: a Redis address with a host, a port in 1..65535 and a database ≥ 0, whose
// display() hides the password and which, typed back without credentials, reads back the
// same; an origin "http[s]://host[:port]" in lower case that, given again, comes back the same;
// a cluster's address http://HOST:PORT that reads back as itself (--attach: the same host and
// port's ws://…/events).

#include "fuzzcheck.h"
#include "live/attachlink.h"
#include "live/clusterurl.h"
#include "live/redisaddress.h"
#include "live/weborigin.h"

#include "json/jsonwording.h"
#include <algorithm>

using namespace idem;

namespace {

void redisUrl(const QString &url)
{
    QString error;
    const auto address = RedisAddress::parse(url, &error);
    if (!address) {
        fuzz::checkOneLine(error);
        const qsizetype scheme = url.indexOf(QLatin1String("://"));
        const qsizetype at = url.lastIndexOf(QLatin1Char('@'));
        if (scheme >= 0 && at > scheme + 3) {
            const QString secret = url.mid(scheme + 3, at - scheme - 3);
            // Only a secret of letters and digits that the rest of the line could not hold by
            // chance: as typed, as the error quotes it ("\u0000ab" holds "0ab"), in any case
            // (QUrl writes the scheme in lower case).
            const QString rest = JsonWording::typed(url.left(scheme + 3)) +
                                 JsonWording::typed(url.mid(at)) +
                                 QStringLiteral("redis://[[USER]:PASSWORD@]HOST[:PORT][/DB] "
                                                "a user without a password (write "
                                                "redis://:PASSWORD@HOST for a password alone)");
            const bool distinctive =
                secret.size() >= 6 && std::all_of(secret.begin(), secret.end(),
                                                  [](QChar c) { return c.isLetterOrNumber(); });
            if (distinctive && !rest.contains(secret, Qt::CaseInsensitive) &&
                !error.contains(QLatin1String("...")))
                fuzz::check(!error.contains(secret), "the error never repeats the password", error);
        }
        return;
    }
    fuzz::check(!address->host.isEmpty(), "an address has a host", url);
    fuzz::check(address->port >= 1 && address->port <= 65535, "the port is in range", url);
    fuzz::check(address->db >= 0, "the database is ≥ 0", url);
    fuzz::check(address->user.isEmpty() || !address->password.isEmpty(),
                "a user comes with a password", url);
    const QString shown = address->display();
    fuzz::check(JsonWording::isOneLine(shown), "display() is one line", shown);
    // Nothing but the host, the port and the database after the scheme (and "***@" for any
    // credentials): the password cannot be in it except as one of those by chance.
    const QString host6 = address->host.contains(QLatin1Char(':'))
                              ? QLatin1Char('[') + address->host + QLatin1Char(']')
                              : address->host;
    const QString expected =
        QStringLiteral("redis://%1%2:%3/%4")
            .arg(address->password.isEmpty() ? QString() : QStringLiteral("***@"), host6)
            .arg(address->port)
            .arg(address->db);
    fuzz::check(shown == expected, "display() is the host, port and database alone", shown);
    QString plain = shown;
    plain.replace(QLatin1String("***@"), QString());
    QString again;
    const auto back = RedisAddress::parse(plain, &again);
    fuzz::check(back.has_value(), "display() without credentials reads back", again);
    fuzz::check(back->host.compare(address->host, Qt::CaseInsensitive) == 0 &&
                    back->port == address->port && back->db == address->db,
                "display() reads back as the same host, port and database", plain);
}

void allowOrigin(const QString &given)
{
    QString error;
    const auto origin = webOrigin(given, &error);
    if (!origin) {
        fuzz::checkOneLine(error);
        return;
    }
    const QString text = QString::fromLatin1(*origin);
    fuzz::check(text.startsWith(QLatin1String("http://")) ||
                    text.startsWith(QLatin1String("https://")),
                "an origin is http or https", text);
    fuzz::check(text == text.toLower(), "an origin is lower case", text);
    fuzz::check(!text.mid(text.indexOf(QLatin1String("://")) + 3).contains(QLatin1Char('/')),
                "an origin has no path", text);
    QString again;
    const auto twice = webOrigin(text, &again);
    fuzz::check(twice && *twice == *origin, "an origin given again comes back the same", again);
}

void clusterUrl(const QString &given, ClusterUrl::Use use)
{
    QString why;
    const auto base = ClusterUrl::base(given, use, &why);
    if (!base) {
        fuzz::checkOneLine(why);
        fuzz::check(!why.isEmpty(), "a refused URL says why", given);
        if (use == ClusterUrl::Use::Attach) {
            QString error;
            fuzz::check(!AttachLink::streamUrl(given, &error), "--attach refuses it too", given);
            fuzz::checkOneLine(error);
        }
        return;
    }
    fuzz::check(base->scheme() == QLatin1String("http"), "a base is http", given);
    fuzz::check(!base->host().isEmpty(), "a base has a host", given);
    fuzz::check(base->port() >= 1 && base->port() <= 65535, "the port is in range", given);
    fuzz::check(base->path().isEmpty() && !base->hasQuery() && base->userInfo().isEmpty(),
                "nothing follows the port", given);
    // What serve prints reads back as itself, for both uses.
    for (ClusterUrl::Use again : {ClusterUrl::Use::Peer, ClusterUrl::Use::Attach}) {
        QString whyAgain;
        const auto twice = ClusterUrl::base(base->toString(), again, &whyAgain);
        fuzz::check(twice && *twice == *base, "a base given again comes back the same",
                    base->toString() + QLatin1Char(' ') + whyAgain);
    }
    if (use == ClusterUrl::Use::Attach) {
        QString error;
        const auto stream = AttachLink::streamUrl(given, &error);
        fuzz::check(stream && stream->scheme() == QLatin1String("ws") &&
                        stream->path() == QLatin1String("/events") &&
                        stream->host() == base->host() && stream->port() == base->port(),
                    "--attach streams from the same host and port", given);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    redisUrl(text);
    allowOrigin(text);
    clusterUrl(text, ClusterUrl::Use::Peer);
    clusterUrl(text, ClusterUrl::Use::Attach);
    return 0;
}
