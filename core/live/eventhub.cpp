#include "live/eventhub.h"

#include "live/liverecorder.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <atomic>
#include <vector>

Q_LOGGING_CATEGORY(lcEventHub, "idemlab.core.live.events")

namespace idem {

namespace {

/// A subscriber sends nothing we read: a small limit keeps a hostile one from filling memory.
constexpr quint64 maxIncomingBytes = 1024;

QString peerOf(const QWebSocket &socket)
{
    return socket.peerAddress().toString() + QLatin1Char(':') + QString::number(socket.peerPort());
}

} // namespace

class StreamWorker;

/// One subscriber. It lives on the I/O thread its socket was accepted on (a socket stays on
/// its thread); the stream's thread posts it the messages, counted in `pending` so that a
/// client that reads too slowly is seen before its queue grows without bound. Only the
/// stream's thread deletes it.
class StreamClient : public QObject
{
public:
    StreamClient(std::unique_ptr<QWebSocket> socket, StreamWorker *worker);

    /// On the client's thread: writes `message` (posted by the worker).
    void write(const QByteArray &message);
    /// On the client's thread: says goodbye.
    void goodbye();

    std::atomic<qint64> pending{0}; ///< bytes posted and not written yet
    qint64 lastSeq = -1;            ///< the newest event sent (the worker's; a replay overlaps)
    const QString peer;

private:
    void drop(const QString &why);

    std::unique_ptr<QWebSocket> m_socket;
    StreamWorker *const m_worker;
    bool m_dropped = false;
};

/// Lives on the stream's thread: the clients and what each has been sent.
class StreamWorker : public QObject
{
public:
    StreamWorker(const EventHub::Setup &setup, std::atomic<int> &count, std::atomic<bool> &dirty)
        : m_setup(setup), m_writer(setup.hello), m_count(count), m_dirty(dirty)
    {}

    void add(int via, StreamClient *client);
    void remove(StreamClient *client, const QString &why);
    void event(const Event &e);
    void attempt(int index, const Attempt &a);
    void rows(const QVector<StreamRows> &rows);
    void closeAll();
    void log(const QString &line) const;

private:
    bool send(StreamClient *client, const QByteArray &message);

    const EventHub::Setup &m_setup;
    const EventStreamWriter m_writer;
    std::atomic<int> &m_count;
    std::atomic<bool> &m_dirty;
    std::vector<StreamClient *> m_clients;
    QHash<int, QByteArray> m_rows; ///< the last rows message of each cluster, for newcomers
};

StreamClient::StreamClient(std::unique_ptr<QWebSocket> socket, StreamWorker *worker)
    : peer(peerOf(*socket)), m_socket(std::move(socket)), m_worker(worker)
{
    m_socket->setMaxAllowedIncomingMessageSize(maxIncomingBytes);
    m_socket->setMaxAllowedIncomingFrameSize(maxIncomingBytes);
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] { drop({}); });
}

void StreamClient::write(const QByteArray &message)
{
    pending.fetch_sub(message.size());
    if (m_dropped)
        return;
    m_socket->sendTextMessage(QString::fromUtf8(message));
    if (m_socket->bytesToWrite() > EventHub::maxUnsentBytes) {
        drop(QStringLiteral("it reads too slowly (%1 bytes unsent)").arg(m_socket->bytesToWrite()));
        m_socket->abort();
    }
}

void StreamClient::goodbye()
{
    if (m_dropped)
        return;
    m_dropped = true;
    m_socket->close(QWebSocketProtocol::CloseCodeGoingAway,
                    QStringLiteral("the live session stopped"));
    m_socket->flush();
}

void StreamClient::drop(const QString &why)
{
    if (m_dropped)
        return;
    m_dropped = true;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, c = this, why] { w->remove(c, why); });
}

void StreamWorker::log(const QString &line) const
{
    if (m_setup.log)
        m_setup.log(line);
    else
        qCWarning(lcEventHub).noquote() << line;
}

void StreamWorker::add(int via, StreamClient *client)
{
    // Counted before the snapshot: every event recorded after it is posted to us.
    m_count.fetch_add(1);
    m_dirty.store(true); // the newcomer gets fresh rows soon
    m_clients.push_back(client);
    if (!send(client, m_writer.hello(via)))
        return;
    const LiveRecorder::Snapshot record = m_setup.recorder->snapshot();
    for (qsizetype i = 0; i < record.attempts.size(); ++i)
        if (!send(client, m_writer.attempt(int(i), record.attempts[i])))
            return;
    const qsizetype first =
        std::max<qsizetype>(0, record.events.size() - EventHub::maxReplayEvents);
    for (qsizetype i = first; i < record.events.size(); ++i)
        if (!send(client, m_writer.event(record.events[i])))
            return;
    for (const QByteArray &rows : std::as_const(m_rows))
        if (!send(client, rows))
            return;
    // Events posted before the snapshot and not handled yet are in the replay already.
    if (!record.events.isEmpty())
        client->lastSeq = record.events.constLast().seq;
}

