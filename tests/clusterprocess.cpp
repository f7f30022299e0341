#include "clusterprocess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <vector>

namespace clustertest {

namespace {
constexpr int waitMs = 60'000; // only ever reached if something hangs
} // namespace

QList<Answer> sendAll(const QList<Request> &requests,
                      const std::function<void(int, const Answer &)> &each, int window)
{
    const int count = int(requests.size());
    const int inFlight = window > 0 ? std::min(window, count) : count;
    // A QNetworkAccessManager opens at most 6 connections to a host: one manager per 6
    // requests in flight gives each of them a connection of its own.
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < inFlight; i += 6)
        managers.push_back(std::make_unique<QNetworkAccessManager>());
    QList<Answer> answers(count);
    int left = count;
    int next = 0;
    QEventLoop loop;
    std::function<void()> sendNext = [&] {
        const int i = next++;
        const Request &r = requests[i];
        QNetworkRequest request{QUrl(r.url)};
        request.setTransferTimeout(waitMs);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        if (r.key)
            request.setRawHeader("Idempotency-Key", *r.key);
        QNetworkReply *reply =
            managers[size_t(i % inFlight / 6)]->sendCustomRequest(request, r.method, r.body);
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, i] {
            Answer &a = answers[i];
            a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            a.body = reply->readAll();
            a.json = QJsonDocument::fromJson(a.body).object();
            if (a.status == 0)
                a.error = reply->errorString();
            reply->deleteLater();
            if (each)
                each(i, a);
            if (next < count)
                sendNext();
            if (--left == 0)
                loop.quit();
        });
    };
    while (next < inFlight)
        sendNext();
    if (left > 0)
        loop.exec();
    return answers;
}

Answer send(const Request &request)
{
    return sendAll({request}).constFirst();
}

Answer get(const QString &url)
{
    return send(Request{url, "GET", {}, std::nullopt});
}

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

ClusterProcess::ClusterProcess(QString cluster, quint16 port, quint16 peerPort, QString dbDir,
                               QStringList extra)
    : m_cluster(std::move(cluster)), m_port(port), m_peerPort(peerPort), m_dbDir(std::move(dbDir)),
      m_extra(std::move(extra))
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
}

ClusterProcess::~ClusterProcess()
{
    kill();
}

bool ClusterProcess::start()
{
    m_process.start(QStringLiteral(IDEMLAB_CLI),
                    QStringList{QStringLiteral("serve"), QStringLiteral("--cluster"), m_cluster,
                                QStringLiteral("--port"), QString::number(m_port),
                                QStringLiteral("--peer"),
                                QStringLiteral("http://127.0.0.1:%1").arg(m_peerPort),
                                QStringLiteral("--db-dir"), m_dbDir, QStringLiteral("--log"),
                                QStringLiteral("none")} +
                        m_extra);
    if (!m_process.waitForStarted(5000)) {
        m_error = QStringLiteral("idemlab-cli did not start: %1").arg(m_process.errorString());
        return false;
    }
    QDeadlineTimer deadline(waitMs);
    while (!deadline.hasExpired()) {
        if (get(url(QStringLiteral("/health"))).status == 200)
            return true;
        if (!running()) {
            m_error = QStringLiteral("cluster %1 exited: %2")
                          .arg(m_cluster, QString::fromLocal8Bit(output()).trimmed());
            return false;
        }
        QThread::msleep(20);
    }
    m_error = QStringLiteral("cluster %1 on port %2 did not answer GET /health")
                  .arg(m_cluster)
                  .arg(m_port);
    return false;
}

void ClusterProcess::kill()
{
    if (!running())
        return;
    m_process.kill();
    m_process.waitForFinished(10'000);
    output();
}

void ClusterProcess::stop()
{
    if (!running())
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(20'000))
        kill();
    output();
}

QString ClusterProcess::url(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path);
}

QString ClusterProcess::dbFile() const
{
    return QDir(m_dbDir).filePath(m_cluster.toUpper() == QLatin1String("A")
                                      ? QStringLiteral("cluster-a.sqlite")
                                      : QStringLiteral("cluster-b.sqlite"));
}

QByteArray ClusterProcess::output()
{
    m_output += m_process.readAll();
    return m_output;
}

QJsonObject ClusterProcess::replication()
{
    return get(url(QStringLiteral("/health"))).json.value(QLatin1String("replication")).toObject();
}

} // namespace clustertest
