// The why beside the what: each key event of a preset's run explains why it matters, in
// words that follow the run's settings, and the explanation travels into the exports.

#include "presetrun.h"

#include "export/timelineexporter.h"
#include "report/whytext.h"
#include "scenario/scenarioloader.h"
#include "timeline/timelinereader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace idem;

namespace {

/// The first event of `type` whose label starts with `label` and whose state is `state`
/// ("*": any state), or nullptr.
const Event *firstEvent(const RunResult &run, EventType type, const QString &label,
                        const QString &state)
{
    for (const Event &e : run.events)
        if (e.type == type && (label.isEmpty() || e.label.startsWith(label)) &&
            (state == QLatin1String("*") || e.state == state))
            return &e;
    return nullptr;
}

} // namespace

class TstWhyText : public QObject
{
    Q_OBJECT

private slots:
    void keyEvent_data();
    void keyEvent();
    void everyPresetExplainsItsKeyMoments_data();
    void everyPresetExplainsItsKeyMoments();
    void messagesOnTheirWayNeedNoWhy();
    void timelineJsonCarriesTheWhy();
    void keyEventsListsEveryExplainedEvent();
};

void TstWhyText::keyEvent_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QStringList>("settings");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QStringList>("words"); ///< every one is in the why

    const auto type = [](EventType t) { return int(t); };
    QTest::addRow("400 without a key")
        << "missing-key" << QStringList{} << type(EventType::Validate) << ""
        << "*" << QStringList{"cannot tell a retry from a new payment", "second charge"};
    // The cache's why names the cache's and replication's own numbers, whatever they are.
    QTest::addRow("cache claim, the preset's timing")
        << "parallel-two-clusters" << QStringList{"cache=on"} << type(EventType::CacheOp)
        << "SET NX"
        << "CREATED" << QStringList{"5 ms", "60 s", "replication lag"};
    QTest::addRow("cache claim, other timing")
        << "parallel-two-clusters" << QStringList{"cache=on", "cacheMs=12", "lagMs=2000"}
        << type(EventType::CacheOp) << "SET NX"
        << "CREATED" << QStringList{"12 ms", "2 s"};
    QTest::addRow("cache claim, no replication")
        << "parallel-two-clusters" << QStringList{"cache=on", "replication=off"}
        << type(EventType::CacheOp) << "SET NX"
        << "CREATED" << QStringList{"never arrives"};
    QTest::addRow("409: still running")
        << "parallel-same-cluster" << QStringList{"mutex=on"} << type(EventType::Respond) << ""
        << "*" << QStringList{"still running", "Retry-After"};
    QTest::addRow("client after 409")
        << "parallel-same-cluster" << QStringList{"mutex=on"} << type(EventType::Receive) << "409"
        << "*" << QStringList{"Retry-After", "same key"};
    QTest::addRow("takeover: the lease ran out")
        << "12" << QStringList{} << type(EventType::DbWrite) << "TAKEOVER"
        << "*" << QStringList{"lease (1.5 s) ran out", "higher generation"};
    QTest::addRow("fenced write") << "13" << QStringList{} << type(EventType::DbWrite) << "FENCED"
                                  << "*" << QStringList{"stale generation"};
    QTest::addRow("reap") << "14" << QStringList{} << type(EventType::DbWrite) << "REAP"
                          << "*" << QStringList{"after 10 s", "new payment"};
    QTest::addRow("crash without a lease")
        << "11" << QStringList{} << type(EventType::Fault) << "CRASH"
        << "*" << QStringList{"no lease", "every retry gets 409"};
    QTest::addRow("crash with a lease")
        << "11" << QStringList{"leaseMs=1500"} << type(EventType::Fault) << "CRASH"
        << "*" << QStringList{"until the lease (1.5 s)"};
    QTest::addRow("cache down, fail closed")
        << "15" << QStringList{} << type(EventType::CacheOp) << "NO ANSWER"
        << "*" << QStringList{"fail closed"};
    QTest::addRow("cache down, fail open")
        << "15" << QStringList{"cacheFailure=open"} << type(EventType::CacheOp) << "NO ANSWER"
        << "*" << QStringList{"fail open", "blind"};
    QTest::addRow("failed charge stored")
        << "16" << QStringList{} << type(EventType::Fault) << "FAIL"
        << "*" << QStringList{"stored result", "same answer"};
    QTest::addRow("failed charge released")
        << "16" << QStringList{"errorPolicy=release"} << type(EventType::Fault) << "FAIL"
        << "*" << QStringList{"released", "runs the payment again"};
    QTest::addRow("lost answer") << "lost-response" << QStringList{} << type(EventType::Fault)
                                 << "201"
                                 << "*" << QStringList{"answer is lost", "same key"};
    QTest::addRow("replay") << "lost-response" << QStringList{} << type(EventType::Respond) << ""
                            << "REPLAYED:Client 1" << QStringList{"makes a retry safe"};
    QTest::addRow("duplicate effect")
        << "parallel-two-clusters" << QStringList{} << type(EventType::Anomaly) << "DUPLICATE"
        << "*" << QStringList{"paid more than once"};
    QTest::addRow("unguarded write")
        << "parallel-same-cluster" << QStringList{} << type(EventType::DbWrite) << "UPSERT"
        << "*" << QStringList{"No guard", "both charge"};
}

