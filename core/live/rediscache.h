#pragma once

#include "live/redisaddress.h"
#include "storage/cachestore.h"

#include <QMutex>
#include <QVector>

#include <atomic>
#include <functional>
#include <optional>

struct redisContext;

namespace idem {

/// The shared cache in a real Redis, through hiredis (synchronous calls: live mode's handler
/// runs each request on a thread of its own, so a thread waits for its own reply).
/// - ClaimNx is `SET key value NX PX ttl` inside a Lua script that returns the holder's value
///   in the same round trip when the key is taken;
/// - Finish (CONSUMED + the stored response) and Delete are Lua compare-and-sets on the
///   claim's holder: only the request that made the claim finishes or releases it, so a stale
///   holder (its claim expired and someone else claimed the key) changes nothing;
/// - values are JSON objects under "idemlab:<key>"; TTLs are PX milliseconds.
/// Connections are pooled (one per thread in use, made on demand). When Redis cannot be
/// reached a command answers `unreachable` (the protocol's cacheFailure policy decides), one
/// log line says so, and the next command tries again: service resumes by itself when Redis
/// is back, with one more log line.
class RedisCache : public SharedCache
{
public:
    using Log = std::function<void(const QString &line)>;
    explicit RedisCache(RedisAddress address, Log log = {});
    ~RedisCache() override;
    RedisCache(const RedisCache &) = delete;
    RedisCache &operator=(const RedisCache &) = delete;

    CacheResult execute(const CacheCommand &command, qint64 nowUs) override;

    /// Connects and sends PING: nullopt when Redis answers, else why not. `refused` says
    /// whether Redis itself refused us (AUTH, SELECT: a setting to fix), rather than not
    /// being reachable (it may come up later).
    std::optional<QString> ping(bool *refused = nullptr);
    [[nodiscard]] const RedisAddress &address() const { return m_address; }
    /// The key under which Redis stores the cache key `key`.
    [[nodiscard]] static QByteArray redisKey(const QString &key);

private:
    struct Reply;
    /// A connection from the pool (`pooled`), or a new one; null and `error` when it cannot be
    /// made (`refused`: Redis refused AUTH or SELECT).
    redisContext *acquire(QString *error, bool *refused, bool *pooled);
    /// Back to the pool, or closed when it is broken.
    void release(redisContext *c, bool healthy);
    /// Closes every pooled connection (Redis went away: they are all dead).
    void drainPool();
    /// Runs one of the scripts (EVALSHA, EVAL when Redis does not know it yet).
    std::optional<Reply> script(redisContext *c, int which, const QVector<QByteArray> &args,
                                QString *error);
    void noteDown(const QString &why);
    void noteUp();

    const RedisAddress m_address;
    const Log m_log;
    QMutex m_poolMutex;
    QVector<redisContext *> m_pool;
    std::atomic<bool> m_down{false};
};

} // namespace idem
