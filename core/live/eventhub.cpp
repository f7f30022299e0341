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

} // namespace

/// Lives on the stream's thread: the sockets and what each has been sent.
class StreamWorker : public QObject
{
public:
    StreamWorker(const EventHub::Setup &setup, std::atomic<int> &count, std::atomic<bool> &dirty)
        : m_setup(setup), m_writer(setup.hello), m_count(count), m_dirty(dirty)
    {}

    void add(int via, QWebSocket *socket);
    void event(const Event &e);
    void attempt(int index, const Attempt &a);
    void rows(const QVector<StreamRows> &rows);
    void closeAll();

private:
    struct Client
    {
        QWebSocket *socket = nullptr;
        qint64 lastSeq = -1; ///< the newest event it was sent (a replay may overlap posts)
    };

    void log(const QString &line) const;
    bool send(QWebSocket *socket, const QByteArray &message);
    void remove(QWebSocket *socket);

    const EventHub::Setup &m_setup;
    const EventStreamWriter m_writer;
    std::atomic<int> &m_count;
    std::atomic<bool> &m_dirty;
    std::vector<Client> m_clients;
    QHash<int, QByteArray> m_rows; ///< the last rows message of each cluster, for newcomers
};

void StreamWorker::log(const QString &line) const
{
    if (m_setup.log)
        m_setup.log(line);
    else
        qCWarning(lcEventHub).noquote() << line;
}

void StreamWorker::add(int via, QWebSocket *socket)
{
    const QString who =
        socket->peerAddress().toString() + QLatin1Char(':') + QString::number(socket->peerPort());
    const QByteArray origin = socket->origin().toUtf8();
    if (!origin.isEmpty() && !m_setup.allowedOrigins.contains(origin)) {
        log(QStringLiteral("event stream: refused %1: origin %2 is not allowed (allow it with "
                           "--allow-origin)")
                .arg(who, QString::fromUtf8(origin)));
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                      QStringLiteral("origin not allowed"));
        socket->deleteLater();
        return;
    }
    socket->setMaxAllowedIncomingMessageSize(maxIncomingBytes);
    socket->setMaxAllowedIncomingFrameSize(maxIncomingBytes);
    QObject::connect(socket, &QWebSocket::disconnected, this, [this, socket] { remove(socket); });
    // Counted before the snapshot: every event recorded after it is posted to us.
    m_count.fetch_add(1);
    m_dirty.store(true); // the newcomer gets fresh rows soon
    m_clients.push_back(Client{socket});
    if (!send(socket, m_writer.hello(via)))
        return;
    const LiveRecorder::Snapshot record = m_setup.recorder->snapshot();
    for (qsizetype i = 0; i < record.attempts.size(); ++i)
        if (!send(socket, m_writer.attempt(int(i), record.attempts[i])))
            return;
    const qsizetype first =
        std::max<qsizetype>(0, record.events.size() - EventHub::maxReplayEvents);
    for (qsizetype i = first; i < record.events.size(); ++i)
        if (!send(socket, m_writer.event(record.events[i])))
            return;
    for (const QByteArray &rows : std::as_const(m_rows))
        if (!send(socket, rows))
            return;
    // Events posted before the snapshot and not handled yet are in the replay already.
    if (!record.events.isEmpty())
        for (Client &c : m_clients)
            if (c.socket == socket)
                c.lastSeq = record.events.constLast().seq;
}

bool StreamWorker::send(QWebSocket *socket, const QByteArray &message)
{
    socket->sendTextMessage(QString::fromUtf8(message));
    if (socket->bytesToWrite() <= EventHub::maxUnsentBytes)
        return true;
    log(QStringLiteral("event stream: dropped %1:%2: it reads too slowly (%3 bytes unsent)")
            .arg(socket->peerAddress().toString())
            .arg(socket->peerPort())
            .arg(socket->bytesToWrite()));
    socket->abort();
    remove(socket);
    return false;
}

void StreamWorker::remove(QWebSocket *socket)
{
    const auto it = std::find_if(m_clients.begin(), m_clients.end(),
                                 [socket](const Client &c) { return c.socket == socket; });
    if (it == m_clients.end())
        return; // removed already (abort() emits disconnected too)
    m_clients.erase(it);
    m_count.fetch_sub(1);
    socket->deleteLater();
}

void StreamWorker::event(const Event &e)
{
    m_dirty.store(true);
    if (m_clients.empty())
        return;
    const QByteArray message = m_writer.event(e);
    const std::vector<Client> clients = m_clients; // send() may drop one
    for (const Client &c : clients)
        if (e.seq > c.lastSeq)
            send(c.socket, message);
}

void StreamWorker::attempt(int index, const Attempt &a)
{
    const QByteArray message = m_writer.attempt(index, a);
    const std::vector<Client> clients = m_clients;
    for (const Client &c : clients)
        send(c.socket, message);
}

void StreamWorker::rows(const QVector<StreamRows> &rows)
{
    for (const StreamRows &r : rows) {
        const QByteArray message = EventStreamWriter::rows(r);
        m_rows.insert(r.cluster, message);
        const std::vector<Client> clients = m_clients;
        for (const Client &c : clients)
            send(c.socket, message);
    }
}

void StreamWorker::closeAll()
{
    const std::vector<Client> clients = m_clients;
    for (const Client &c : clients) {
        c.socket->close(QWebSocketProtocol::CloseCodeGoingAway,
                        QStringLiteral("the live session stopped"));
        c.socket->flush();
        remove(c.socket);
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
    QWebSocket *raw = socket.release();
    raw->setParent(nullptr);
    raw->moveToThread(&d->thread);
    QMetaObject::invokeMethod(d->worker, [w = d->worker, via, raw] { w->add(via, raw); });
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
