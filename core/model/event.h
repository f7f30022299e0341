#pragma once

#include <QMetaType>
#include <QString>

namespace idem {

/// What happened; the names are those of the timeline formats.
enum class EventType : quint8
{
    Send,
    Deliver,
    Validate,
    LockWait,
    LockAcquire,
    LockRelease,
    DbRead,
    DbWrite,
    CacheOp,
    OpStart,
    OpEnd,
    Respond,
    Receive,
    Replicate,
    Conflict,
    Fault,
    Timeout,
    Anomaly,
};

/// "send", "db-read", ... as written in exports.
[[nodiscard]] QString eventTypeName(EventType type);
/// The inverse of eventTypeName; false if the name is unknown.
bool eventTypeFromName(const QString &name, EventType *type);

/// One entry of the event log: the single source of truth for the GUI and exporters.
///
/// Message-carrying events name a span: the message leaves `from` at `startUs` and reaches
/// `to` at `endUs`. A `send` is logged when it leaves; a DB or cache command is logged when it
/// runs at the DB or cache, with `startUs` = query sent and `endUs` = result back.
struct Event
{
    qint64 t = 0;   ///< virtual time, µs
    qint64 seq = 0; ///< order among events at the same time
    EventType type = EventType::Send;
    int from = -1;    ///< node index, or -1
    int to = -1;      ///< node index, or -1
    int request = -1; ///< index of the attempt in RunResult::attempts, or -1
    QString key;      ///< key label ("K1"), empty if none
    int status = 0;   ///< HTTP status where there is one
    qint64 startUs = -1;
    qint64 endUs = -1;
    bool lost = false; ///< the message never arrives
    QString label;     ///< short text on the message: "POST K1", "201 K1", "SELECT K1"
    QString detail;    ///< the SQL or cache command, when there is one
    /// What the event changed, machine-readable: the key status written ("CREATED",
    /// "CONSUMED") by a DB write, cache command or replica; the ledger id of a charge or a
    /// replicated ledger row; a lookup's finding ("absent", "CREATED", "CONSUMED").
    /// Empty when nothing changed.
    QString state;
    QString caption; ///< one plain sentence
    /// Under keyScope client, the client whose key an event that names no request acts on (a
    /// reap); empty otherwise (an event of a request has its client in the attempt).
    QString scope;
};

} // namespace idem

// Events cross threads in queued signals (live mode).
Q_DECLARE_METATYPE(idem::Event)
