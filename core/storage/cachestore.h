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
    /// Who sends it (live mode: the server and its request). A cache that checks holders
    /// (RedisCache) finishes or releases a claim only for the holder that made it, so a
    /// holder whose claim expired and was taken by another cannot overwrite the newer one.
    QString holder;
};

struct CacheResult
{
    bool done = false;        ///< ClaimNx: the key was free and is now ours; Finish: stored
    bool found = false;       ///< ClaimNx: someone holds the key: `entry` says how far they got
    bool unreachable = false; ///< the cache did not answer (it is down): nothing was done
    CacheEntry entry;
};

/// What the protocol needs of a shared cache: one command at a time, each atomic.
/// CacheStore (in memory) and RedisCache (live/, a real Redis) implement it. Thread-safe.
class SharedCache
{
public:
    virtual ~SharedCache() = default;
    virtual CacheResult execute(const CacheCommand &command, qint64 nowUs) = 0;
};

/// The shared cache in memory (think Redis): atomic set-if-absent with a time-to-live.
/// Thread-safe. It does not check holders: the simulation's claims end the way its log says.
class CacheStore : public SharedCache
{
public:
    CacheResult execute(const CacheCommand &command, qint64 nowUs) override;
    /// Live entries at `nowUs`, ordered by key.
    [[nodiscard]] QVector<CacheEntry> entries(qint64 nowUs) const;
    /// The command in Redis syntax, for captions and the timeline's detail field.
    [[nodiscard]] static QString commandText(const CacheCommand &command, const QString &label);

private:
    mutable QMutex m_mutex;
    QHash<QString, CacheEntry> m_entries;
};

} // namespace idem
