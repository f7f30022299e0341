// Attaching to running clusters (issue 14): two `idemlab-cli serve` processes stream their
// events over WebSocket (GET /events) and an AttachSession merges them: each process's
// events in its order, a process killed is shown down, restarted on its ports it is
// reconnected and its new events continue the record. Also: the embedded serve's two
// ports count once, other WebSocket paths are refused, a malformed stream is dropped and
// retried. And the deployment the app is for: two `serve --cluster` processes, one cluster
// each, replicating to each other over HTTP.
#include "clusterprocess.h"
#include "live/attachsession.h"
#include "live/liveruntime.h"
#include "live/livesession.h"

#include "livehttp.h"

#include <QProcess>
#include <QWebSocket>
#include <QWebSocketServer>
#include <QtTest>

using namespace idem;
using namespace idem::livetest;

namespace {

/// An `idemlab-cli serve` process and the URLs its banner printed.
struct ServeProcess
{
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    QString urlA;
    QString urlB;

    /// Starts it on `ports` (0 = any free) with its DBs in `dir`; false if it did not come up.
    bool start(const QString &dir, quint16 portA = 0, quint16 portB = 0)
    {
        process->start(QStringLiteral(IDEMLAB_CLI),
                       {"serve", "--port-a", QString::number(portA), "--port-b",
                        QString::number(portB), "--db-dir", dir, "--op-ms", "0", "--db-ms", "0",
                        "--cache-ms", "0"});
        if (!process->waitForStarted(waitMs))
            return false;
        QByteArray out;
        const bool up = QTest::qWaitFor(
            [&] { return (out += process->readAllStandardOutput()).contains("Try: curl"); },
            waitMs);
        if (!up) {
            qWarning("serve did not come up: %s %s", out.constData(),
                     process->readAllStandardError().constData());
            return false;
        }
        auto url = [&out](const char *label) {
            const qsizetype at = out.indexOf(label);
            return QString::fromLatin1(out.mid(at + qstrlen(label)).split(' ').first().trimmed());
        };
        urlA = url("cluster A   ");
        urlB = url("cluster B   ");
        return QUrl(urlA).port() > 0 && QUrl(urlB).port() > 0;
    }

    void kill()
    {
        process->kill(); // SIGKILL: no goodbye on the stream
        process->waitForFinished(waitMs);
    }

    ~ServeProcess()
    {
        if (process->state() != QProcess::NotRunning) {
            process->terminate();
            if (!process->waitForFinished(waitMs))
                kill();
        }
    }
};

/// POST /payments with `key` to `base`; the status.
int pay(const QString &base, const QByteArray &key)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(base + QStringLiteral("/payments")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Idempotency-Key", key);
    return Live::finish(nam.post(request, payment)).status;
}

AttachLink::State stateOf(const AttachSession &attach, const QString &url)
{
    for (const AttachSession::LinkInfo &l : attach.links())
        if (l.url == url)
            return l.state;
    return AttachLink::State::Down;
}

QString whyOf(const AttachSession &attach, const QString &url)
{
    for (const AttachSession::LinkInfo &l : attach.links())
        if (l.url == url)
            return l.why;
    return {};
}

bool allUp(const AttachSession &attach)
{
    const auto links = attach.links();
    return std::all_of(links.cbegin(), links.cend(), [](const AttachSession::LinkInfo &l) {
        return l.state == AttachLink::State::Up;
    });
}

/// The events of the attempts with `key`, in the merged log's order.
QVector<Event> eventsOfKey(const RunResult &run, const QString &key)
{
    QVector<Event> out;
    for (const Event &e : run.events)
        if (e.request >= 0 && run.attempts[e.request].key == key)
            out.append(e);
    return out;
}

/// Attempts answered with `key`.
int answered(const RunResult &run, const QString &key)
{
    return int(std::count_if(run.attempts.cbegin(), run.attempts.cend(), [&](const Attempt &a) {
        return a.key == key && a.outcome == AttemptOutcome::Answered;
    }));
}

/// The event log of one request reads like a request served: received first, answered last.
void checkServedInOrder(const RunResult &run, const QString &key)
{
    const QVector<Event> events = eventsOfKey(run, key);
    QVERIFY2(events.size() >= 4, qPrintable(key));
    for (qsizetype i = 1; i < events.size(); ++i)
        QVERIFY(events[i - 1].t <= events[i].t);
    QCOMPARE(events.constFirst().type, EventType::Send);
    QCOMPARE(events.constLast().status, 201); // the answer goes back last
    const auto responds = std::count_if(events.cbegin(), events.cend(), [](const Event &e) {
        return e.type == EventType::Respond;
    });
    QCOMPARE(responds, 1); // taken once, however many ports it came through
}

} // namespace

