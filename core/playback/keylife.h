#pragma once

#include "model/runresult.h"
#include "playback/scenestate.h"

#include <QString>
#include <QVector>

namespace idem {

/// A stretch of time over which one place held a key in one state.
struct KeySpan
{
    qint64 fromUs = 0;
    qint64 toUs = 0; ///< the end of the stretch (the run's end for the last one)
    /// "CREATED", "CONSUMED", "expired" (reaped, greyed), or empty: the place has no row.
    QString status;
    int generation = 1;   ///< the lease generation of the row
    bool replica = false; ///< the row arrived by replication
    KeyMark mark = KeyMark::None;
};

/// One place a key lives in (DB A, DB B, the shared cache) and its states over the run.
struct KeyLane
{
    QString place;          ///< "DB A", "DB B", "Shared cache"
    QVector<KeySpan> spans; ///< in time order, covering the whole run, none empty
};

/// A request attempt that carried the key.
struct KeyRequest
{
    int attempt = -1; ///< index into RunResult::attempts
    QString label;    ///< "R2 (attempt 2)"
    QString client;
    QString server; ///< the server that handled it, empty if none
    qint64 sentUs = 0;
    qint64 receivedUs = -1; ///< -1: no answer came
    int status = 0;
    /// The client gave up waiting (at sentUs + the timeout): no answer in time.
    bool timedOut = false;
    qint64 gaveUpUs = -1;
};

/// A ledger row the key caused, in the DB of one cluster.
struct KeyCharge
{
    QString id;
    int cluster = 0;
    qint64 atUs = 0;        ///< when the row was written there
    bool replica = false;   ///< copied there by replication
    bool duplicate = false; ///< one of the rows of a DUPLICATE_EFFECT
    qint64 amount = 0;
};

/// A key's life at a glance: its state over the run in each place, the requests that
/// carried it and the ledger rows it caused. Read off the scene state itself (a SceneIndex) at
/// every moment the key could change, so it says exactly what the scene shows.
struct KeyLife
{
    QString key;   ///< label ("K1")
    QString scope; ///< under keyScope client: the client it belongs to, else empty
    qint64 endUs = 0;
    QVector<KeyLane> lanes; ///< DB A, DB B, Shared cache
    QVector<KeyRequest> requests;
    QVector<KeyCharge> charges;
};

/// The life of `key` (within `scope` under keyScope client) in `run`; no lanes' rows and no
/// requests if the run never used that key.
[[nodiscard]] KeyLife keyLifeOf(const RunResult &run, const QString &key,
                                const QString &scope = QString());

} // namespace idem
