// The shared cache in a real Redis (live mode's --cache redis://…): a redis-server of the
// test's own on an ephemeral port, the claim/finish/release scripts against it (a stale
// holder changes nothing), Redis going away and coming back under a running session, the
// 50-request race over both clusters, and the URL's password never printed.
#include "live/rediscache.h"
#include "livehttp.h"
#include "redisserver.h"

#include <QProcess>
#include <QStandardPaths>

#include <QtTest>

using namespace idem;
using namespace idem::livetest;

namespace {

CacheCommand claim(const QString &key, const QString &holder, qint64 ttlUs = 60'000'000)
{
    CacheCommand c;
    c.op = CacheOp::ClaimNx;
    c.key = key;
    c.fingerprint = QStringLiteral("fp-") + key;
    c.origin = 1;
    c.client = QStringLiteral("Client 2");
    c.ttlUs = ttlUs;
    c.holder = holder;
    return c;
}

CacheCommand finish(const QString &key, const QString &holder)
{
    CacheCommand c;
    c.op = CacheOp::Finish;
    c.key = key;
    c.origin = 1;
    c.responseCode = 201;
    c.responseBody = QStringLiteral(R"({"paymentId":"B-1"})");
    c.ttlUs = 60'000'000;
    c.holder = holder;
    return c;
}

CacheCommand release(const QString &key, const QString &holder)
{
    CacheCommand c;
    c.op = CacheOp::Delete;
    c.key = key;
    c.origin = 1;
    c.holder = holder;
    return c;
}

/// redis-cli's answer to one command on the test's server.
QString cli(const RedisServer &redis, const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral("redis-cli"),
            QStringList{QStringLiteral("-p"), QString::number(redis.port())} + args);
    p.waitForFinished(10'000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

} // namespace

class TstRedisCache : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void address_data();
    void address();
    void claimFinishRelease();
    void staleHolderChangesNothing();
    void expiredClaimIsFree();
    void goneAndBack();
    void foreignValueIsNotTrusted();
    void password();
    void fiftyOneKeyBothClusters_data();
    void fiftyOneKeyBothClusters();
    void redisDownUnderLoad();
    void serveRefusesABadUrl_data();
    void serveRefusesABadUrl();

private:
    RedisServer m_redis;
};

void TstRedisCache::initTestCase()
{
    QVERIFY2(m_redis.start(), qPrintable(m_redis.error()));
}

void TstRedisCache::address_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("display"); // empty: refused
    QTest::addColumn<QString>("error");   // what the error line names
    QTest::addRow("host") << "redis://cache.lab"
                          << "redis://cache.lab:6379/0"
                          << "";
    QTest::addRow("port and db") << "redis://10.0.0.5:6380/3"
                                 << "redis://10.0.0.5:6380/3"
                                 << "";
    QTest::addRow("password") << "redis://:s3cret@h:1"
                              << "redis://***@h:1/0"
                              << "";
    QTest::addRow("user and password") << "redis://app:s3cret@h"
                                       << "redis://***@h:6379/0"
                                       << "";
    QTest::addRow("ipv6") << "redis://[::1]:6379"
                          << "redis://[::1]:6379/0"
                          << "";
    QTest::addRow("empty") << ""
                           << ""
                           << "empty";
    QTest::addRow("no scheme") << "localhost:6379"
                               << ""
                               << "scheme";
    QTest::addRow("other scheme") << "http://h:6379"
                                  << ""
                                  << "scheme \"http\" is not redis";
    QTest::addRow("no host") << "redis://:6379"
                             << ""
                             << "no host";
    QTest::addRow("port 0") << "redis://h:0"
                            << ""
                            << "port 0 is out of range";
    QTest::addRow("db word") << "redis://h/main"
                             << ""
                             << "database \"main\"";
    QTest::addRow("db negative") << "redis://h/-1"
                                 << ""
                                 << "database \"-1\"";
    QTest::addRow("query") << "redis://h?db=1"
                           << ""
                           << "query";
    QTest::addRow("user alone") << "redis://app@h"
                                << ""
                                << "a user without a password";
    QTest::addRow("bad, with a password") << "redis://:s3cret@h:99999"
                                          << ""
                                          << "port 99999 is out of range";
}

