#pragma once

#include <QMutex>
#include <QPointer>
#include <QThread>
#include <QUrl>
#include <QWaitCondition>

#include <atomic>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace idem {

/// Replication from a cluster that runs as its own process (`serve --cluster`) to its peer:
/// a thread of its own, with its own connection to the cluster's DB, that reads the outbox
/// entries whose lag has passed (storage/outbox.h), sends them with their current rows as
/// `POST /replication` (live/replicationbatch.h; at most 500 rows, at most every 20 ms) and
/// removes them only once the peer answered 2xx. A peer that is down or refuses is retried
/// with exponential backoff (50 ms doubling to 2 s, back to the start after a success), with
/// one log line when it goes away and one when it is back. Nothing is lost across a restart
/// of either side: the entries stay in the DB until they are acknowledged.
class PeerLink : public QThread
{
    Q_OBJECT

public:
    using Log = std::function<void(const QString &)>;
    struct Config
    {
        int cluster = 0;             ///< the local cluster (0 = A), whose outbox is read
        QString file;                ///< its DB file
        QMutex *writeLock = nullptr; ///< held by every writer of that file
        QUrl peer;                   ///< the peer's base URL, "http://host:port"
        qint64 lagUs = 0;            ///< the replication lag
        Log log;                     ///< where the lines go (peer gone, peer back)
    };

    explicit PeerLink(Config config, QObject *parent = nullptr);
    ~PeerLink() override;

    /// Opens the link's connection and starts its thread; an error line on failure.
    [[nodiscard]] std::optional<QString> begin();
    /// Stops the thread (a POST in flight is aborted: its rows stay in the outbox).
    void finish();
    /// Whether the last POST got a 2xx; nullopt before the first POST (nothing to send yet).
    [[nodiscard]] std::optional<bool> reachable() const
    {
        const int state = m_reachable.load();
        return state < 0 ? std::nullopt : std::optional<bool>(state == 1);
    }
    [[nodiscard]] const QUrl &peer() const { return m_config.peer; }

protected:
    void run() override;

private:
    /// POSTs `body`; the HTTP status, or 0 and `why` if there was no answer.
    int post(QNetworkAccessManager &nam, const QByteArray &body, QString *why);
    /// Sleeps `ms` or until finish(); false once stopping.
    bool pause(int ms);

    const Config m_config;
    std::atomic<int> m_reachable{-1}; ///< -1 unknown, 0 no, 1 yes

    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_stop = false;
    QPointer<QNetworkReply> m_inFlight; ///< guarded by m_mutex
    std::optional<QString> m_openError;
    bool m_ready = false;
    QWaitCondition m_readyCond;
};

} // namespace idem