class TstAttach : public QObject
{
    Q_OBJECT

private slots:
    void twoProcesses();
    void oneClusterPerProcess();
    void onePortsCountOnce();
    void otherPathsRefused();
    void malformedStreamRetried();
    void badUrlRefused();
};

void TstAttach::twoProcesses()
{
    QTemporaryDir dirOne;
    QTemporaryDir dirTwo;
    ServeProcess one;
    ServeProcess two;
    QVERIFY(one.start(dirOne.path()));
    QVERIFY(two.start(dirTwo.path()));

    AttachSession attach;
    QSignalSpy links(&attach, &AttachSession::linksChanged);
    QVERIFY2(attach.attach({one.urlA, two.urlB}), qPrintable(attach.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(allUp(attach), waitMs);
    QVERIFY(links.count() >= 2);

    // Two payments through process one's cluster A, one through process two's cluster B.
    QCOMPARE(pay(one.urlA, "one-1"), 201);
    QCOMPARE(pay(one.urlA, "one-2"), 201);
    QCOMPARE(pay(two.urlB, "two-1"), 201);
    QTRY_VERIFY_WITH_TIMEOUT(answered(attach.snapshot(), "two-1") == 1 &&
                                 answered(attach.snapshot(), "one-2") == 1,
                             waitMs);
    RunResult run = attach.snapshot();
    QCOMPARE(run.attempts.size(), 3);
    for (const char *key : {"one-1", "one-2", "two-1"})
        checkServedInOrder(run, QString::fromLatin1(key));
    // Process one's events keep their order: the first payment's all before the second's.
    QVERIFY(eventsOfKey(run, "one-1").constLast().t <= eventsOfKey(run, "one-2").constFirst().t);
    for (qsizetype i = 0; i < run.events.size(); ++i)
        QCOMPARE(run.events[i].seq, i);
    // The DB tables: cluster A's from process one, cluster B's from process two.
    QTRY_VERIFY_WITH_TIMEOUT(
        attach.snapshot().ledger[0].size() == 2 && attach.snapshot().ledger[1].size() == 1, waitMs);
    run = attach.snapshot();
    QCOMPARE(run.verdict.sideEffects.value("one-1"), 1);
    QCOMPARE(run.verdict.sideEffects.value("two-1"), 1);

    // Process two goes away: shown down, with why.
    const quint16 portA = quint16(QUrl(two.urlA).port());
    const quint16 portB = quint16(QUrl(two.urlB).port());
    two.kill();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(attach, two.urlB), AttachLink::State::Down, waitMs);
    QVERIFY(!whyOf(attach, two.urlB).isEmpty());
    QCOMPARE(stateOf(attach, one.urlA), AttachLink::State::Up);

    // Restarted on its ports (a new session): reconnected, and its new events continue.
    ServeProcess again;
    QVERIFY(again.start(dirTwo.path(), portA, portB));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(attach, two.urlB), AttachLink::State::Up, 4 * waitMs);
    QCOMPARE(pay(again.urlB, "two-2"), 201);
    QCOMPARE(pay(one.urlA, "one-3"), 201);
    QTRY_VERIFY_WITH_TIMEOUT(answered(attach.snapshot(), "two-2") == 1 &&
                                 answered(attach.snapshot(), "one-3") == 1,
                             waitMs);
    run = attach.snapshot();
    QCOMPARE(run.attempts.size(), 5); // nothing of the first record lost
    checkServedInOrder(run, QStringLiteral("two-1"));
    checkServedInOrder(run, QStringLiteral("two-2"));
    QVERIFY(eventsOfKey(run, "two-1").constLast().t < eventsOfKey(run, "two-2").constFirst().t);
    // The restarted process opened the same DB file: its rows include the first payment.
    QTRY_VERIFY_WITH_TIMEOUT(attach.snapshot().ledger[1].size() == 2, waitMs);
}