void TstRedisCache::address()
{
    QFETCH(QString, url);
    QFETCH(QString, display);
    QFETCH(QString, error);
    QString why;
    const auto a = RedisAddress::parse(url, &why);
    if (display.isEmpty()) {
        QVERIFY(!a);
        QVERIFY2(why.contains(error), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("expected redis://")), qPrintable(why));
        QVERIFY2(!why.contains(QLatin1String("s3cret")), qPrintable(why));
        QVERIFY(!why.contains(QLatin1Char('\n')));
    } else {
        QVERIFY2(a, qPrintable(why));
        QCOMPARE(a->display(), display);
        QVERIFY(!a->display().contains(QLatin1String("s3cret")));
        if (url.contains(QLatin1String("s3cret")))
            QCOMPARE(a->password, QStringLiteral("s3cret"));
    }
}

void TstRedisCache::claimFinishRelease()
{
    RedisCache cache(*RedisAddress::parse(m_redis.url(), nullptr));
    QVERIFY(!cache.ping());

    CacheResult r = cache.execute(claim("k-life", "h1"), 1'000);
    QVERIFY(r.done && !r.found && !r.unreachable);
    // Redis holds it under its key with the TTL in milliseconds.
    const qint64 pttl = cli(m_redis, {"PTTL", "idemlab:k-life"}).toLongLong();
    QVERIFY2(pttl > 0 && pttl <= 60'000, qPrintable(QString::number(pttl)));

    r = cache.execute(claim("k-life", "h2"), 2'000);
    QVERIFY(!r.done && r.found);
    QCOMPARE(r.entry.status, QStringLiteral("CREATED"));
    QCOMPARE(r.entry.fingerprint, QStringLiteral("fp-k-life"));
    QCOMPARE(r.entry.origin, 1);
    QCOMPARE(r.entry.client, QStringLiteral("Client 2"));
    QCOMPARE(r.entry.claimedUs, 1'000);
    QVERIFY(r.entry.expiresUs > 2'000 && r.entry.expiresUs <= 2'000 + 60'000'000);

    // The same holder claiming again (a resend after a lost reply) still holds it.
    r = cache.execute(claim("k-life", "h1"), 2'500);
    QVERIFY(r.done);

    r = cache.execute(finish("k-life", "h1"), 3'000);
    QVERIFY(r.done);
    QCOMPARE(r.entry.status, QStringLiteral("CONSUMED"));
    QCOMPARE(r.entry.responseCode, 201);
    QCOMPARE(r.entry.responseBody, QStringLiteral(R"({"paymentId":"B-1"})"));

    r = cache.execute(claim("k-life", "h3"), 4'000);
    QVERIFY(!r.done && r.found);
    QCOMPARE(r.entry.status, QStringLiteral("CONSUMED"));
    QCOMPARE(r.entry.responseBody, QStringLiteral(R"({"paymentId":"B-1"})"));

    // Release: a fresh claim, released by its holder, is free again.
    QVERIFY(cache.execute(claim("k-fail", "h4"), 5'000).done);
    r = cache.execute(release("k-fail", "h4"), 6'000);
    QVERIFY(r.done);
    QCOMPARE(cli(m_redis, {"EXISTS", "idemlab:k-fail"}), QStringLiteral("0"));
    QVERIFY(cache.execute(claim("k-fail", "h5"), 7'000).done);

    // A key nobody holds: nothing to finish or release.
    r = cache.execute(finish("k-none", "h1"), 8'000);
    QVERIFY(!r.done && !r.found && !r.unreachable);
    QCOMPARE(cli(m_redis, {"EXISTS", "idemlab:k-none"}), QStringLiteral("0"));
}

void TstRedisCache::staleHolderChangesNothing()
{
    RedisCache cache(*RedisAddress::parse(m_redis.url(), nullptr));
    QVERIFY(cache.execute(claim("k-stale", "new-holder"), 1'000).done);
    const QString before = cli(m_redis, {"GET", "idemlab:k-stale"});

    CacheResult r = cache.execute(finish("k-stale", "old-holder"), 2'000);
    QVERIFY(!r.done && r.found);
    QCOMPARE(r.entry.status, QStringLiteral("CREATED"));
    r = cache.execute(release("k-stale", "old-holder"), 3'000);
    QVERIFY(!r.done && r.found);
    QCOMPARE(cli(m_redis, {"GET", "idemlab:k-stale"}), before);
}

void TstRedisCache::expiredClaimIsFree()
{
    RedisCache cache(*RedisAddress::parse(m_redis.url(), nullptr));
    QVERIFY(cache.execute(claim("k-ttl", "h1", 1'000), 0).done); // PX 1
    QTRY_VERIFY_WITH_TIMEOUT(cache.execute(claim("k-ttl", "h2"), 1).done, 10'000);
    // The expired holder's late finish does not bring its claim back over the new one.
    QVERIFY(!cache.execute(finish("k-ttl", "h1"), 2).done);
}

void TstRedisCache::goneAndBack()
{
    RedisServer redis;
    QVERIFY2(redis.start(), qPrintable(redis.error()));
    QStringList lines;
    RedisCache cache(*RedisAddress::parse(redis.url(), nullptr),
                     [&lines](const QString &line) { lines << line; });
    // Several connections in the pool, all of which die with the server.
    QVERIFY(cache.execute(claim("g1", "h1"), 0).done);
    QVERIFY(cache.execute(claim("g2", "h1"), 0).done);

    redis.stop();
    for (int i = 0; i < 3; ++i) {
        const CacheResult r = cache.execute(claim(QStringLiteral("g-down-%1").arg(i), "h1"), 0);
        QVERIFY(r.unreachable && !r.done && !r.found);
    }
    QCOMPARE(lines.size(), 1); // one line for the outage, not one per request
    QVERIFY2(lines[0].contains(QLatin1String("unreachable")), qPrintable(lines[0]));
    QVERIFY2(lines[0].contains(redis.url()), qPrintable(lines[0]));
    QVERIFY(cache.ping().has_value());

    QVERIFY2(redis.start(), qPrintable(redis.error()));
    // Back by itself: the first command after is served (on a new connection).
    const CacheResult r = cache.execute(claim("g-up", "h1"), 0);
    QVERIFY(r.done && !r.unreachable);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[1].endsWith(QLatin1String("is back")), qPrintable(lines[1]));
}

void TstRedisCache::foreignValueIsNotTrusted()
{
    // Something else wrote under our key: the scripts cannot read it, and the cache
    // answers as unreachable (the cacheFailure policy decides) rather than guess.
    QCOMPARE(cli(m_redis, {"SET", "idemlab:k-foreign", "not json"}), QStringLiteral("OK"));
    QStringList lines;
    RedisCache cache(*RedisAddress::parse(m_redis.url(), nullptr),
                     [&lines](const QString &line) { lines << line; });
    const CacheResult r = cache.execute(claim("k-foreign", "h1"), 0);
    QVERIFY(r.unreachable && !r.done);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(cli(m_redis, {"GET", "idemlab:k-foreign"}), QStringLiteral("not json"));
}

void TstRedisCache::password()
{
    RedisServer redis;
    QVERIFY2(redis.start({QStringLiteral("--requirepass"), QStringLiteral("s3cret")}),
             qPrintable(redis.error()));
    const QString base = QStringLiteral("redis://:%1@127.0.0.1:%2");

    bool refused = false;
    RedisCache wrong(*RedisAddress::parse(base.arg("nope").arg(redis.port()), nullptr));
    const auto why = wrong.ping(&refused);
    QVERIFY(why.has_value());
    QVERIFY(refused);
    QVERIFY2(why->contains(QLatin1String("AUTH")), qPrintable(*why));

    RedisCache right(*RedisAddress::parse(base.arg("s3cret").arg(redis.port()), nullptr));
    QVERIFY(!right.ping());
    QVERIFY(right.execute(claim("k-auth", "h1"), 0).done);

    // A session whose password is refused does not start, and says why without it.
    LiveSession session;
    QTemporaryDir dir;
    LiveSession::Options o;
    o.ports = {0, 0};
    o.dbDir = dir.path();
    o.settings.cache = true;
    o.redis = RedisAddress::parse(base.arg("wrongpass").arg(redis.port()), nullptr);
    QVERIFY(!session.start(o));
    QVERIFY2(session.errorString().contains(QLatin1String("AUTH")),
             qPrintable(session.errorString()));
    QVERIFY(!session.errorString().contains(QLatin1String("wrongpass")));
}

void TstRedisCache::fiftyOneKeyBothClusters_data()
{
    QTest::addColumn<bool>("cache");
    QTest::addRow("Redis cache: charged once") << true;
    QTest::addRow("no cache: charged more than once") << false;
}

void TstRedisCache::fiftyOneKeyBothClusters()
{
    QFETCH(bool, cache);
    const QByteArray key = cache ? "fifty-redis" : "fifty-nocache";
    // A DB round trip long enough that, without a shared claim, the two clusters both see
    // the key absent (replication is 60 s behind).
    Live live(
        settingsWith({{"cache", cache ? "on" : "off"},
                      {"cache-ms", "2"},
                      {"db-ms", "200"},
                      {"op-ms", "200"}}),
        0, [&](LiveSession::Options &o) { o.redis = RedisAddress::parse(m_redis.url(), nullptr); });
    QVector<std::pair<int, Call>> calls;
    for (int i = 0; i < 50; ++i)
        calls.append({i % 2, post(key)});
    const QVector<Answer> answers = live.sendTogether(calls);
    QList<int> statuses;
    for (const Answer &a : answers)
        statuses << a.status;
    const qint64 rows = live.ledger(0) + live.ledger(1);
    if (cache) {
        QCOMPARE(statuses.count(201), 1);
        QCOMPARE(rows, 1);
        QVERIFY2(statuses.count(409) + statuses.count(200) == 49, qPrintable(sorted(statuses)));
        QCOMPARE(cli(m_redis, {"EXISTS", "idemlab:" + QString::fromLatin1(key)}),
                 QStringLiteral("1"));
    } else {
        QVERIFY2(rows > 1, qPrintable(sorted(statuses)));
        QCOMPARE(rows, qint64(statuses.count(201)));
    }
}

void TstRedisCache::redisDownUnderLoad()
{
    RedisServer redis;
    QVERIFY2(redis.start(), qPrintable(redis.error()));
    QStringList lines;
    Live live(settingsWith({{"cache", "on"}, {"cache-ms", "0"}, {"op-ms", "20"}}), 0,
              [&](LiveSession::Options &o) {
                  o.redis = RedisAddress::parse(redis.url(), nullptr);
                  o.cacheLog = [&lines](const QString &line) { lines << line; };
              });
    QCOMPARE(live.send(0, post("before")).status, 201);

    redis.stop();
    QVector<std::pair<int, Call>> calls;
    for (int i = 0; i < 20; ++i)
        calls.append({i % 2, post("down-" + QByteArray::number(i))});
    const QVector<Answer> down = live.sendTogether(calls);
    for (const Answer &a : down)
        QCOMPARE(a.status, 503); // cacheFailure closed (the default)
    QCOMPARE(live.ledger(0) + live.ledger(1), 1);
    QVERIFY2(!lines.isEmpty() && lines[0].contains(QLatin1String("unreachable")),
             qPrintable(lines.join('\n')));

    QVERIFY2(redis.start(), qPrintable(redis.error()));
    // Back without restarting the clusters; a key tried while it was down is free now.
    QCOMPARE(live.send(1, post("down-3")).status, 201);
    QCOMPARE(live.send(0, post("down-3")).status, 200);
    QCOMPARE(live.ledger(0) + live.ledger(1), 2);
    QVERIFY2(lines.last().endsWith(QLatin1String("is back")), qPrintable(lines.join('\n')));
}

void TstRedisCache::serveRefusesABadUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("error");
    QTest::addRow("other scheme") << "rediss://h"
                                  << "scheme \"rediss\" is not redis";
    QTest::addRow("bad port") << "redis://:s3cret@h:70000"
                              << "port 70000 is out of range";
    QTest::addRow("word db") << "redis://h/x"
                             << "database \"x\"";
}

void TstRedisCache::serveRefusesABadUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, error);
    QProcess p;
    p.start(QStringLiteral(IDEMLAB_CLI),
            {QStringLiteral("serve"), QStringLiteral("--cache"), url, QStringLiteral("--port-a"),
             QStringLiteral("0"), QStringLiteral("--port-b"), QStringLiteral("0")});
    QVERIFY(p.waitForFinished(20'000));
    QVERIFY(p.exitCode() != 0);
    const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    QVERIFY2(err.contains(error), qPrintable(err));
    QVERIFY2(!err.contains(QLatin1String("s3cret")), qPrintable(err));
    QVERIFY2(err.split(QLatin1Char('\n')).size() <= 2, qPrintable(err));
}

QTEST_GUILESS_MAIN(TstRedisCache)
#include "tst_rediscache.moc"
