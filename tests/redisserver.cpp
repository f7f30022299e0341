#include "redisserver.h"

#include <QDeadlineTimer>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace {

/// True when a Redis on `port` answers PING: +PONG, or -NOAUTH from one with a password.
bool answersPing(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(500))
        return false;
    socket.write("PING\r\n");
    if (!socket.waitForBytesWritten(500))
        return false;
    QByteArray reply;
    QDeadlineTimer deadline(1000);
    while (!reply.contains("\r\n") && !deadline.hasExpired() && socket.waitForReadyRead(200))
        reply += socket.readAll();
    return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH");
}

} // namespace

RedisServer::RedisServer() = default;

RedisServer::~RedisServer()
{
    stop();
}

bool RedisServer::start(const QStringList &extraArgs)
{
    const QString binary = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (binary.isEmpty()) {
        m_error = QStringLiteral("redis-server is not installed (./idemlab.sh installs it; or "
                                 "apt-get install redis-server)");
        return false;
    }
    if (m_port == 0) {
        QTcpServer probe; // a port nobody listens on now
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            m_error = QStringLiteral("no free port: %1").arg(probe.errorString());
            return false;
        }
        m_port = probe.serverPort();
    }
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setWorkingDirectory(m_dir.path());
    m_process.start(binary,
                    QStringList{QStringLiteral("--port"), QString::number(m_port),
                                QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                                QStringLiteral("--save"), QString(), QStringLiteral("--appendonly"),
                                QStringLiteral("no"), QStringLiteral("--dir"), m_dir.path()} +
                        extraArgs);
    if (!m_process.waitForStarted(5000)) {
        m_error = QStringLiteral("redis-server did not start: %1").arg(m_process.errorString());
        return false;
    }
    QDeadlineTimer deadline(10'000);
    while (!deadline.hasExpired()) {
        if (answersPing(m_port))
            return true;
        if (m_process.state() == QProcess::NotRunning) {
            m_error = QStringLiteral("redis-server exited: %1")
                          .arg(QString::fromLocal8Bit(m_process.readAll()).trimmed());
            return false;
        }
        QThread::msleep(20);
    }
    m_error = QStringLiteral("redis-server on port %1 did not answer PING").arg(m_port);
    return false;
}

void RedisServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
}

QString RedisServer::url() const
{
    return QStringLiteral("redis://127.0.0.1:%1").arg(m_port);
}
