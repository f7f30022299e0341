// A large run's verdict stays one readable line: each kind of anomaly names its worst few
// keys and counts the rest, in the CLI report, the status line and the banner alike, while
// the JSON keeps every anomaly.

#include "scenetext.h"

#include "model/runresult.h"
#include "report/textreport.h"

#include <QJsonArray>
#include <QtTest>

using namespace idem;

namespace {

/// `n` anomalies of `type` on keys K1…Kn; key K`worst` (1-based, 0 for none) the worst.
QVector<Anomaly> anomalies(const QString &type, int n, int worst)
{
    QVector<Anomaly> list;
    for (int i = 1; i <= n; ++i) {
        Anomaly a{type, QStringLiteral("K%1").arg(i), 1, {}};
        if (type == QLatin1String("DUPLICATE_EFFECT")) {
            a.count = i == worst ? 9 : 2;
            for (int r = 1; r <= a.count; ++r)
                a.ledgerIds.append(QStringLiteral("A-%1.%2").arg(i).arg(r));
        } else if (i == worst) {
            a.count = 4;
        }
        list.append(a);
    }
    return list;
}

/// The scene at the end of a run with `n` keys charged twice (K`worst` nine times), for the
/// banner.
SceneState duplicateScene(int n, int worst)
{
    SceneState s;
    for (int i = 1; i <= n; ++i) {
        const QString key = QStringLiteral("K%1").arg(i);
        s.duplicateKeys.append(key);
        for (int r = 1; r <= (i == worst ? 9 : 2); ++r) {
            const QString id = QStringLiteral("A-%1.%2").arg(i).arg(r);
            s.ledger[0].append(
                {id, key, 0, QStringLiteral("alice"), QStringLiteral("bob"), 10, false, true});
            s.ledger[1].append({id, key, 0, QStringLiteral("alice"), QStringLiteral("bob"), 10,
                                true, true}); // its replica is not counted again
        }
    }
    return s;
}

} // namespace

class TestVerdictSummary : public QObject
{
    Q_OBJECT

private slots:
    void summary_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("worst");
        QTest::addColumn<QString>("expected");

