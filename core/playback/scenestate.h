#pragma once

#include "model/runresult.h"

#include <QMap>
#include <QString>
#include <QVector>

#include <memory>

namespace idem {

/// What last happened to a key row that the scene points out beside it.
enum class KeyMark : quint8
{
    None,
    TakenOver,          ///< a request took the claim over after its lease ran out
    Fenced,             ///< a write by a stale generation was refused
    Expired,            ///< the reaper deleted the row (a greyed row, no longer in the DB)
    ClaimedAfterExpiry, ///< claimed anew after its earlier row was reaped
};

/// A key row as a DB holds it at some moment.
struct KeyRowView
{
    QString key; ///< label
    QString status;
    int origin = 0;       ///< cluster that claimed it
    bool replica = false; ///< arrived by replication
    qint64 updatedUs = 0;
    QString scope;      ///< under keyScope client: the client the key belongs to, else empty
    int generation = 1; ///< the lease generation (fencing token): 1 at the claim, +1 per takeover
    KeyMark mark = KeyMark::None;
    qint64 markUs = -1; ///< when the mark's event happened
};

/// A ledger row as a DB holds it at some moment.
struct LedgerRowView
{
    QString id;
    QString key;
    int origin = 0;
    QString fromAcct;
    QString toAcct;
    qint64 amount = 0;
    bool replica = false;
    bool duplicate = false; ///< one of the rows of a DUPLICATE_EFFECT seen so far
};

/// An entry of the shared cache at some moment.
struct CacheEntryView
{
    QString key;
    QString status;
    int origin = 0;
    qint64 expiresUs = 0;
};

/// Who holds a cluster's lock on a key, and who waits.
struct LockView
{
    int cluster = 0;
    QString key;
    int holder = -1; ///< server node
    int holderRequest = -1;
    QVector<int> waiters; ///< server nodes, in order
};

/// A message on its way at some moment.
struct MessageView
{
    int event = -1; ///< the event that carries it
    int from = -1;
    int to = -1;
    double progress = 0; ///< 0 at `from`, 1 at `to`
    QString label;
    QString key;
    int status = 0;
    bool response = false; ///< a reply (HTTP response, query result)
    bool falling = false;  ///< lost: dropping out of the network
    int request = -1;
};

/// What a server or a client is busy with.
struct NodeActivity
{
    int node = -1;
    QStringList tasks; ///< one short line per request: "K1 · charging", "K1 · got 201"
    bool busy = false; ///< working on a request (server) or waiting for an answer (client)
};

/// A verdict of the run that has become true by some moment: a stuck key or a collision
/// (a duplicate charge is in SceneState::duplicateKeys).
struct VerdictMoment
{
    QString type;               ///< "STUCK_KEY" or "KEY_COLLISION", as in Verdict::anomalies
    QString key;                ///< label
    qint64 t = 0;               ///< when it became true
    QString holder;             ///< STUCK_KEY: the server whose claim is left; KEY_COLLISION: empty
    bool holderCrashed = false; ///< STUCK_KEY: that server crashed with the claim in hand
    QString client;             ///< KEY_COLLISION: the client answered with another's result
    QString owner;              ///< KEY_COLLISION: the client whose result it was
};

/// Everything the scene shows at one moment, rebuilt from the event log alone.
struct SceneState
{
    qint64 t = 0;
    int lastEvent = -1; ///< index of the last event at or before t
    QVector<KeyRowView> keys[2];
    QVector<LedgerRowView> ledger[2];
    QMap<QString, qint64> balances[2]; ///< account → balance from that DB's ledger
    QVector<CacheEntryView> cache;
    QVector<LockView> locks;
    QVector<NodeActivity> servers;
    QVector<NodeActivity> clients; ///< each client's requests: waiting, answered, timed out
    QVector<MessageView> messages;
    /// Rows the reaper deleted from each DB, greyed in the scene until the key is claimed
    /// again there (they are not in the DB: keys[] is).
    QVector<KeyRowView> expired[2];
    QVector<int> downNodes;   ///< servers crashed and not yet back, the cache while it is down
    QMap<int, qint64> backUs; ///< each down node: when it comes back, -1 if not in this run
    bool linkCut = false;     ///< the replication link is partitioned
    qint64 linkHealUs = -1;   ///< while cut: when it heals, -1 if not in this run
    int queuedRows = 0;       ///< while cut: rows written and waiting for the heal
    QVector<VerdictMoment> verdicts; ///< stuck keys and collisions so far, in order
    QStringList duplicateKeys;       ///< keys found charged twice so far
    QStringList duplicateLedgerIds;
};

/// Replays `run`'s events up to and including time `t`.
[[nodiscard]] SceneState sceneAt(const RunResult &run, qint64 t);

class SceneBuilder;
class MessageIndex;

/// A run's events applied in order up to some point, which can be continued later or copied
/// (a checkpoint, see SceneIndex): sceneAt(run, t) is a replay advanced to t, then stateAt(t).
class SceneReplay
{
public:
    /// Nothing applied yet. `activityUs`: the moment the scene will be shown at, for a live
    /// record whose clients get their answer on arrival (SceneActivity); a simulated run's
    /// replay is the same for every moment. `messages`: the run's MessageIndex, or none to
    /// find the messages in flight by walking the log.
    SceneReplay(const RunResult &run, qint64 activityUs,
                std::shared_ptr<const MessageIndex> messages = {});
    SceneReplay(const SceneReplay &other);
    SceneReplay &operator=(const SceneReplay &) = delete;
    ~SceneReplay();

    /// How many events are applied (the first ones of the log).
    [[nodiscard]] int applied() const { return m_state.lastEvent + 1; }
    /// Applies the events before index `end` that are not applied yet.
    void applyUntil(int end);
    /// Applies the events not applied yet up to and including time `t`.
    void advanceTo(qint64 t);
    /// The scene at `t`, which is at or after the last event applied and before the next.
    [[nodiscard]] SceneState stateAt(qint64 t) const;

private:
    const RunResult *m_run;
    std::unique_ptr<SceneBuilder> m_builder;
    std::shared_ptr<const MessageIndex> m_messages; ///< shared by the copies
    SceneState m_state; ///< what the events applied so far built, before stateAt's finish
};

} // namespace idem
