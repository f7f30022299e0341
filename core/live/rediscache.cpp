#include "live/rediscache.h"

#include <hiredis/hiredis.h>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>

#include <sys/time.h>

namespace idem {

namespace {

constexpr timeval connectTimeout{1, 0};
constexpr timeval commandTimeout{2, 0};

// Each script answers {code, value, pttl}: code 1 = done, 0 = no such key, 2 = held by
// another holder (nothing changed), with the key's value and time to live as they are now.
// KEYS[1] = the key; ARGV[1] = the value to claim with; ARGV[2] = the TTL in ms; ARGV[3] =
// the holder. A claim the same holder already made is done (a resend after a lost reply).
const QByteArray claimScript = R"lua(
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1, ARGV[1], tonumber(ARGV[2])}
end
local v = redis.call('GET', KEYS[1])
local code = 2
if cjson.decode(v).h == ARGV[3] then code = 1 end
return {code, v, redis.call('PTTL', KEYS[1])}
)lua";

// ARGV[1] = the holder; ARGV[2] = the response code; ARGV[3] = its body; ARGV[4] = TTL ms.
const QByteArray finishScript = R"lua(
local v = redis.call('GET', KEYS[1])
if not v then return {0} end
local e = cjson.decode(v)
if e.h ~= ARGV[1] then return {2, v, redis.call('PTTL', KEYS[1])} end
e.s = 'CONSUMED'
e.c = tonumber(ARGV[2])
e.b = ARGV[3]
local n = cjson.encode(e)
redis.call('SET', KEYS[1], n, 'XX', 'PX', ARGV[4])
return {1, n, tonumber(ARGV[4])}
)lua";

// ARGV[1] = the holder.
const QByteArray deleteScript = R"lua(
local v = redis.call('GET', KEYS[1])
if not v then return {0} end
local e = cjson.decode(v)
if e.h ~= ARGV[1] then return {2, v, redis.call('PTTL', KEYS[1])} end
redis.call('DEL', KEYS[1])
return {1, v, 0}
)lua";

const QByteArray *const scripts[] = {&claimScript, &finishScript, &deleteScript};
enum Script
{
    Claim,
    Finish,
    Delete
};

QByteArray sha1(const QByteArray &text)
{
    return QCryptographicHash::hash(text, QCryptographicHash::Sha1).toHex();
}

QByteArray ttlMs(qint64 us)
{
    return QByteArray::number(std::max<qint64>(1, (us + 999) / 1000));
}

