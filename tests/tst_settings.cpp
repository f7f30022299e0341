#include "model/settings.h"
#include "scenario/overrideoptions.h"

#include <QtTest>

using namespace idem;

class TstSettings : public QObject
{
    Q_OBJECT

private slots:
    void defaultsMatchTheDesign();
    void override_data();
    void override();
    void badOverride_data();
    void badOverride();
    void jsonRoundTrip();
    void badJson_data();
    void badJson();
    void parserAppliesOverrides();
};

void TstSettings::defaultsMatchTheDesign()
{
    const Settings s;
    QCOMPARE(s.delayUs, 20'000);
    QCOMPARE(s.routerUs, 1'000);
    QCOMPARE(s.dbUs, 2'000);
    QCOMPARE(s.cacheUs, 5'000);
    QCOMPARE(s.opUs, 300'000);
    QCOMPARE(s.lagUs, 60'000'000);
    QCOMPARE(s.timeoutUs, 1'000'000);
    QCOMPARE(s.retries, 0);
    QCOMPARE(s.serversPerCluster, 2);
    QVERIFY(!s.mutex);
    QVERIFY(!s.cache);
    // The protocol variants of DESIGN.md: off or the textbook answer, so presets 1-10 hold.
    QCOMPARE(s.leaseUs, 0);
    QVERIFY(!s.atomic);
    QCOMPARE(s.keyTtlUs, 86'400'000'000);
    QCOMPARE(s.errorPolicy, ErrorPolicy::Store);
    QCOMPARE(s.cacheFailure, CacheFailure::Closed);
    QCOMPARE(s.keyScope, KeyScope::Global);
    QVERIFY(!s.retryErrors);
}

void TstSettings::override_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("json");
    QTest::addColumn<QJsonValue>("expected");
    QTest::addRow("mutex on") << "mutex"
                              << "on"
                              << "mutex" << QJsonValue(true);
    QTest::addRow("cache off") << "cache"
                               << "off"
                               << "cache" << QJsonValue(false);
    QTest::addRow("delay") << "delay-ms"
                           << "40"
                           << "delayMs" << QJsonValue(40);
    QTest::addRow("fractional ms") << "db-ms"
                                   << "0.5"
                                   << "dbMs" << QJsonValue(0.5);
    QTest::addRow("lag") << "lag-ms"
                         << "5000"
                         << "lagMs" << QJsonValue(5000);
    QTest::addRow("retries") << "retries"
                             << "3"
                             << "retries" << QJsonValue(3);
    QTest::addRow("loss") << "loss"
                          << "0.25"
                          << "loss" << QJsonValue(0.25);
    QTest::addRow("replay") << "replay"
                            << "original"
                            << "replay" << QJsonValue("original");
    QTest::addRow("seed") << "seed"
                          << "42"
                          << "seed" << QJsonValue(42);
    QTest::addRow("lease") << "lease-ms"
                           << "1500"
                           << "leaseMs" << QJsonValue(1500);
    QTest::addRow("atomic") << "atomic"
                            << "on"
                            << "atomic" << QJsonValue(true);
    QTest::addRow("key ttl") << "key-ttl-ms"
                             << "10000"
                             << "keyTtlMs" << QJsonValue(10000);
    QTest::addRow("error policy") << "error-policy"
                                  << "release"
                                  << "errorPolicy" << QJsonValue("release");
    QTest::addRow("cache failure") << "cache-failure"
                                   << "open"
                                   << "cacheFailure" << QJsonValue("open");
    QTest::addRow("key scope") << "key-scope"
                               << "client"
                               << "keyScope" << QJsonValue("client");
    QTest::addRow("retry errors") << "retry-errors"
                                  << "on"
                                  << "retryErrors" << QJsonValue(true);
}

void TstSettings::override()
{
    QFETCH(QString, flag);
    QFETCH(QString, value);
    QFETCH(QString, json);
    QFETCH(QJsonValue, expected);
    Settings s;
    const auto error = s.setFromOverride(flag, value);
    QVERIFY2(!error, qPrintable(error.value_or(QString())));
    QCOMPARE(s.toJson().value(json), expected);
}

void TstSettings::badOverride_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("error");
    QTest::addRow("toggle") << "mutex"
                            << "maybe"
                            << "--mutex takes on or off, got \"maybe\"";
    QTest::addRow("negative") << "delay-ms"
                              << "-5"
                              << "--delay-ms must be between 0 and 3600000 ms, got -5";
    QTest::addRow("absurd") << "lag-ms"
                            << "1e12"
                            << "--lag-ms must be between 0 and 86400000 ms, got 1e12";
    QTest::addRow("not a number") << "op-ms"
                                  << "slow"
                                  << "--op-ms takes N, got \"slow\"";
    QTest::addRow("fraction of a retry")
        << "retries"
        << "1.5"
        << "--retries must be a whole number from 0 to 10, got 1.5";
    QTest::addRow("probability") << "loss"
                                 << "2"
                                 << "--loss must be a probability from 0 to 1, got 2";
    QTest::addRow("replay") << "replay"
                            << "never"
                            << "--replay must be \"seed\" or \"original\", got \"never\"";
    QTest::addRow("unknown") << "speed"
                             << "3"
                             << "unknown override --speed";
    QTest::addRow("lease") << "lease-ms"
                           << "-1"
                           << "--lease-ms must be between 0 and 86400000 ms, got -1";
    QTest::addRow("atomic") << "atomic"
                            << "yes"
                            << "--atomic takes on or off, got \"yes\"";
    QTest::addRow("key ttl") << "key-ttl-ms"
                             << "0"
                             << "--key-ttl-ms must be between 1 and 2592000000 ms, got 0";
    QTest::addRow("error policy")
        << "error-policy"
        << "retry"
        << "--error-policy must be \"store\" or \"release\", got \"retry\"";
    QTest::addRow("cache failure")
        << "cache-failure"
        << "half"
        << "--cache-failure must be \"closed\" or \"open\", got \"half\"";
    QTest::addRow("key scope") << "key-scope"
                               << "user"
                               << "--key-scope must be \"global\" or \"client\", got \"user\"";
    QTest::addRow("retry errors") << "retry-errors"
                                  << "2"
                                  << "--retry-errors takes on or off, got \"2\"";
    QTest::addRow("zero timeout") << "timeout-ms"
                                  << "0"
                                  << "--timeout-ms must be between 1 and 86400000 ms, got 0";
}

void TstSettings::badOverride()
{
    QFETCH(QString, flag);
    QFETCH(QString, value);
    QFETCH(QString, error);
    Settings s;
    const Settings before = s;
    QCOMPARE(s.setFromOverride(flag, value).value_or(QString()), error);
    QVERIFY(s == before);
}

void TstSettings::jsonRoundTrip()
{
    Settings s;
    s.mutex = true;
    s.delayUs = 12'345;
    s.loss = 0.125;
    s.replay = ReplayMode::Original;
    s.seed = 99;
    s.leaseUs = 1'500'000;
    s.atomic = true;
    s.keyTtlUs = 10'000'000;
    s.errorPolicy = ErrorPolicy::Release;
    s.cacheFailure = CacheFailure::Open;
    s.keyScope = KeyScope::Client;
    s.retryErrors = true;
    const QJsonObject json = s.toJson();
    Settings t;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const auto error = t.setFromJson(it.key(), it.value());
        QVERIFY2(!error, qPrintable(error.value_or(QString())));
    }
    QVERIFY(s == t);
    QCOMPARE(t.delayUs, 12'345);
}

void TstSettings::badJson_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("error");
    QTest::addRow("wrong type") << "mutex" << QJsonValue("yes")
                                << "settings.mutex must be true or false";
    QTest::addRow("string number")
        << "delayMs" << QJsonValue("20") << "settings.delayMs must be a number";
    QTest::addRow("unknown") << "turbo" << QJsonValue(true) << "unknown setting \"turbo\"";
    QTest::addRow("choice as a number")
        << "keyScope" << QJsonValue(1) << "settings.keyScope must be \"global\" or \"client\"";
    QTest::addRow("servers") << "serversPerCluster" << QJsonValue(9)
                             << "settings.serversPerCluster must be a whole number from 1 to 8, "
                                "got 9";
}

void TstSettings::badJson()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, error);
    Settings s;
    QCOMPARE(s.setFromJson(field, value).value_or(QString()), error);
}

void TstSettings::parserAppliesOverrides()
{
    QCommandLineParser parser;
    OverrideOptions::addTo(parser);
    QVERIFY(parser.parse({"x", "--mutex", "on", "--delay-ms", "45"}));
    Settings s;
    QVERIFY(!OverrideOptions::apply(parser, s));
    QVERIFY(s.mutex);
    QCOMPARE(s.delayUs, 45'000);

    QCommandLineParser twice;
    OverrideOptions::addTo(twice);
    QVERIFY(twice.parse({"x", "--seed", "1", "--seed", "2"}));
    QCOMPARE(OverrideOptions::apply(twice, s).value_or(QString()),
             QStringLiteral("--seed given 2 times; give it once"));
}

QTEST_GUILESS_MAIN(TstSettings)
#include "tst_settings.moc"
