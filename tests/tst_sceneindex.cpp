// The scene at a moment, found from the nearest checkpoint or the moment before
// (SceneIndex), is the scene replayed from the start (sceneAt): for every preset, and for
// random scenarios long enough to need several checkpoints, at moments visited forward,
// backward and at random.

#include "presetrun.h"

#include "playback/sceneindex.h"
#include "playback/scenemessages.h"
#include "scenario/scenarioloader.h"

#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>

using namespace idem;

namespace {

QString ints(const QVector<int> &values)
{
    QStringList parts;
    for (const int v : values)
        parts.append(QString::number(v));
    return parts.join(QLatin1Char(','));
}

/// Every field of a SceneState, one line each, so two states compare line by line.
QStringList describe(const SceneState &s)
{
    QStringList out;
    out << QStringLiteral("t=%1 last=%2").arg(s.t).arg(s.lastEvent);
    for (int c = 0; c < 2; ++c) {
        for (const KeyRowView &k : s.keys[c])
            out << QStringLiteral("key%1 %2 %3 o%4 r%5 u%6 s=%7 g%8 m%9@%10")
                       .arg(c)
                       .arg(k.key, k.status)
                       .arg(k.origin)
                       .arg(k.replica)
                       .arg(k.updatedUs)
                       .arg(k.scope)
                       .arg(k.generation)
                       .arg(int(k.mark))
                       .arg(k.markUs);
        for (const KeyRowView &k : s.expired[c])
            out << QStringLiteral("expired%1 %2 %3 m%4@%5")
                       .arg(c)
                       .arg(k.key, k.status)
                       .arg(int(k.mark))
                       .arg(k.markUs);
        for (const LedgerRowView &l : s.ledger[c])
            out << QStringLiteral("ledger%1 %2 %3 o%4 %5→%6 %7 r%8 d%9")
                       .arg(c)
                       .arg(l.id, l.key)
                       .arg(l.origin)
                       .arg(l.fromAcct, l.toAcct)
                       .arg(l.amount)
                       .arg(l.replica)
                       .arg(l.duplicate);
        for (auto it = s.balances[c].cbegin(); it != s.balances[c].cend(); ++it)
            out << QStringLiteral("balance%1 %2 %3").arg(c).arg(it.key()).arg(it.value());
    }
    for (const CacheEntryView &e : s.cache)
        out << QStringLiteral("cache %1 %2 o%3 x%4")
                   .arg(e.key, e.status)
                   .arg(e.origin)
                   .arg(e.expiresUs);
    for (const LockView &l : s.locks)
        out << QStringLiteral("lock %1 %2 h%3 r%4 w%5")
                   .arg(l.cluster)
                   .arg(l.key)
                   .arg(l.holder)
                   .arg(l.holderRequest)
                   .arg(ints(l.waiters));
    for (const auto *list : {&s.servers, &s.clients})
        for (const NodeActivity &a : *list)
            out << QStringLiteral("activity %1 b%2 %3")
                       .arg(a.node)
                       .arg(a.busy)
                       .arg(a.tasks.join(QLatin1Char('|')));
    for (const MessageView &m : s.messages)
        out << QStringLiteral("message e%1 %2→%3 p%4 %5 %6 s%7 r%8 f%9 q%10")
                   .arg(m.event)
                   .arg(m.from)
                   .arg(m.to)
                   .arg(m.progress, 0, 'g', 17)
                   .arg(m.label, m.key)
                   .arg(m.status)
                   .arg(m.response)
                   .arg(m.falling)
                   .arg(m.request);
    out << QStringLiteral("down %1").arg(ints(s.downNodes));
    for (auto it = s.backUs.cbegin(); it != s.backUs.cend(); ++it)
        out << QStringLiteral("back %1 %2").arg(it.key()).arg(it.value());
    out << QStringLiteral("link cut%1 heal%2 queued%3")
               .arg(s.linkCut)
               .arg(s.linkHealUs)
               .arg(s.queuedRows);
    for (const VerdictMoment &v : s.verdicts)
        out << QStringLiteral("verdict %1 %2 t%3 %4 c%5 %6 %7")
                   .arg(v.type, v.key)
                   .arg(v.t)
                   .arg(v.holder)
                   .arg(v.holderCrashed)
                   .arg(v.client, v.owner);
    out << QStringLiteral("duplicates %1 / %2")
               .arg(s.duplicateKeys.join(QLatin1Char(',')),
                    s.duplicateLedgerIds.join(QLatin1Char(',')));
    return out;
}

/// The moments to look at: every event's time and the middle of each gap (at most `limit`
/// of them, picked at random), in the order `order` gives ("forward", "backward", "random").
QVector<qint64> moments(const RunResult &run, const QString &order, int limit,
                        QRandomGenerator &rng)
{
    QVector<qint64> times{0, run.endUs};
    for (int i = 0; i < run.events.size(); ++i) {
        times.append(run.events[i].t);
        if (i + 1 < run.events.size())
            times.append((run.events[i].t + run.events[i + 1].t) / 2);
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    if (times.size() > limit) {
        std::shuffle(times.begin(), times.end(), rng);
        times.resize(limit);
        std::sort(times.begin(), times.end());
    }
    if (order == QLatin1String("backward"))
        std::reverse(times.begin(), times.end());
    else if (order == QLatin1String("random"))
        std::shuffle(times.begin(), times.end(), rng);
    return times;
}

/// `scenario` with `extra` requests more from its clients, at random moments of its first
/// 3 s, on a few keys (so that they meet), a few without a key.
Scenario withRandomRequests(Scenario scenario, int extra, QRandomGenerator &rng)
{
    if (scenario.clients.isEmpty())
        scenario.clients.append({QStringLiteral("Client 1"), 0});
    for (int i = 0; i < extra; ++i) {
        RequestSpec r;
        r.id = QStringLiteral("X%1").arg(i + 1);
        r.client = int(rng.bounded(int(scenario.clients.size())));
        r.atUs = qint64(rng.bounded(3'000'000));
        if (rng.bounded(20) != 0)
            r.key = QStringLiteral("K%1").arg(rng.bounded(12) + 1);
        if (rng.bounded(4) == 0)
            r.cluster = int(rng.bounded(2));
        scenario.requests.append(r);
    }
    std::stable_sort(scenario.requests.begin(), scenario.requests.end(),
                     [](const RequestSpec &l, const RequestSpec &r) { return l.atUs < r.atUs; });
    scenario.settings.mutex = rng.bounded(2) != 0;
    scenario.settings.cache = rng.bounded(2) != 0;
    scenario.settings.seed = rng.generate();
    return scenario;
}

void compareEverywhere(const RunResult &run, const QString &order, int limit, QRandomGenerator &rng)
{
    SceneIndex index(run);
    for (const qint64 t : moments(run, order, limit, rng)) {
        const QStringList expected = describe(sceneAt(run, t));
        const QStringList actual = describe(index.at(t));
        if (actual != expected) {
            for (int i = 0; i < std::max(actual.size(), expected.size()); ++i)
                if (actual.value(i) != expected.value(i))
                    QFAIL(qPrintable(QStringLiteral("at t = %1 µs, line %2: %3 instead of %4")
                                         .arg(t)
                                         .arg(i)
                                         .arg(actual.value(i), expected.value(i))));
        }
    }
}

/// The events spanning `t` as the walk finds them: startUs ≤ t < endUs, in log order.
QVector<int> spanningByWalk(const RunResult &run, qint64 t)
{
    QVector<int> events;
    for (int i = 0; i < run.events.size(); ++i) {
        const Event &e = run.events[i];
        if (e.startUs >= 0 && e.endUs >= 0 && e.startUs <= t && e.endUs > t)
            events.append(i);
    }
    return events;
}

/// MessageIndex against the walk at every moment `moments` gives, and at each event's
/// start and end and the microsecond before (the edges of a span).
void compareSpans(const RunResult &run, QRandomGenerator &rng)
{
    const MessageIndex index(run);
    QVector<qint64> times = moments(run, QStringLiteral("random"), 100'000, rng);
    for (const Event &e : run.events)
        for (const qint64 edge : {e.startUs, e.endUs})
            if (edge >= 0)
                times << edge - 1 << edge;
    int spanned = 0;
    for (const qint64 t : std::as_const(times)) {
        const QVector<int> expected = spanningByWalk(run, t);
        spanned += expected.isEmpty() ? 0 : 1;
        const QVector<int> actual = index.spanning(t);
        if (actual != expected)
            QFAIL(qPrintable(QStringLiteral("at t = %1 µs: events %2 instead of %3")
                                 .arg(t)
                                 .arg(ints(actual), ints(expected))));
    }
    QVERIFY(spanned > 0);
}

} // namespace

class TestSceneIndex : public QObject
{
    Q_OBJECT

private slots:
    void presets_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("order");
        for (const QString &name : ScenarioLoader::presetNames())
            for (const char *order : {"forward", "backward", "random"})
                QTest::addRow("%s %s", qPrintable(name), order)
                    << name << QString::fromLatin1(order);
    }

    void presets()
    {
        QFETCH(QString, preset);
        QFETCH(QString, order);
        QRandomGenerator rng(7);
        compareEverywhere(runScenario(presetScenario(preset)), order, 100'000, rng);
    }

    // The messages in flight from MessageIndex are the ones the walk of the log finds.
    void messageIndex_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("extra");
        for (const QString &name : ScenarioLoader::presetNames()) {
            QTest::addRow("%s", qPrintable(name)) << name << 0;
            QTest::addRow("%s + 120 random requests", qPrintable(name)) << name << 120;
        }
    }

    void messageIndex()
    {
        QFETCH(QString, preset);
        QFETCH(int, extra);
        QRandomGenerator rng(11);
        const Scenario scenario = presetScenario(preset);
        compareSpans(runScenario(extra > 0 ? withRandomRequests(scenario, extra, rng) : scenario),
                     rng);
    }

    void messageIndexOfAnEmptyRun()
    {
        const RunResult run;
        QVERIFY(MessageIndex(run).spanning(0).isEmpty());
        QVERIFY(MessageIndex(run).spanning(1'000).isEmpty());
    }

    // The key rows found by key (SceneBuilder's index) end as the DBs hold them, with many
    // keys written, released, reaped and taken over.
    void randomScenariosEndAsTheDatabases_data() { randomScenarios_data(); }

    void randomScenariosEndAsTheDatabases()
    {
        QFETCH(QString, preset);
        QFETCH(quint32, seed);
        QRandomGenerator rng(seed + 100);
        const RunResult run = runScenario(withRandomRequests(presetScenario(preset), 120, rng));
        const SceneState s = SceneIndex(run).at(run.endUs);
        for (int c = 0; c < 2; ++c) {
            QStringList actual;
            for (const KeyRowView &k : s.keys[c])
                actual << QStringLiteral("%1 %2 %3 %4 g%5")
                              .arg(k.key, k.scope, k.status)
                              .arg(k.origin)
                              .arg(k.generation);
            QStringList expected;
            for (const KeyRow &k : run.keys[c])
                expected << QStringLiteral("%1 %2 %3 %4 g%5")
                                .arg(k.key, k.scope, k.status)
                                .arg(k.origin)
                                .arg(k.generation);
            actual.sort();
            expected.sort();
            QCOMPARE(actual, expected);
        }
    }

    // Each preset (its faults and settings) with 120 random requests more: a few thousand
    // events, several checkpoints.
    void randomScenarios_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<quint32>("seed");
        quint32 seed = 1;
        for (const QString &name : ScenarioLoader::presetNames())
            QTest::addRow("%s + 120 random requests", qPrintable(name)) << name << seed++;
    }

    void randomScenarios()
    {
        QFETCH(QString, preset);
        QFETCH(quint32, seed);
        QRandomGenerator rng(seed);
        const RunResult run = runScenario(withRandomRequests(presetScenario(preset), 120, rng));
        QVERIFY2(run.events.size() > 2 * SceneIndex::minSpacing,
                 qPrintable(QString::number(run.events.size())));
        QVERIFY(SceneIndex(run).checkpointEvery() < run.events.size());
        for (const char *order : {"forward", "random"})
            compareEverywhere(run, QString::fromLatin1(order), 300, rng);
    }
};

QTEST_GUILESS_MAIN(TestSceneIndex)
#include "tst_sceneindex.moc"