void TstAttach::oneClusterPerProcess()
{
    // `serve --cluster A` and `serve --cluster B`, each the other's peer: the app attached to
    // both gets each process's events in its own order, the rows of each cluster from its
    // own process, and the replication of each one's rows to the other.
    QTemporaryDir dirA;
    QTemporaryDir dirB;
    const quint16 portA = clustertest::freePort();
    const quint16 portB = clustertest::freePort();
    const QStringList common{"--log", "requests",   "--op-ms", "0",        "--db-ms",
                             "0",     "--cache-ms", "0",       "--lag-ms", "100"};
    clustertest::ClusterProcess a(QStringLiteral("A"), portA, portB, dirA.path(), common);
    clustertest::ClusterProcess b(QStringLiteral("B"), portB, portA, dirB.path(), common);
    QVERIFY2(a.start(), qPrintable(a.error()));
    QVERIFY2(b.start(), qPrintable(b.error()));

    AttachSession attach;
    const QString urlA = a.url();
    const QString urlB = b.url();
    QVERIFY2(attach.attach({urlA, urlB}), qPrintable(attach.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(allUp(attach), waitMs);

    QCOMPARE(pay(urlA, "at-a-1"), 201);
    QCOMPARE(pay(urlB, "at-b-1"), 201);
    QCOMPARE(pay(urlA, "at-a-2"), 201);
    // Each cluster's ledger row reaches the other after the lag: two rows in each table.
    QTRY_VERIFY_WITH_TIMEOUT(
        attach.snapshot().ledger[0].size() == 3 && attach.snapshot().ledger[1].size() == 3, waitMs);
    const RunResult run = attach.snapshot();
    QCOMPARE(run.attempts.size(), 3);
    for (const char *key : {"at-a-1", "at-b-1", "at-a-2"})
        checkServedInOrder(run, QString::fromLatin1(key));
    // Cluster A's process served its two payments one after the other, and so it logged them.
    QVERIFY(eventsOfKey(run, "at-a-1").constLast().t <= eventsOfKey(run, "at-a-2").constFirst().t);
    // Which process served what: the attempts name their cluster.
    for (const Attempt &attempt : run.attempts)
        QCOMPARE(attempt.cluster, attempt.key.startsWith(QLatin1String("at-a")) ? 0 : 1);
    // Replication travelled both ways between the processes and was streamed by the receiver.
    const LiveTopology roles(Topology::of(LiveSession::nodes()));
    bool toA = false, toB = false;
    for (const Event &e : run.events) {
        if (e.type != EventType::Replicate)
            continue;
        toA = toA || e.to == roles.db[0];
        toB = toB || e.to == roles.db[1];
    }
    QVERIFY(toA && toB);
    QCOMPARE(run.verdict.sideEffects.value("at-b-1"), 1);
    QVERIFY(run.verdict.ok());
}

void TstAttach::onePortsCountOnce()
{
    Live live(settingsWith({}));
    AttachSession attach;
    const QString a = live.session().baseUrl(0).toString();
    const QString b = live.session().baseUrl(1).toString();
    QVERIFY(attach.attach({a, b, a})); // the same URL twice is one link
    QCOMPARE(attach.links().size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(allUp(attach), waitMs);
    QCOMPARE(attach.links()[0].via, 0);
    QCOMPARE(attach.links()[1].via, 1);
    QCOMPARE(attach.links()[0].clusters, (QVector<int>{0, 1}));
    QCOMPARE(live.send(0, post("K1")).status, 201);
    QCOMPARE(live.send(1, post("K2")).status, 201);
    QTRY_VERIFY_WITH_TIMEOUT(answered(attach.snapshot(), "K2") == 1, waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        attach.snapshot().events.size() == live.session().snapshot().events.size(), waitMs);
    const RunResult mine = live.session().snapshot();
    const RunResult seen = attach.snapshot();
    QCOMPARE(seen.attempts.size(), 2);
    for (qsizetype i = 0; i < mine.events.size(); ++i) {
        QCOMPARE(seen.events[i].type, mine.events[i].type);
        QCOMPARE(seen.events[i].caption, mine.events[i].caption);
        QCOMPARE(seen.events[i].request, mine.events[i].request);
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        attach.snapshot().ledger[0].size() == 1 && attach.snapshot().ledger[1].size() == 1, waitMs);
    QCOMPARE(attach.snapshot().verdict.toJson(), live.session().snapshot().verdict.toJson());

    // A session that stops says so: each link is down with the reason it gave.
    live.session().stop();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(attach, a), AttachLink::State::Down, waitMs);
    QVERIFY2(whyOf(attach, a).contains("stopped"), qPrintable(whyOf(attach, a)));
    attach.detach();
    QCOMPARE(attach.snapshot().attempts.size(), 2); // detached: the record stays
}

void TstAttach::otherPathsRefused()
{
    Live live(settingsWith({}));
    QUrl url = live.session().baseUrl(0);
    url.setScheme(QStringLiteral("ws"));
    url.setPath(QStringLiteral("/payments"));
    QWebSocket socket;
    QSignalSpy closed(&socket, &QWebSocket::disconnected);
    socket.open(url);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("WebSocket received"));
    QVERIFY(closed.wait(waitMs));
    QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    QVERIFY(!socket.isValid()); // the handshake was answered 404, not upgraded
}

void TstAttach::malformedStreamRetried()
{
    QWebSocketServer server(QStringLiteral("not a cluster"), QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    int connections = 0;
    std::vector<std::unique_ptr<QWebSocket>> sockets;
    connect(&server, &QWebSocketServer::newConnection, this, [&] {
        sockets.emplace_back(server.nextPendingConnection());
        ++connections;
        sockets.back()->sendTextMessage(QStringLiteral("{\"type\":\"hello\",\"schema\":1}"));
    });
    AttachSession attach;
    const QString url = QStringLiteral("ws://127.0.0.1:%1").arg(server.serverPort());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("^attach ws://127.0.0.1:\\d+: "
                                                          "malformed message: .*retrying in"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("^attach .*retrying in"));
    QVERIFY(attach.attach({url}));
    QTRY_VERIFY_WITH_TIMEOUT(connections >= 2, waitMs); // dropped, then retried
    QVERIFY2(whyOf(attach, url).startsWith("malformed message: ") ||
                 stateOf(attach, url) == AttachLink::State::Connecting,
             qPrintable(whyOf(attach, url)));
    attach.detach();
}

void TstAttach::badUrlRefused()
{
    AttachSession attach;
    QVERIFY(!attach.attach(
        {QStringLiteral("http://127.0.0.1:8081"), QStringLiteral("ftp://127.0.0.1:8082")}));
    QVERIFY2(attach.errorString().startsWith("ftp://127.0.0.1:8082: scheme ftp is not http or ws"),
             qPrintable(attach.errorString()));
    QVERIFY(!attach.attached()); // nothing started
}

QTEST_GUILESS_MAIN(TstAttach)
#include "tst_attach.moc"
