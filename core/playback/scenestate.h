#pragma once

#include "model/runresult.h"

#include <QMap>
#include <QString>
#include <QVector>

namespace idem {

/// A key row as a DB holds it at some moment.
struct KeyRowView
{
    QString key; ///< label
    QString status;
    int origin = 0;       ///< cluster that claimed it
    bool replica = false; ///< arrived by replication
    qint64 updatedUs = 0;
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
    QVector<int> downNodes;    ///< servers crashed and not yet back, the cache while it is down
    bool linkCut = false;      ///< the replication link is partitioned
    QStringList duplicateKeys; ///< keys found charged twice so far
    QStringList duplicateLedgerIds;
};

/// Replays `run`'s events up to and including time `t`.
[[nodiscard]] SceneState sceneAt(const RunResult &run, qint64 t);

} // namespace idem
