#pragma once

// Live mode over real HTTP, for tests: a LiveSession on ephemeral ports in a temporary folder,
// a QNetworkAccessManager client, the events it recorded, and the settings of a live test.
#include "live/livesession.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>

#include <QtTest>

#include <functional>
#include <memory>
#include <optional>

namespace idem::livetest {

inline constexpr int waitMs = 20'000; // only ever reached if something hangs
inline const QByteArray payment = R"({"from":"A","to":"B","amount":10})";

/// An answer as the client saw it.
struct Answer
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray contentType;
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QHash<QByteArray, QByteArray> headers; ///< lower-case names
};

/// One cluster call to make.
struct Call
{
    QByteArray method = "POST";
    QString path = QStringLiteral("/payments");
    std::optional<QByteArray> key;
    QByteArray body = payment;
};

inline Call post(const QByteArray &key, const QByteArray &body = payment)
{
    return Call{"POST", QStringLiteral("/payments"), key, body};
}

inline Call get(const QString &path)
{
    return Call{"GET", path, std::nullopt, {}};
}

inline QString sorted(QList<int> statuses)
{
    std::sort(statuses.begin(), statuses.end());
    QStringList out;
    for (int s : statuses)
        out << QString::number(s);
    return out.join(QLatin1Char(','));
}

/// A live session on ephemeral ports, a client, and the events it recorded.
class Live
{
public:
    /// `tweak` changes the options before the start (a Redis cache, say).
    explicit Live(const Settings &settings, int workers = 0,
                  const std::function<void(LiveSession::Options &)> &tweak = {})
    {
        LiveSession::Options o;
        o.settings = settings;
        o.ports = {0, 0};
        o.dbDir = m_dir.path();
        o.workers = workers;
        if (tweak)
            tweak(o);
        QObject::connect(&m_session, &LiveSession::eventRecorded, &m_session,
                         [this](const Event &e) { m_events.append(e); });
        if (!m_session.start(o))
            qFatal("live session did not start: %s", qPrintable(m_session.errorString()));
    }

    LiveSession &session() { return m_session; }
    QString dbDir() const { return m_dir.path(); }
    const QVector<Event> &events() const { return m_events; }

    QNetworkReply *start(int cluster, const Call &call, QNetworkAccessManager *nam = nullptr)
    {
        QUrl url = m_session.baseUrl(cluster);
        const int query = int(call.path.indexOf(QLatin1Char('?')));
        url.setPath(query < 0 ? call.path : call.path.left(query));
        if (query >= 0)
            url.setQuery(call.path.mid(query + 1));
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        if (call.key)
            request.setRawHeader("Idempotency-Key", *call.key);
        QNetworkAccessManager &client = nam ? *nam : m_nam;
        if (call.method == "HEAD")
            return client.head(request); // a custom verb would wait for the body
        return call.body.isEmpty() && call.method != "POST"
                   ? client.sendCustomRequest(request, call.method)
                   : client.sendCustomRequest(request, call.method, call.body);
    }

    static Answer finish(QNetworkReply *reply)
    {
        if (!reply->isFinished())
            QSignalSpy(reply, &QNetworkReply::finished).wait(waitMs);
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->isOpen() ? reply->readAll() : QByteArray();
        a.json = QJsonDocument::fromJson(a.body).object();
        a.error = reply->error();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            a.headers.insert(name.toLower(), value);
        a.contentType = a.header("Content-Type");
        reply->deleteLater();
        return a;
    }

    Answer send(int cluster, const Call &call) { return finish(start(cluster, call)); }

    /// Sends `calls` all at once, each on a connection of its own; answers in order.
    QVector<Answer> sendTogether(const QVector<std::pair<int, Call>> &calls)
    {
        std::vector<std::unique_ptr<QNetworkAccessManager>> clients;
        QVector<QNetworkReply *> replies;
        for (const auto &[cluster, call] : calls) {
            clients.push_back(std::make_unique<QNetworkAccessManager>());
            replies.append(start(cluster, call, clients.back().get()));
        }
        QVector<Answer> answers;
        for (QNetworkReply *reply : replies)
            answers.append(finish(reply));
        return answers;
    }

    /// Ledger rows of one cluster's DB (all, or one key's), through GET /ledger.
    qint64 ledger(int cluster, const QByteArray &key = {})
    {
        const Answer a = send(cluster, get(key.isEmpty() ? QStringLiteral("/ledger")
                                                         : QStringLiteral("/ledger?key=") +
                                                               QString::fromLatin1(key)));
        if (a.status != 200)
            qFatal("GET /ledger answered %d: %s", a.status, a.body.constData());
        return a.json.value(QStringLiteral("count")).toInteger();
    }

    /// Waits until an event of `type` for request `request` was recorded.
    bool waitFor(EventType type, int request)
    {
        return QTest::qWaitFor(
            [&] {
                return std::any_of(m_events.cbegin(), m_events.cend(), [&](const Event &e) {
                    return e.type == type && e.request == request;
                });
            },
            waitMs);
    }

private:
    QTemporaryDir m_dir;
    LiveSession m_session;
    QNetworkAccessManager m_nam;
    QVector<Event> m_events;
};

inline Settings settingsWith(std::initializer_list<std::pair<const char *, const char *>> overrides)
{
    Settings s;
    s.dbUs = 0; // a local file; the rows that need a window set it
    s.cacheUs = 0;
    s.opUs = 1'000;
    for (const auto &[flag, value] : overrides)
        if (auto error = s.setFromOverride(QLatin1String(flag), QLatin1String(value)))
            qFatal("%s", qPrintable(*error));
    return s;
}

} // namespace idem::livetest
