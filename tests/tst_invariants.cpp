// 300 seeded random scenarios through the engine, checking what must hold whatever the
// timing and whatever the faults: the guards work, the verdict matches the databases,
// every attempt ends once.
#include "sim/prng.h"
#include "sim/simulation.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace idem;

namespace {

constexpr int scenarioCount = 300;

struct Shape
{
    bool singleCluster = false;
    qint64 longestOpUs = 0; ///< the business operation plus its slowest round trips
};

// The protocol variants and faults of DESIGN.md Part 2, drawn from a stream of their own so
// the rest of each scenario is what it was before they existed.
void addProtocolAndFaults(quint64 seed, Scenario &s)
{
    Prng rng(seed * 104729 + 3);
    Settings &st = s.settings;
    const double leaseDraw = rng.uniform();
    // A third never take over, a third take over too soon, a third only after a crash.
    st.leaseUs = leaseDraw < 0.34 ? 0
                 : leaseDraw < 0.67
                     ? (1 + rng.upTo(400)) * 1000
                     : st.opUs + 20 * (st.dbUs + st.cacheUs + st.jitterUs) + 1'000'000;
    st.atomic = rng.uniform() < 0.5;
    st.keyTtlUs = rng.uniform() < 0.2 ? (1 + rng.upTo(3'000)) * 1000 : st.keyTtlUs;
    st.errorPolicy = rng.uniform() < 0.5 ? ErrorPolicy::Store : ErrorPolicy::Release;
    st.cacheFailure = rng.uniform() < 0.5 ? CacheFailure::Closed : CacheFailure::Open;
    st.keyScope = rng.uniform() < 0.3 ? KeyScope::Client : KeyScope::Global;
    st.retryErrors = rng.uniform() < 0.4;

    const int faults = int(rng.upTo(3));
    for (int i = 0; i < faults; ++i) {
        FaultSpec f;
        const RequestSpec &r = s.requests[int(rng.upTo(s.requests.size() - 1))];
        f.request = r.id;
        f.attempt = 1 + int(rng.upTo(1));
        const double kind = rng.uniform();
        if (kind < 0.45) {
            f.kind = FaultKind::Crash;
            f.server = QStringLiteral("server-%1%2")
                           .arg(rng.uniform() < 0.5 ? QLatin1Char('a') : QLatin1Char('b'))
                           .arg(1 + rng.upTo(st.serversPerCluster - 1));
            f.step = FaultStep(rng.upTo(3));
            f.downUs = (1 + rng.upTo(3'000)) * 1000;
        } else if (kind < 0.6) {
            f.kind = FaultKind::CacheDown;
            f.fromUs = rng.upTo(1'000) * 1000;
            f.untilUs = f.fromUs + (1 + rng.upTo(2'000)) * 1000;
        } else if (kind < 0.72) {
            f.kind = FaultKind::Partition;
            f.fromUs = rng.upTo(2'000) * 1000;
            f.untilUs = f.fromUs + (1 + rng.upTo(20'000)) * 1000;
        } else if (kind < 0.8) {
            f.kind = FaultKind::Duplicate;
            f.message = rng.uniform() < 0.5 ? FaultMessage::Request : FaultMessage::Response;
        } else if (kind < 0.86) {
            // One replication message lost or doubled: the n-th a cluster sends.
            f.kind = rng.uniform() < 0.5 ? FaultKind::DropReplica : FaultKind::DuplicateReplica;
            f.request.clear();
            f.cluster = int(rng.upTo(1));
            f.nth = 1 + int(rng.upTo(5));
        } else {
            f.kind = FaultKind::Fail;
            f.status = rng.uniform() < 0.5 ? 502 : 504;
        }
        s.faults.append(f);
    }
}

// The safe design of issue 11: then no key is charged twice, whatever crashes happen.
bool safeDesign(const Scenario &s, const Shape &shape, qint64 runUs)
{
    const Settings &st = s.settings;
    return st.cache && st.cacheFailure == CacheFailure::Closed && st.atomic &&
           (st.leaseUs == 0 || st.leaseUs > shape.longestOpUs) && st.keyTtlUs > runUs &&
           st.cacheTtlUs > runUs;
}

// A key as the verdict names it: under keyScope client, "K1 (Client 2)".
QString scopedName(const QString &label, const QString &scope)
{
    return scope.isEmpty() ? label : label + QStringLiteral(" (") + scope + QLatin1Char(')');
}

Scenario randomScenario(quint64 seed, Shape *shape)
{
    Prng rng(seed * 7919 + 17);
    Scenario s;
    s.name = QStringLiteral("random-%1").arg(seed);
    s.title = s.name;
    s.description = QStringLiteral("generated");
    Settings &st = s.settings;
    st.seed = seed;
    st.mutex = rng.uniform() < 0.5;
    st.cache = rng.uniform() < 0.5;
    st.serversPerCluster = 1 + int(rng.upTo(2));
    st.delayUs = rng.upTo(60) * 1000;
    st.routerUs = rng.upTo(3) * 1000;
    st.dbUs = (1 + rng.upTo(5)) * 1000;
    st.cacheUs = (1 + rng.upTo(8)) * 1000;
    st.opUs = rng.upTo(500) * 1000;
    st.lagUs = rng.upTo(10'000) * 1000;
    st.timeoutUs = (100 + rng.upTo(1900)) * 1000;
    st.retries = int(rng.upTo(2));
    st.backoffUs = rng.upTo(200) * 1000;
    st.jitterUs = rng.upTo(30) * 1000;
    st.loss = rng.uniform() < 0.3 ? rng.uniform() * 0.2 : 0.0;
    st.replay = rng.uniform() < 0.5 ? ReplayMode::Seed : ReplayMode::Original;

    shape->singleCluster = rng.uniform() < 0.35;
    const int clients = 1 + int(rng.upTo(3));
    for (int c = 0; c < clients; ++c)
        s.clients.append({QStringLiteral("Client %1").arg(c + 1), int(rng.upTo(1))});
    const int requests = 1 + int(rng.upTo(11));
    qint64 t = 0;
    for (int i = 0; i < requests; ++i) {
        RequestSpec r;
        r.id = QStringLiteral("R%1").arg(i + 1);
        r.client = int(rng.upTo(clients - 1));
        // Bunch requests up now and then: races need them close together.
        if (rng.uniform() < 0.6)
            t += rng.upTo(rng.uniform() < 0.5 ? 3'000 : 600'000);
        r.atUs = t;
        if (rng.uniform() < 0.92)
            r.key = QStringLiteral("K%1").arg(1 + rng.upTo(3));
        r.body.amount = rng.uniform() < 0.1 ? 20 : 10;
        if (shape->singleCluster)
            r.cluster = 0;
        else if (rng.uniform() < 0.4)
            r.cluster = int(rng.upTo(1));
        s.requests.append(r);
        if (rng.uniform() < 0.1)
            s.drops.append(
                {r.id, 1, rng.uniform() < 0.5 ? DropPoint::Request : DropPoint::Response});
    }
    addProtocolAndFaults(seed, s);
    shape->longestOpUs = st.opUs + 20 * (st.dbUs + st.cacheUs + st.jitterUs);
    return s;
}

/// Distinct ledger ids per (scope, stored key), read straight from both files.
QMap<QPair<QString, QString>, QSet<QString>> recount(const QString &dir)
{
    QMap<QPair<QString, QString>, QSet<QString>> ids;
    for (const char *file : {"cluster-a.sqlite", "cluster-b.sqlite"}) {
        const QString name = QStringLiteral("tst-invariants-read");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(QDir(dir).filePath(QLatin1String(file)));
            if (!db.open())
                qFatal("cannot open %s", file);
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT scope, key, id FROM ledger"));
            while (q.next())
                ids[{q.value(0).toString(), q.value(1).toString()}].insert(q.value(2).toString());
        }
        QSqlDatabase::removeDatabase(name);
    }
    return ids;
}

} // namespace

class TstInvariants : public QObject
{
    Q_OBJECT

private slots:
    void randomScenarios_data();
    void randomScenarios();
    void generatorFindsRaces();

private:
    QTemporaryDir m_dir;
    int m_duplicateRuns = 0;
    int m_safeCrashRuns = 0; ///< runs of the safe design in which a server crashed
};

void TstInvariants::randomScenarios_data()
{
    QTest::addColumn<quint64>("seed");
    for (quint64 seed = 1; seed <= scenarioCount; ++seed)
        QTest::addRow("seed %llu", seed) << seed;
}

void TstInvariants::randomScenarios()
{
    QFETCH(quint64, seed);
    Shape shape;
    const Scenario s = randomScenario(seed, &shape);
    const auto outcome = Simulation::run(s, {m_dir.path()});
    QVERIFY2(outcome.result, qPrintable(outcome.error));
    const RunResult &r = *outcome.result;
    const Verdict &v = r.verdict;
    if (std::any_of(v.anomalies.cbegin(), v.anomalies.cend(),
                    [](const Anomaly &a) { return a.type == QLatin1String("DUPLICATE_EFFECT"); }))
        ++m_duplicateRuns;
    if (safeDesign(s, shape, r.endUs) &&
        std::any_of(s.faults.cbegin(), s.faults.cend(),
                    [](const FaultSpec &f) { return f.kind == FaultKind::Crash; }))
        ++m_safeCrashRuns;

    // The guards. The cache guards only while it answers, or while servers fail closed; it
    // needs the lease and the TTLs of the safe design when servers crash.
    if (s.settings.cache && safeDesign(s, shape, r.endUs))
        for (auto it = v.sideEffects.cbegin(); it != v.sideEffects.cend(); ++it)
            QVERIFY2(
                it.value() <= 1,
                qPrintable(
                    QStringLiteral("cache on, %1 charged %2 times").arg(it.key()).arg(it.value())));
    const bool crashes = std::any_of(s.faults.cbegin(), s.faults.cend(), [](const FaultSpec &f) {
        return f.kind == FaultKind::Crash || f.kind == FaultKind::Duplicate;
    });
    const bool quietLease = s.settings.leaseUs == 0 || s.settings.leaseUs > shape.longestOpUs;
    if (s.settings.mutex && shape.singleCluster && !crashes && quietLease &&
        s.settings.keyTtlUs > r.endUs)
        for (auto it = v.sideEffects.cbegin(); it != v.sideEffects.cend(); ++it)
            QVERIFY2(it.value() <= 1, qPrintable(QStringLiteral("mutex on, one cluster, %1 "
                                                                "charged %2 times")
                                                     .arg(it.key())
                                                     .arg(it.value())));

    // The verdict equals a recount from the database rows.
    QHash<QString, QString> labels;
    for (const Attempt &a : r.attempts)
        labels.insert(a.rawKey, a.key);
    const auto ids = recount(m_dir.path());
    QMap<QString, int> recounted;
    for (auto it = ids.cbegin(); it != ids.cend(); ++it)
        recounted[scopedName(labels.value(it.key().second, QStringLiteral("?") + it.key().second),
                             it.key().first)] = int(it.value().size());
    for (auto it = v.sideEffects.cbegin(); it != v.sideEffects.cend(); ++it)
        QCOMPARE(it.value(), recounted.value(it.key()));
    for (auto it = recounted.cbegin(); it != recounted.cend(); ++it)
        QCOMPARE(v.sideEffects.value(it.key()), it.value());
    int duplicates = 0;
    for (auto it = recounted.cbegin(); it != recounted.cend(); ++it)
        duplicates += it.value() > 1;
    const auto ofType = [&v](const char *type) {
        return int(
            std::count_if(v.anomalies.cbegin(), v.anomalies.cend(),
                          [type](const Anomaly &a) { return a.type == QLatin1String(type); }));
    };
    QCOMPARE(ofType("DUPLICATE_EFFECT"), duplicates);
    // A stuck key is a key left CREATED with no lease to free it, counted from the rows.
    QCOMPARE(ofType("STUCK_KEY"), s.settings.leaseUs == 0 ? int(v.stuckKeys.size()) : 0);
    // Keys scoped per client never answer one client with another's payment.
    if (s.settings.keyScope == KeyScope::Client)
        QCOMPARE(ofType("KEY_COLLISION"), 0);
    // Nothing without a key is ever charged.
    QVERIFY(!recounted.contains(QString()));

    // Every attempt ends exactly once; retries follow the policy.
    QVector<int> answers(r.attempts.size()), timeouts(r.attempts.size());
    for (const Event &e : r.events) {
        if (e.type == EventType::Timeout)
            ++timeouts[e.request];
        if (e.type == EventType::Receive && !e.caption.contains(QLatin1String("too late")) &&
            !e.caption.contains(QLatin1String("(a duplicate)")))
            ++answers[e.request];
    }
    for (int i = 0; i < r.attempts.size(); ++i) {
        const Attempt &a = r.attempts[i];
        QVERIFY(a.outcome == AttemptOutcome::Answered || a.outcome == AttemptOutcome::TimedOut);
        QCOMPARE(answers[i], a.outcome == AttemptOutcome::Answered ? 1 : 0);
        QCOMPARE(timeouts[i], a.outcome == AttemptOutcome::TimedOut ? 1 : 0);
        if (a.outcome == AttemptOutcome::Answered) {
            QVERIFY(a.status > 0);
            QVERIFY(a.receivedUs - a.sentUs <= s.settings.timeoutUs);
        }
    }
    for (const RequestSpec &spec : s.requests) {
        QVector<const Attempt *> mine;
        for (const Attempt &a : r.attempts)
            if (a.request == spec.id)
                mine.append(&a);
        QVERIFY(!mine.isEmpty());
        QVERIFY(mine.size() <= 1 + s.settings.retries);
        for (int k = 0; k < mine.size(); ++k) {
            QCOMPARE(mine[k]->attempt, k + 1);
            // A retry follows a timeout, or (retryErrors) a 409 or a 5xx answer.
            if (k + 1 < mine.size() && mine[k]->outcome != AttemptOutcome::TimedOut) {
                QVERIFY(s.settings.retryErrors);
                QVERIFY(mine[k]->status == 409 || mine[k]->status >= 500);
            }
        }
        if (mine.last()->outcome == AttemptOutcome::TimedOut)
            QCOMPARE(mine.size(), 1 + s.settings.retries);
    }

    // The log is ordered by (time, sequence).
    for (int i = 1; i < r.events.size(); ++i) {
        QVERIFY(r.events[i - 1].t <= r.events[i].t);
        QCOMPARE(r.events[i].seq, r.events[i - 1].seq + 1);
    }
}

void TstInvariants::generatorFindsRaces()
{
    // If no random run ever double-charged, the invariants above would prove little.
    QVERIFY2(m_duplicateRuns >= 10, qPrintable(QString::number(m_duplicateRuns)));
    // Nor would the safe design's, had no server crashed under it.
    QVERIFY2(m_safeCrashRuns >= 3, qPrintable(QString::number(m_safeCrashRuns)));
}

QTEST_GUILESS_MAIN(TstInvariants)
#include "tst_invariants.moc"
