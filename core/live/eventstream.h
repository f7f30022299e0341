#pragma once

#include "model/runresult.h"
#include "model/settings.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <memory>
#include <optional>

namespace idem {

/// The schema every hello of the event stream names.
inline constexpr const char *eventStreamSchema = "idemlab.events/1";

/// What a process says first on its event stream: who it is and what it hosts.
struct StreamHello
{
    QString session;         ///< a random id of this process's live session
    QVector<int> clusters;   ///< the clusters it hosts (0 = A, 1 = B), ascending
    int via = 0;             ///< the cluster whose port this connection came in on
    qint64 startEpochUs = 0; ///< wall clock (µs since 1970) at the session's start: time 0
    QVector<Node> nodes;     ///< LiveSession::nodes(): the same in every process
    Settings settings;
};

/// One cluster's DB rows as its process holds them now (the newest ones, capped).
struct StreamRows
{
    int cluster = 0;
    QVector<KeyRow> keys;
    QVector<LedgerRow> ledger;
    int replicationConflicts = 0; ///< conflicts this cluster's replication has counted
};

/// The messages of a cluster's event stream (`GET /events`, a WebSocket of JSON text
/// messages), written with the timeline's own JSON for events, attempts and rows
/// (TimelineExporter's pieces) so the two formats never drift:
///   {"schema": "idemlab.events/1", "type": "hello", "session", "clusters", "cluster" (the
///    one whose port answered), "startEpochUs", "nodes", "settings"}
///   {"type": "event", "event": {...}}          an event of the timeline's "events"
///   {"type": "attempt", "index": n, "attempt": {...}}   attempt n began or ended
///   {"type": "rows", "cluster": "A", "replicationConflicts": n, "database": {...}}
class EventStreamWriter
{
public:
    explicit EventStreamWriter(const StreamHello &hello);

    /// The hello for a connection that came in on cluster `via`'s port.
    [[nodiscard]] QByteArray hello(int via) const;
    [[nodiscard]] QByteArray event(const Event &e) const;
    [[nodiscard]] QByteArray attempt(int index, const Attempt &a) const;
    [[nodiscard]] static QByteArray rows(const StreamRows &rows);

    /// The run the pieces are written against (nodes, settings, the one client).
    [[nodiscard]] static RunResult context(const StreamHello &hello);

private:
    StreamHello m_hello;
    RunResult m_context;
};

/// One message of the stream as read.
struct StreamMessage
{
    enum class Kind
    {
        Hello,
        Event,
        Attempt,
        Rows
    };
    Kind kind = Kind::Hello;
    StreamHello hello; ///< Kind::Hello
    Event event;       ///< Kind::Event (its request indexes this stream's attempts)
    int index = -1;    ///< Kind::Attempt: the attempt's index
    Attempt attempt;   ///< Kind::Attempt
    StreamRows rows;   ///< Kind::Rows
};

/// The strict reader of one connection's stream: a hello first and only once, then events
/// in log order whose nodes and requests exist, attempts numbered in order, rows of the
/// clusters the hello named. Every field is checked; a problem is one line naming the
/// field and what was expected ("event.request: must be between 0 and 2, got 7").
class EventStreamReader
{
public:
    /// The largest message accepted (a rows message holds at most maxRows rows per table).
    static constexpr qsizetype maxMessageBytes = 4 * 1024 * 1024;
    /// Rows per table a rows message may carry.
    static constexpr int maxRows = 2000;

    EventStreamReader();
    ~EventStreamReader();
    EventStreamReader(const EventStreamReader &) = delete;
    EventStreamReader &operator=(const EventStreamReader &) = delete;

    /// Reads one message; nullopt with error() on a problem (the reader then refuses more).
    [[nodiscard]] std::optional<StreamMessage> read(const QByteArray &message);
    [[nodiscard]] const QString &error() const { return m_error; }
    [[nodiscard]] bool greeted() const { return m_greeted; }

private:
    std::optional<StreamMessage> readHello(const QJsonObject &o);
    std::optional<StreamMessage> readEvent(const QJsonObject &o);
    std::optional<StreamMessage> readAttempt(const QJsonObject &o);
    std::optional<StreamMessage> readRows(const QJsonObject &o);
    std::nullopt_t fail(const QString &line);

    struct State;
    std::unique_ptr<State> d;
    QString m_error;
    bool m_greeted = false;
};

} // namespace idem
