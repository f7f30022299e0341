// The app attached to running clusters (idemlab --attach, the Attach dialog): AttachController
// shows what a cluster process streams in the SimulationController's models as the Live
// switch does (the playhead follows, the DB tables fill, the record exports), says which
// cluster is down when its process goes away, and keeps the record after detaching.
#include "attachcontroller.h"
#include "live/livesession.h"
#include "playback/scenestate.h"
#include "simulationcontroller.h"
#include "timeline/timelinereader.h"
#include "timelineexport.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace idem;

namespace {

constexpr int waitMs = 10'000; // only catches a hang; the checks wait for behaviour

int pay(const QString &base, const QByteArray &key)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(base + QStringLiteral("/payments")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Idempotency-Key", key);
    std::unique_ptr<QNetworkReply> reply(
        nam.post(request, QByteArrayLiteral(R"({"from":"A","to":"B","amount":10})")));
    if (!reply->isFinished())
        QSignalSpy(reply.get(), &QNetworkReply::finished).wait(waitMs);
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

SceneState onScreen(const SimulationController &c)
{
    return sceneAt(*c.playback()->run(), qint64(c.playback()->timeUs()));
}

QString stateOf(const AttachController &a, int link)
{
    return a.links().value(link).toMap().value(QStringLiteral("state")).toString();
}

} // namespace

class TstAttachGui : public QObject
{
    Q_OBJECT

private slots:
    void showsStreamedEventsAndKeepsTheRecord();
    void badUrlChangesNothing();
    void presetDetaches();
};

void TstAttachGui::showsStreamedEventsAndKeepsTheRecord()
{
    // The "remote" clusters: a live session of its own, as `idemlab-cli serve` runs one.
    QTemporaryDir dbs;
    LiveSession remote;
    LiveSession::Options o;
    o.ports = {0, 0};
    o.dbDir = dbs.path();
    o.settings.opUs = 0;
    QVERIFY2(remote.start(o), qPrintable(remote.errorString()));
    const QString a = remote.baseUrl(0).toString();
    const QString b = remote.baseUrl(1).toString();

    SimulationController c;
    AttachController attach;
    attach.setSession(c.session());
    QSignalSpy attached(&attach, &AttachController::attachedChanged);
    QSignalSpy links(&attach, &AttachController::linksChanged);
    QVERIFY2(attach.attach({a, QStringLiteral("  "), b}), qPrintable(attach.errorText()));
    QVERIFY(attach.attached());
    QCOMPARE(attached.count(), 1);
    QVERIFY(c.session()->liveRecord());
    QVERIFY(c.playback()->live());      // the playhead follows the clusters' clock
    QCOMPARE(attach.links().size(), 2); // the blank field is skipped
    QTRY_VERIFY_WITH_TIMEOUT(attach.settled() && attach.anyUp(), waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(attach, 1), QStringLiteral("up"), waitMs);
    QVERIFY(!links.isEmpty());
    QCOMPARE(attach.links()[0].toMap().value("cluster").toString(), QStringLiteral("A"));
    QCOMPARE(attach.links()[1].toMap().value("clusters").toString(), QStringLiteral("A, B"));
    QVERIFY2(attach.summary() == QStringLiteral("A %1 · B %2").arg(a, b),
             qPrintable(attach.summary()));
    QVERIFY(attach.downClusters().isEmpty());

    QCOMPARE(pay(a, "attach-gui-1"), 201);
    QCOMPARE(pay(a, "attach-gui-1"), 200);
    QTRY_COMPARE_WITH_TIMEOUT(attach.requestCount(), 2, waitMs);
    QCOMPARE(c.playback()->run()->nodes.value(LiveSession::externalClientNode).name,
             QStringLiteral("External client"));
    // The streamed rows reach the scene: the key CONSUMED, one ledger row.
    QTRY_VERIFY_WITH_TIMEOUT(onScreen(c).keys[0].size() == 1 &&
                                 onScreen(c).keys[0].first().status == QLatin1String("CONSUMED") &&
                                 onScreen(c).ledger[0].size() == 1,
                             waitMs);
    QCOMPARE(c.session()->exportRun()->attempts.size(), 2);
    QCOMPARE(c.session()->exportRun()->attempts[1].status, 200);
    QCOMPARE(c.session()->exportRun()->verdict.sideEffects.value("attach-gui-1"), 1);
    QCOMPARE(c.session()->exportRun()->events.size(), remote.snapshot().events.size());

    // The process goes away: both of its clusters are shown down, with why.
    remote.stop();
    QTRY_COMPARE_WITH_TIMEOUT(attach.downClusters(), (QStringList{"A", "B"}), waitMs);
    QVERIFY2(attach.summary().contains(QStringLiteral("down: the live session stopped")),
             qPrintable(attach.summary()));
    QVERIFY(!attach.anyUp());

    attach.detach();
    QVERIFY(!attach.attached());
    QVERIFY(!c.playback()->live());
    QVERIFY(c.session()->liveRecord()); // kept for scrubbing and export
    QCOMPARE(c.session()->exportRun()->attempts.size(), 2);

    QTemporaryDir dir;
    TimelineExport exporter;
    exporter.setSession(c.session());
    const QString json = dir.filePath(QStringLiteral("attached.json"));
    QCOMPARE(exporter.save(QUrl::fromLocalFile(json), false), QString());
    const TimelineLoad load = TimelineReader::fromFile(json);
    QVERIFY2(load.run, qPrintable(load.error));
    QCOMPARE(load.run->attempts.size(), 2);
    QCOMPARE(load.run->ledger[0].size(), 1);
}

void TstAttachGui::badUrlChangesNothing()
{
    SimulationController c;
    AttachController attach;
    attach.setSession(c.session());
    QSignalSpy error(&attach, &AttachController::errorTextChanged);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("^Cannot attach: http://h: no port"));
    QVERIFY(!attach.attach({QStringLiteral("http://h")}));
    QCOMPARE(error.count(), 1);
    QVERIFY(attach.errorText().contains(QLatin1String("expected http://HOST:PORT")));
    QVERIFY(!attach.attached());
    QVERIFY(!c.session()->liveRecord());
    QVERIFY(AttachController::urlError(QStringLiteral("ws://h:1")).isEmpty());
    QVERIFY(!AttachController::urlError(QStringLiteral("https://h:1")).isEmpty());
}

void TstAttachGui::presetDetaches()
{
    SimulationController c;
    AttachController attach;
    attach.setSession(c.session());
    // Nobody listens there: the link keeps retrying, the record is empty but on screen.
    QVERIFY(attach.attach({QStringLiteral("http://127.0.0.1:9")}));
    QVERIFY(c.session()->liveRecord());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(attach, 0), QStringLiteral("down"), waitMs);
    c.session()->setPreset(c.session()->presetNames().first());
    QVERIFY(!attach.attached());
    QVERIFY(!c.session()->liveRecord());
}

QTEST_MAIN(TstAttachGui)
#include "tst_attachgui.moc"
