#pragma once

#include <QHash>
#include <QMutex>
#include <QString>
#include <QVector>

namespace idem {

/// A value in the shared cache: the key's claim and, once consumed, the stored response.
struct CacheEntry
{
    QString rawKey;
    QString status; ///< "CREATED" or "CONSUMED"
    QString fingerprint;
    int responseCode = 0;
    QString responseBody;
    int origin = 0; ///< cluster that claimed it
    qint64 expiresUs = 0;
    qint64 claimedUs = 0; ///< when it was claimed (a lease runs from here)
    QString client;       ///< the client whose request claimed it
};

/// The cache commands the protocol uses.
enum class CacheOp : quint8
{
    ClaimNx, ///< SET key CREATED NX PX ttl
    Finish,  ///< SET key CONSUMED+response XX PX ttl
    Delete,  ///< DEL key (a released claim)
};

struct CacheCommand
{
    CacheOp op = CacheOp::ClaimNx;
    QString key;
    QString fingerprint;
    int origin = 0;
    int responseCode = 0;
    QString responseBody;
    qint64 ttlUs = 0;
    QString client; ///< ClaimNx: the client whose request claims the key
};

struct CacheResult
{
    bool done = false;        ///< ClaimNx: the key was free and is now ours; Finish: stored
    bool found = false;       ///< ClaimNx: someone holds the key: `entry` says how far they got
    bool unreachable = false; ///< the cache did not answer (it is down): nothing was done
    CacheEntry entry;
};

/// The shared cache (think Redis): atomic set-if-absent with a time-to-live. Thread-safe.
class CacheStore
{
public:
    CacheResult execute(const CacheCommand &command, qint64 nowUs);
    /// Live entries at `nowUs`, ordered by key.
    [[nodiscard]] QVector<CacheEntry> entries(qint64 nowUs) const;
    /// The command in Redis syntax, for captions and the timeline's detail field.
    [[nodiscard]] static QString commandText(const CacheCommand &command, const QString &label);

private:
    mutable QMutex m_mutex;
    QHash<QString, CacheEntry> m_entries;
};

} // namespace idem