void TstWhyText::keyEvent()
{
    QFETCH(QString, preset);
    QFETCH(QStringList, settings);
    QFETCH(int, type);
    QFETCH(QString, label);
    QFETCH(QString, state);
    QFETCH(QStringList, words);

    const RunResult run = runPresetWith(preset, settings);
    const Event *e = firstEvent(run, EventType(type), label, state);
    QVERIFY2(
        e,
        qPrintable(
            QStringLiteral("no %1 event labelled %2").arg(eventTypeName(EventType(type)), label)));
    const QString why = whyOf(run, *e);
    for (const QString &word : words)
        QVERIFY2(why.contains(word),
                 qPrintable(QStringLiteral("\"%1\" lacks \"%2\"").arg(why, word)));
}

void TstWhyText::everyPresetExplainsItsKeyMoments_data()
{
    QTest::addColumn<QString>("preset");
    for (const QString &name : ScenarioLoader::presetNames())
        QTest::newRow(qPrintable(name)) << name;
}

// Every run has some whys, each one short plain sentence on one line.
void TstWhyText::everyPresetExplainsItsKeyMoments()
{
    QFETCH(QString, preset);
    const RunResult run = runScenario(presetScenario(preset));
    int explained = 0;
    for (const Event &e : run.events) {
        const QString why = whyOf(run, e);
        if (why.isEmpty())
            continue;
        ++explained;
        QVERIFY2(why.size() <= 200, qPrintable(why));
        QVERIFY2(!why.contains(QLatin1Char('\n')), qPrintable(why));
        QVERIFY2(why.endsWith(QLatin1Char('.')), qPrintable(why));
        QVERIFY2(why.at(0).isUpper(), qPrintable(why));
    }
    QVERIFY(explained >= 3);
    QVERIFY(explained < run.events.size()); // the why is for key events, not every step
}

void TstWhyText::messagesOnTheirWayNeedNoWhy()
{
    const RunResult run = runScenario(presetScenario(QStringLiteral("single-request")));
    for (const Event &e : run.events) {
        if (e.type == EventType::Deliver || e.type == EventType::OpStart ||
            e.type == EventType::OpEnd)
            QCOMPARE(whyOf(run, e), QString());
        // A POST forwarded by the router is the same message: the client's send says why.
        if (e.type == EventType::Send && e.from >= 0 && run.nodes[e.from].kind == NodeKind::Router)
            QCOMPARE(whyOf(run, e), QString());
    }
}

void TstWhyText::timelineJsonCarriesTheWhy()
{
    const RunResult run = runScenario(presetScenario(QStringLiteral("11")));
    const QByteArray json = TimelineExporter::render(run, {});
    const QJsonArray events = QJsonDocument::fromJson(json).object().value("events").toArray();
    QCOMPARE(events.size(), run.events.size());
    for (int i = 0; i < events.size(); ++i)
        QCOMPARE(events[i].toObject().value("why").toString(), whyOf(run, run.events[i]));
    // Read back, the run explains itself the same way.
    const TimelineLoad back = TimelineReader::fromJson(json, QStringLiteral("run.json"));
    QVERIFY2(back.run, qPrintable(back.error));
    for (int i = 0; i < run.events.size(); ++i)
        QCOMPARE(whyOf(*back.run, back.run->events[i]), whyOf(run, run.events[i]));
}

void TstWhyText::keyEventsListsEveryExplainedEvent()
{
    const RunResult run = runScenario(presetScenario(QStringLiteral("12")));
    const QJsonArray list = keyEventsJson(run);
    QStringList expected;
    for (const Event &e : run.events)
        if (!whyOf(run, e).isEmpty())
            expected << QString::number(e.seq);
    QStringList listed;
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        listed << QString::number(o.value("seq").toInteger());
        QVERIFY(!o.value("caption").toString().isEmpty());
        QVERIFY(!o.value("why").toString().isEmpty());
    }
    QCOMPARE(listed, expected);
}

QTEST_GUILESS_MAIN(TstWhyText)
#include "tst_whytext.moc"
