#pragma once

#include "live/eventstream.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <memory>
#include <optional>

namespace idem {

/// One attached URL: the WebSocket to a cluster process's event stream, read strictly, and
/// its state (connecting, up, down and why). A connection that drops or says something
/// malformed is retried with backoff (250 ms doubling to 5 s) until close().
class AttachLink : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Connecting,
        Up,
        Down
    };

    static constexpr int firstRetryMs = 250;
    static constexpr int lastRetryMs = 5000;

    /// `http://HOST:PORT` or `ws://HOST:PORT[/events]` → the stream's `ws://HOST:PORT/events`;
    /// nullopt and a line saying what was expected otherwise.
    [[nodiscard]] static std::optional<QUrl> streamUrl(const QString &text, QString *error);

    /// `given` as the user typed it (shown and logged), `stream` from streamUrl().
    AttachLink(const QString &given, const QUrl &stream, QObject *parent = nullptr);
    ~AttachLink() override;

    void open();
    void close();

    [[nodiscard]] const QString &url() const { return m_given; }
    [[nodiscard]] State state() const { return m_state; }
    /// Why it is down (or what it waits for), in one line.
    [[nodiscard]] const QString &why() const { return m_why; }
    /// The hello of the connection now up (or the last one that was).
    [[nodiscard]] const std::optional<StreamHello> &hello() const { return m_hello; }
    /// The delay before the next retry.
    [[nodiscard]] int retryMs() const { return m_retryMs; }

    /// Refuses what the link just said (a hello that does not fit the others): logged,
    /// dropped and retried like a malformed message.
    void refuse(const QString &problem);

signals:
    void stateChanged();
    /// Each message read, in order (the hello first on every connection).
    void received(const idem::StreamMessage &message);

private:
    void setState(State state, const QString &why);
    void connected();
    void text(const QString &message);
    void lost();
    void scheduleRetry();

    QString m_given;
    QUrl m_stream;
    QWebSocket m_socket;
    std::unique_ptr<EventStreamReader> m_reader;
    std::optional<StreamHello> m_hello;
    QTimer m_retry;
    int m_retryMs = firstRetryMs;
    State m_state = State::Down;
    QString m_why;
    bool m_open = false;
};

} // namespace idem
