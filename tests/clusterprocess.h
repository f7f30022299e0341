#pragma once

// One cluster as its own process for tests (`idemlab-cli serve --cluster ...`), and a small
// HTTP client to talk to it: started on a port of its own, waited for until GET /health
// answers, killed with SIGKILL (a crash) or stopped with SIGTERM, and started again on the
// same DB folder.
#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace clustertest {

/// An answer as the client saw it (status 0: no answer, `error` says why).
struct Answer
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QString error;
};

/// One request of a batch.
struct Request
{
    QString url; ///< the whole URL, "http://127.0.0.1:1234/payments"
    QByteArray method = "POST";
    QByteArray body;
    std::optional<QByteArray> key; ///< the Idempotency-Key header
};

/// Sends the requests (each on a connection of its own) and waits for every answer;
/// `each(i, answer)` is called as each one comes, on this thread. With `window` > 0 at
/// most that many are in flight, the next one sent as one is answered (a steady load);
/// otherwise all of them at once.
QList<Answer> sendAll(const QList<Request> &requests,
                      const std::function<void(int, const Answer &)> &each = {}, int window = 0);
/// One request, waited for.
Answer send(const Request &request);
Answer get(const QString &url);

/// A loopback port nobody listens on now.
quint16 freePort();

class ClusterProcess
{
public:
    /// Cluster "A" or "B" on `port`, its peer at `peerPort`, its DB in `dbDir`; `extra` are
    /// more serve options (--cache redis://..., --lag-ms N, ...).
    ClusterProcess(QString cluster, quint16 port, quint16 peerPort, QString dbDir,
                   QStringList extra = {});
    ~ClusterProcess();
    ClusterProcess(const ClusterProcess &) = delete;
    ClusterProcess &operator=(const ClusterProcess &) = delete;

    /// The serve options after the cluster's own, from the next start() on.
    void setExtra(const QStringList &extra) { m_extra = extra; }
    /// Starts it and waits until GET /health answers 200; false and error() if it does not.
    bool start();
    /// SIGKILL, as a crash: no cleanup, no checkpoint.
    void kill();
    /// SIGTERM: the process answers what is in flight and checkpoints its DB.
    void stop();
    [[nodiscard]] bool running() const { return m_process.state() != QProcess::NotRunning; }
    /// Waits until the process ends by itself; false if it is still running after `ms`.
    bool waitForEnd(int ms) { return m_process.waitForFinished(ms) || !running(); }
    [[nodiscard]] QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }
    [[nodiscard]] QString url(const QString &path = {}) const;
    [[nodiscard]] QString dbFile() const;
    [[nodiscard]] QString error() const { return m_error; }
    /// Everything it printed (stdout and stderr) so far.
    [[nodiscard]] QByteArray output();
    /// GET /health's "replication" object (backlog, peerReachable), empty without an answer.
    [[nodiscard]] QJsonObject replication();

private:
    QString m_cluster;
    quint16 m_port = 0;
    quint16 m_peerPort = 0;
    QString m_dbDir;
    QStringList m_extra;
    QProcess m_process;
    QByteArray m_output;
    QString m_error;
};

} // namespace clustertest