QByteArray encode(const CacheEntry &e, const QString &holder)
{
    QJsonObject o{{QStringLiteral("k"), e.rawKey},       {QStringLiteral("s"), e.status},
                  {QStringLiteral("fp"), e.fingerprint}, {QStringLiteral("o"), e.origin},
                  {QStringLiteral("c"), e.responseCode}, {QStringLiteral("b"), e.responseBody},
                  {QStringLiteral("at"), e.claimedUs},   {QStringLiteral("cl"), e.client},
                  {QStringLiteral("h"), holder}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

CacheEntry decode(const QByteArray &value, qint64 pttlMs, qint64 nowUs)
{
    const QJsonObject o = QJsonDocument::fromJson(value).object();
    CacheEntry e;
    e.rawKey = o.value(QLatin1String("k")).toString();
    e.status = o.value(QLatin1String("s")).toString();
    e.fingerprint = o.value(QLatin1String("fp")).toString();
    e.origin = o.value(QLatin1String("o")).toInt();
    e.responseCode = o.value(QLatin1String("c")).toInt();
    e.responseBody = o.value(QLatin1String("b")).toString();
    e.claimedUs = qint64(o.value(QLatin1String("at")).toDouble());
    e.client = o.value(QLatin1String("cl")).toString();
    e.expiresUs = pttlMs > 0 ? nowUs + pttlMs * 1000 : nowUs;
    return e;
}

QString contextError(const redisContext *c)
{
    return c && c->errstr[0] ? QString::fromLocal8Bit(c->errstr) : QStringLiteral("no answer");
}

/// Sends one command; the reply (owned by the caller) or null with `error` (I/O: the
/// connection is unusable) or a Redis error reply.
redisReply *command(redisContext *c, const QVector<QByteArray> &args, QString *error)
{
    QVector<const char *> argv;
    QVector<size_t> lengths;
    for (const QByteArray &a : args) {
        argv.append(a.constData());
        lengths.append(size_t(a.size()));
    }
    auto *reply = static_cast<redisReply *>(
        redisCommandArgv(c, int(argv.size()), argv.data(), lengths.data()));
    if (!reply)
        *error = contextError(c);
    return reply;
}

} // namespace

struct RedisCache::Reply
{
    int code = 0;
    QByteArray value;
    qint64 pttlMs = 0;
};

RedisCache::RedisCache(RedisAddress address, Log log)
    : m_address(std::move(address)), m_log(std::move(log))
{}

RedisCache::~RedisCache()
{
    for (redisContext *c : std::as_const(m_pool))
        redisFree(c);
}

QByteArray RedisCache::redisKey(const QString &key)
{
    return QByteArrayLiteral("idemlab:") + key.toUtf8();
}

redisContext *RedisCache::acquire(QString *error, bool *refused, bool *pooled)
{
    {
        QMutexLocker locker(&m_poolMutex);
        if (pooled)
            *pooled = !m_pool.isEmpty();
        if (!m_pool.isEmpty())
            return m_pool.takeLast();
    }
    const QByteArray host = m_address.host.toUtf8();
    redisContext *c = redisConnectWithTimeout(host.constData(), m_address.port, connectTimeout);
    if (!c || c->err) {
        *error = QStringLiteral("cannot connect: %1").arg(contextError(c));
        if (c)
            redisFree(c);
        return nullptr;
    }
    redisSetTimeout(c, commandTimeout);
    auto setUp = [&](const QVector<QByteArray> &args, const char *what) {
        QString why;
        redisReply *r = command(c, args, &why);
        const bool ok = r && r->type != REDIS_REPLY_ERROR;
        if (!ok) {
            if (r) {
                why = QString::fromUtf8(r->str, int(r->len));
                if (refused)
                    *refused = true;
            }
            *error = QStringLiteral("%1 failed: %2").arg(QLatin1String(what), why);
        }
        if (r)
            freeReplyObject(r);
        return ok;
    };
    if (!m_address.password.isEmpty()) {
        QVector<QByteArray> auth{QByteArrayLiteral("AUTH")};
        if (!m_address.user.isEmpty())
            auth.append(m_address.user.toUtf8());
        auth.append(m_address.password.toUtf8());
        if (!setUp(auth, "AUTH")) {
            redisFree(c);
            return nullptr;
        }
    }
    if (m_address.db != 0 &&
        !setUp({QByteArrayLiteral("SELECT"), QByteArray::number(m_address.db)}, "SELECT")) {
        redisFree(c);
        return nullptr;
    }
    return c;
}

void RedisCache::drainPool()
{
    QVector<redisContext *> stale;
    {
        QMutexLocker locker(&m_poolMutex);
        stale.swap(m_pool);
    }
    for (redisContext *c : std::as_const(stale))
        redisFree(c);
}

void RedisCache::release(redisContext *c, bool healthy)
{
    if (!healthy) {
        redisFree(c);
        return;
    }
    QMutexLocker locker(&m_poolMutex);
    m_pool.append(c);
}

std::optional<RedisCache::Reply> RedisCache::script(redisContext *c, int which,
                                                    const QVector<QByteArray> &args, QString *error)
{
    const QByteArray &text = *scripts[which];
    static const QByteArray shas[] = {sha1(claimScript), sha1(finishScript), sha1(deleteScript)};
    QVector<QByteArray> argv{QByteArrayLiteral("EVALSHA"), shas[which], QByteArrayLiteral("1")};
    argv += args;
    redisReply *r = command(c, argv, error);
    if (r && r->type == REDIS_REPLY_ERROR && qstrncmp(r->str, "NOSCRIPT", 8) == 0) {
        freeReplyObject(r);
        argv[0] = QByteArrayLiteral("EVAL");
        argv[1] = text;
        r = command(c, argv, error);
    }
    if (!r)
        return std::nullopt;
    std::optional<Reply> out;
    if (r->type == REDIS_REPLY_ARRAY && r->elements >= 1 &&
        r->element[0]->type == REDIS_REPLY_INTEGER) {
        Reply reply;
        reply.code = int(r->element[0]->integer);
        if (r->elements >= 3 && r->element[1]->type == REDIS_REPLY_STRING) {
            reply.value = QByteArray(r->element[1]->str, int(r->element[1]->len));
            reply.pttlMs = r->element[2]->integer;
        }
        out = reply;
    } else {
        *error =
            r->type == REDIS_REPLY_ERROR
                ? QStringLiteral("Redis answered: %1").arg(QString::fromUtf8(r->str, int(r->len)))
                : QStringLiteral("unexpected reply of type %1").arg(r->type);
    }
    freeReplyObject(r);
    return out;
}

CacheResult RedisCache::execute(const CacheCommand &cmd, qint64 nowUs)
{
    const QByteArray key = redisKey(cmd.key);
    const QByteArray holder = cmd.holder.toUtf8();
    int which = Claim;
    QVector<QByteArray> args;
    switch (cmd.op) {
    case CacheOp::ClaimNx: {
        const CacheEntry claim{
            cmd.key,    QStringLiteral("CREATED"), cmd.fingerprint, 0,         {},
            cmd.origin, nowUs + cmd.ttlUs,         nowUs,           cmd.client};
        args = {key, encode(claim, cmd.holder), ttlMs(cmd.ttlUs), holder};
        break;
    }
    case CacheOp::Finish:
        which = Finish;
        args = {key, holder, QByteArray::number(cmd.responseCode), cmd.responseBody.toUtf8(),
                ttlMs(cmd.ttlUs)};
        break;
    case CacheOp::Delete:
        which = Delete;
        args = {key, holder};
        break;
    }

    CacheResult result;
    QString error;
    std::optional<Reply> reply;
    // A pooled connection may have died with a Redis that went away and came back: then the
    // others in the pool have too, and the command is sent once more on a new connection
    // (safe: every script gives the same answer to the same holder twice).
    for (int attempt = 0; attempt < 2 && !reply; ++attempt) {
        bool pooled = false;
        redisContext *c = acquire(&error, nullptr, &pooled);
        if (!c)
            break;
        reply = script(c, which, args, &error);
        // An I/O error leaves the connection unusable (c->err); a Redis error reply does not.
        const bool healthy = c->err == 0;
        release(c, healthy);
        if (healthy || !pooled)
            break;
        drainPool();
    }
    if (!reply) {
        // No answer, or not one the scripts give (a foreign value under our key): either way
        // the cache could not do it, and the cacheFailure policy answers.
        noteDown(error);
        result.unreachable = true;
        return result;
    }
    noteUp();
    if (reply->code == 0)
        return result; // no such key: nothing done, nothing found
    result.entry = decode(reply->value, reply->pttlMs, nowUs);
    if (cmd.op == CacheOp::ClaimNx) {
        result.done = reply->code == 1;
        result.found = reply->code == 2;
    } else {
        result.done = reply->code == 1;
        result.found = true;
    }
    return result;
}

std::optional<QString> RedisCache::ping(bool *refused)
{
    if (refused)
        *refused = false;
    QString error;
    redisContext *c = acquire(&error, refused, nullptr);
    if (!c)
        return error;
    redisReply *r = command(c, {QByteArrayLiteral("PING")}, &error);
    const bool ok = r && r->type != REDIS_REPLY_ERROR;
    if (r && !ok)
        error = QString::fromUtf8(r->str, int(r->len));
    if (r)
        freeReplyObject(r);
    release(c, c->err == 0);
    if (!ok)
        return error;
    return std::nullopt;
}

void RedisCache::noteDown(const QString &why)
{
    if (m_down.exchange(true) || !m_log)
        return;
    m_log(QStringLiteral("shared cache %1 unreachable (%2): requests that need it get the "
                         "cache-failure policy's answer until it is back")
              .arg(m_address.display(), why));
}

void RedisCache::noteUp()
{
    if (m_down.exchange(false) && m_log)
        m_log(QStringLiteral("shared cache %1 is back").arg(m_address.display()));
}

} // namespace idem
