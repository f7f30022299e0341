#pragma once

#include "live/eventstream.h"

#include <QByteArray>
#include <QList>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace idem {

class LiveRecorder;

/// The server side of the event stream (`GET /events` upgraded to a WebSocket): keeps the
/// subscribed sockets on a thread of its own, greets each with the hello, replays the
/// record so far (the newest maxReplayEvents events, every attempt, the last rows) and then
/// sends every event and attempt as the recorder reports it, and the hosted clusters' rows
/// at most rowsPerSecond times a second while events come in.
///
/// Nothing here blocks a request thread: publish*() only post to the stream's thread (and
/// only while someone listens). A client that reads too slowly (more than maxUnsentBytes
/// waiting in its socket) is dropped with a log line: memory stays bounded.
class EventHub
{
public:
    /// The hosted clusters' rows now, read on the thread that made the hub.
    using RowsReader = std::function<QVector<StreamRows>()>;
    using Log = std::function<void(const QString &)>;

    struct Setup
    {
        StreamHello hello;
        const LiveRecorder *recorder = nullptr; ///< outlives the hub
        RowsReader rows;
        /// Browser origins allowed to subscribe; a socket that names another is refused
        /// (a web page must not read the payments of a server on loopback).
        QList<QByteArray> allowedOrigins;
        Log log; ///< empty = qWarning
    };

    static constexpr int maxReplayEvents = 10'000;
    static constexpr qint64 maxUnsentBytes = 16 * 1024 * 1024;
    static constexpr int rowsPerSecond = 10;
    static constexpr int maxRowsPerTable = 500; ///< the newest rows of each table

    /// Made on the session's thread, which must run an event loop for the rows to be sent.
    explicit EventHub(Setup setup);
    ~EventHub();
    EventHub(const EventHub &) = delete;
    EventHub &operator=(const EventHub &) = delete;

    /// From the recorder's listeners (any thread, under the recorder's lock).
    void publishEvent(const Event &e);
    void publishAttempt(int index, const Attempt &a);
    /// Takes a socket upgraded on `/events` of cluster `via`'s port; call on the thread the
    /// socket belongs to.
    void adopt(int via, std::unique_ptr<QWebSocket> socket);
    /// Sockets subscribed now.
    [[nodiscard]] int subscribers() const;

    /// The newest `max` rows of each table (rows come oldest first).
    [[nodiscard]] static StreamRows newest(StreamRows rows, int max = maxRowsPerTable);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace idem
