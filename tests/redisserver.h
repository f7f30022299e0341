#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

/// A redis-server of a test's own on an ephemeral loopback port, without persistence, stopped
/// with the test. start() again after stop() brings it back on the same port.
class RedisServer
{
public:
    RedisServer();
    ~RedisServer();
    RedisServer(const RedisServer &) = delete;
    RedisServer &operator=(const RedisServer &) = delete;

    /// Starts it (a free port on the first start, the same one after) and waits until it
    /// answers PING; false and error() when it cannot (redis-server missing, say).
    bool start(const QStringList &extraArgs = {});
    /// Stops it at once (SIGKILL: it goes away as a crashed server would).
    void stop();
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString url() const;
    [[nodiscard]] QString error() const { return m_error; }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};