        QTest::addRow("one duplicate")
            << "DUPLICATE_EFFECT" << 1 << 0
            << "DUPLICATE EFFECT: key K1 charged 2 times (ledger A-1.1, A-1.2)";
        QTest::addRow("as many duplicates as the limit, worst first")
            << "DUPLICATE_EFFECT" << Verdict::namedLimit << 2
            << "DUPLICATE EFFECT: key K2 charged 9 times (ledger A-2.1, A-2.2, A-2.3, A-2.4, "
               "A-2.5, A-2.6 and 3 more); key K1 charged 2 times (ledger A-1.1, A-1.2); key K3 "
               "charged 2 times (ledger A-3.1, A-3.2)";
        QTest::addRow("1,000 duplicates")
            << "DUPLICATE_EFFECT" << 1000 << 500
            << "DUPLICATE EFFECT: 1,000 keys charged more than once, the worst: key K500 "
               "charged 9 times (ledger A-500.1, A-500.2, A-500.3, A-500.4, A-500.5, A-500.6 "
               "and 3 more); key K1 charged 2 times (ledger A-1.1, A-1.2); key K2 charged 2 "
               "times (ledger A-2.1, A-2.2); and 997 more";
        QTest::addRow("one stuck key")
            << "STUCK_KEY" << 1 << 0
            << "STUCK KEY: key K1 left CREATED with no holder and no lease to free it";
        QTest::addRow("1,000 stuck keys")
            << "STUCK_KEY" << 1000 << 0
            << "STUCK KEY: 1,000 keys left stuck, the first: key K1 left CREATED with no holder "
               "and no lease to free it; key K2 left CREATED with no holder and no lease to "
               "free it; key K3 left CREATED with no holder and no lease to free it; and 997 "
               "more";
        QTest::addRow("as many collisions as the limit")
            << "KEY_COLLISION" << Verdict::namedLimit << 3
            << "KEY COLLISION: key K3 answered a client with another client's payment 4 times; "
               "key K1 answered a client with another client's payment once; key K2 answered "
               "a client with another client's payment once";
        QTest::addRow("1,000 collisions")
            << "KEY_COLLISION" << 1000 << 1000
            << "KEY COLLISION: 1,000 keys answered with another client's payment, the worst: "
               "key K1000 answered a client with another client's payment 4 times; key K1 "
               "answered a client with another client's payment once; key K2 answered a "
               "client with another client's payment once; and 997 more";
    }

    void summary()
    {
        QFETCH(QString, type);
        QFETCH(int, count);
        QFETCH(int, worst);
        QFETCH(QString, expected);
        Verdict v;
        v.anomalies = anomalies(type, count, worst);
        QCOMPARE(v.summary(), expected);
        // The JSON keeps every anomaly, in the verdict's order.
        const QJsonArray list = v.toJson().value(QLatin1String("anomalies")).toArray();
        QCOMPARE(list.size(), count);
        QCOMPARE(list.last().toObject().value(QLatin1String("key")).toString(),
                 QStringLiteral("K%1").arg(count));
    }

    // Several kinds: one clause each, in the order the verdict found them.
    void severalKinds()
    {
        Verdict v;
        v.anomalies = anomalies(QStringLiteral("STUCK_KEY"), 1000, 0) +
                      anomalies(QStringLiteral("DUPLICATE_EFFECT"), 1000, 7);
        const QString line = v.summary();
        QVERIFY2(line.startsWith(QLatin1String("STUCK KEY: 1,000 keys left stuck")),
                 qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral(" · DUPLICATE EFFECT: 1,000 keys charged more than "
                                              "once, the worst: key K7 charged 9 times")),
                 qPrintable(line));
        QVERIFY2(line.size() < 700, qPrintable(line));
    }

    // The CLI report's verdict line and its list of stuck keys say it the same way.
    void report()
    {
        RunResult run;
        run.verdict.anomalies = anomalies(QStringLiteral("DUPLICATE_EFFECT"), 1000, 3);
        for (int i = 1; i <= 1000; ++i)
            run.verdict.stuckKeys.append(QStringLiteral("S%1").arg(i));
        const QString text = TextReport::render(run);
        QVERIFY(
            text.contains(QStringLiteral("Verdict: ") + run.verdict.summary() + QLatin1Char('\n')));
        QVERIFY(text.contains(
            QLatin1String("Keys left CREATED: S1, S2, S3, S4, S5, S6 and 994 more\n")));
        for (const QString &line : text.split(QLatin1Char('\n')))
            QVERIFY2(line.size() < 400, qPrintable(line.left(200)));
    }

    void banner_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("worst");
        QTest::addColumn<QString>("expected");
        QTest::addRow("one") << 1 << 0
                             << "DUPLICATE EFFECT — key K1 charged 2 times (ledger A-1.1, A-1.2)";
        QTest::addRow("limit")
            << Verdict::namedLimit << 3
            << "DUPLICATE EFFECT — key K3 charged 9 times (ledger A-3.1, A-3.2, A-3.3, A-3.4, "
               "A-3.5, A-3.6 and 3 more); key K1 charged 2 times (ledger A-1.1, A-1.2); key K2 "
               "charged 2 times (ledger A-2.1, A-2.2)";
        QTest::addRow("1,000")
            << 1000 << 999
            << "DUPLICATE EFFECT — 1,000 keys charged more than once, the worst: key K999 "
               "charged 9 times (ledger A-999.1, A-999.2, A-999.3, A-999.4, A-999.5, A-999.6 "
               "and 3 more); key K1 charged 2 times (ledger A-1.1, A-1.2); key K2 charged 2 "
               "times (ledger A-2.1, A-2.2); and 997 more";
    }

    void banner()
    {
        QFETCH(int, count);
        QFETCH(int, worst);
        QFETCH(QString, expected);
        const SceneState s = duplicateScene(count, worst);
        QCOMPARE(SceneText(nullptr, s, 0).anomaly(), expected);
    }

    void bannerStuckKeys()
    {
        SceneState s;
        for (int i = 1; i <= 1000; ++i)
            s.verdicts.append(
                {QStringLiteral("STUCK_KEY"), QStringLiteral("K%1").arg(i), i, {}, false, {}, {}});
        QCOMPARE(SceneText(nullptr, s, 0).anomaly(),
                 QStringLiteral("STUCK KEY — 1,000 keys left stuck, the first: K1 is left "
                                "CREATED and nothing will finish it; every retry gets 409; K2 "
                                "is left CREATED and nothing will finish it; every retry gets "
                                "409; K3 is left CREATED and nothing will finish it; every "
                                "retry gets 409; and 997 more"));
    }
};

QTEST_GUILESS_MAIN(TestVerdictSummary)
#include "tst_verdictsummary.moc"
