#include "live/peerlink.h"

#include "live/replicationbatch.h"
#include "storage/clusterdatabase.h"
#include "storage/outbox.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>

namespace idem {

namespace {
QAtomicInt peerLinkCounter;
constexpr int batchIntervalMs = 20; // as ReplicationLink: one POST per 20 ms at most
constexpr int firstBackoffMs = 50;
constexpr int maxBackoffMs = 2000;
constexpr int transferTimeoutMs = 10'000; // a peer that accepts but never answers

QString clusterLetter(int cluster)
{
    return cluster == 1 ? QStringLiteral("B") : QStringLiteral("A");
}
} // namespace

PeerLink::PeerLink(Config config, QObject *parent) : QThread(parent), m_config(std::move(config))
{
    setObjectName(QStringLiteral("idemlab-peerlink"));
}

PeerLink::~PeerLink()
{
    finish();
}

std::optional<QString> PeerLink::begin()
{
    start();
    QMutexLocker locker(&m_mutex);
    while (!m_ready)
        m_readyCond.wait(&m_mutex);
    const auto error = m_openError;
    locker.unlock();
    if (error)
        wait();
    return error;
}

void PeerLink::finish()
{
    {
        QMutexLocker locker(&m_mutex);
        m_stop = true;
        m_wake.wakeAll();
        if (m_inFlight) // lives on the link's thread: abort it there
            QMetaObject::invokeMethod(m_inFlight.data(), &QNetworkReply::abort,
                                      Qt::QueuedConnection);
    }
    wait();
}

bool PeerLink::pause(int ms)
{
    QMutexLocker locker(&m_mutex);
    const QDeadlineTimer until(ms, Qt::PreciseTimer);
    while (!m_stop && !until.hasExpired())
        m_wake.wait(&m_mutex, until);
    return !m_stop;
}

int PeerLink::post(QNetworkAccessManager &nam, const QByteArray &body, QString *why)
{
    QUrl url = m_config.peer;
    url.setPath(QStringLiteral("/replication"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(transferTimeoutMs);
    QNetworkReply *reply = nam.post(request, body);
    {
        QMutexLocker locker(&m_mutex);
        if (m_stop)
            reply->abort();
        m_inFlight = reply;
    }
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    {
        QMutexLocker locker(&m_mutex);
        m_inFlight = nullptr;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        *why = reply->errorString();
    } else if (status / 100 != 2) {
        // A problem's detail says what the peer refused, in one line.
        const QJsonObject problem = QJsonDocument::fromJson(reply->readAll()).object();
        const QString detail = problem.value(QLatin1String("detail")).toString();
        *why = QStringLiteral("it answered %1%2")
                   .arg(status)
                   .arg(detail.isEmpty() ? QString() : QStringLiteral(": ") + detail);
    }
    reply->deleteLater();
    return status;
}

void PeerLink::run()
{
    const int local = m_config.cluster;
    ClusterDatabase db(
        local, QStringLiteral("idemlab-peerlink-%1").arg(peerLinkCounter.fetchAndAddRelaxed(1)),
        m_config.file);
    {
        const auto error = db.open();
        QMutexLocker locker(&m_mutex);
        m_openError = error;
        m_ready = true;
        m_readyCond.wakeAll();
        if (error)
            return;
    }
    db.disableAutoCheckpoint(); // the WalCheckpointer does it
    Outbox outbox(db);
    QNetworkAccessManager nam;
    const QString peerName =
        QStringLiteral("cluster %1 at %2").arg(clusterLetter(1 - local), m_config.peer.toString());
    const Log log =
        m_config.log ? m_config.log : [](const QString &line) { qWarning("%s", qPrintable(line)); };
    int backoffMs = 0;
    bool down = false;
    QString lastError;
    for (;;) {
        const Outbox::Due due =
            outbox.due(Outbox::epochUs() - m_config.lagUs, int(ReplicationBatch::maxRows));
        if (!due.error.isEmpty()) {
            if (due.error != lastError)
                log(due.error);
            lastError = due.error;
            if (!pause(maxBackoffMs))
                return;
            continue;
        }
        lastError.clear();
        QVector<qint64> done = due.skipped;
        if (!due.entries.isEmpty()) {
            ReplicationBatch batch;
            batch.from = local;
            // A key written several times since the last batch travels once, as it is now.
            QSet<std::pair<QString, QString>> keys;
            for (const Outbox::Entry &e : due.entries) {
                done.append(e.seq);
                if (e.keyRow) {
                    const std::pair<QString, QString> id{e.key.scope, e.key.rawKey};
                    if (keys.contains(id))
                        continue;
                    keys.insert(id);
                }
                batch.rows.append(ReplicationBatch::Row{e.writtenUs, e.keyRow, e.key, e.ledger});
            }
            QString why;
            const int status = post(nam, batch.toJson(), &why);
            if (status / 100 != 2) {
                m_reachable.store(0);
                if (!down)
                    log(QStringLiteral("replication: %1 is unreachable (%2); keeping the rows "
                                       "for it in the outbox and retrying")
                            .arg(peerName, why));
                down = true;
                backoffMs = backoffMs == 0 ? firstBackoffMs : std::min(2 * backoffMs, maxBackoffMs);
                if (!pause(backoffMs))
                    return;
                continue;
            }
            m_reachable.store(1);
            backoffMs = 0;
            if (down)
                log(QStringLiteral("replication: %1 is back; sending the outbox (%2 rows)")
                        .arg(peerName)
                        .arg(outbox.backlog()));
            down = false;
        }
        if (!done.isEmpty()) {
            QMutexLocker writing(m_config.writeLock);
            if (auto error = outbox.remove(done))
                log(*error); // sent again next round: the peer applies a row once
        }
        if (!pause(batchIntervalMs))
            return;
    }
}

} // namespace idem