bool StreamWorker::send(StreamClient *client, const QByteArray &message)
{
    if (client->pending.load() > EventHub::maxUnsentBytes) {
        remove(
            client,
            QStringLiteral("it reads too slowly (%1 bytes waiting)").arg(client->pending.load()));
        return false;
    }
    client->pending.fetch_add(message.size());
    QMetaObject::invokeMethod(client, [client, message] { client->write(message); });
    return true;
}

void StreamWorker::remove(StreamClient *client, const QString &why)
{
    const auto it = std::find(m_clients.begin(), m_clients.end(), client);
    if (it == m_clients.end())
        return; // removed already
    m_clients.erase(it);
    m_count.fetch_sub(1);
    if (!why.isEmpty())
        log(QStringLiteral("event stream: dropped %1: %2").arg(client->peer, why));
    client->deleteLater(); // on its thread, after what was posted to it
}

void StreamWorker::event(const Event &e)
{
    m_dirty.store(true);
    if (m_clients.empty())
        return;
    const QByteArray message = m_writer.event(e);
    const std::vector<StreamClient *> clients = m_clients; // send() may drop one
    for (StreamClient *c : clients)
        if (e.seq > c->lastSeq)
            send(c, message);
}

void StreamWorker::attempt(int index, const Attempt &a)
{
    const QByteArray message = m_writer.attempt(index, a);
    const std::vector<StreamClient *> clients = m_clients;
    for (StreamClient *c : clients)
        send(c, message);
}

void StreamWorker::rows(const QVector<StreamRows> &rows)
{
    for (const StreamRows &r : rows) {
        const QByteArray message = EventStreamWriter::rows(r);
        m_rows.insert(r.cluster, message);
        const std::vector<StreamClient *> clients = m_clients;
        for (StreamClient *c : clients)
            send(c, message);
    }
}

void StreamWorker::closeAll()
{
    const std::vector<StreamClient *> clients = m_clients;
    for (StreamClient *c : clients) {
        // The I/O threads still run: the session stops the hub before the HTTP side.
        QMetaObject::invokeMethod(
            c, [c] { c->goodbye(); }, Qt::BlockingQueuedConnection);
        remove(c, {});
    }
}

struct EventHub::Private
{
    Setup setup;
    std::atomic<int> count{0};
    std::atomic<bool> dirty{false};
    QThread thread;
    StreamWorker *worker = nullptr; ///< lives on `thread`
    QTimer rowsTimer;               ///< on the hub's thread: the rows are read there
};

EventHub::EventHub(Setup setup) : d(std::make_unique<Private>())
{
    d->setup = std::move(setup);
    d->worker = new StreamWorker(d->setup, d->count, d->dirty);
    d->thread.setObjectName(QStringLiteral("idemlab-events"));
    d->worker->moveToThread(&d->thread);
    QObject::connect(&d->thread, &QThread::finished, d->worker, &QObject::deleteLater);
    d->thread.start();
    d->rowsTimer.setInterval(1000 / rowsPerSecond);
    QObject::connect(&d->rowsTimer, &QTimer::timeout, [this] {
        if (d->count.load() == 0 || !d->dirty.exchange(false) || !d->setup.rows)
            return;
        QVector<StreamRows> rows = d->setup.rows();
        for (StreamRows &r : rows)
            r = newest(std::move(r));
        QMetaObject::invokeMethod(d->worker, [w = d->worker, rows] { w->rows(rows); });
    });
    d->rowsTimer.start();
}

EventHub::~EventHub()
{
    d->rowsTimer.stop();
    QMetaObject::invokeMethod(
        d->worker, [w = d->worker] { w->closeAll(); }, Qt::BlockingQueuedConnection);
    d->thread.quit();
    d->thread.wait();
}

void EventHub::publishEvent(const Event &e)
{
    if (d->count.load() == 0) {
        d->dirty.store(true);
        return;
    }
    QMetaObject::invokeMethod(d->worker, [w = d->worker, e] { w->event(e); });
}

void EventHub::publishAttempt(int index, const Attempt &a)
{
    if (d->count.load() == 0)
        return;
    QMetaObject::invokeMethod(d->worker, [w = d->worker, index, a] { w->attempt(index, a); });
}

void EventHub::adopt(int via, std::unique_ptr<QWebSocket> socket)
{
    const QByteArray origin = socket->origin().toUtf8();
    if (!origin.isEmpty() && !d->setup.allowedOrigins.contains(origin)) {
        d->worker->log(QStringLiteral("event stream: refused %1: origin %2 is not allowed (name "
                                      "it with --allow-origin)")
                           .arg(peerOf(*socket), QString::fromUtf8(origin)));
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                      QStringLiteral("origin not allowed"));
        socket.release()->deleteLater();
        return;
    }
    auto *client = new StreamClient(std::move(socket), d->worker); // on this (the socket's) thread
    QMetaObject::invokeMethod(d->worker, [w = d->worker, via, client] { w->add(via, client); });
}

int EventHub::subscribers() const
{
    return d->count.load();
}

StreamRows EventHub::newest(StreamRows rows, int max)
{
    if (rows.keys.size() > max)
        rows.keys.remove(0, rows.keys.size() - max);
    if (rows.ledger.size() > max)
        rows.ledger.remove(0, rows.ledger.size() - max);
    return rows;
}

} // namespace idem
