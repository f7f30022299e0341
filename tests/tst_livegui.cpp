// The app's Live switch: LiveController runs the live servers on free ports and shows real
// POST /payments requests in the SimulationController, on the display clock; the record
// stays after stop and exports with its real times.
#include "live/livesession.h"
#include "livecontroller.h"
#include "livedisplaytiming.h"
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

/// A toggle's value as typed ("on", "off").
QString onOff(bool on)
{
    return on ? QStringLiteral("on") : QStringLiteral("off");
}

constexpr int waitMs = 10'000; // only catches a hang; the checks wait for behaviour

std::unique_ptr<QNetworkReply> pay(QNetworkAccessManager &nam, const QString &base,
                                   const QByteArray &key)
{
    QNetworkRequest request(QUrl(base + QStringLiteral("/payments")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Idempotency-Key", key);
    return std::unique_ptr<QNetworkReply>(
        nam.post(request, QByteArrayLiteral(R"({"from":"A","to":"B","amount":10})")));
}

int statusOf(const QNetworkReply &reply)
{
    return reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

/// What the scene shows at the playhead.
SceneState onScreen(const SimulationController &c)
{
    return sceneAt(*c.playback()->run(), qint64(c.playback()->timeUs()));
}

} // namespace

class TstLiveGui : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsRealRequestsAndKeepsTheRecord();
    void startAndStopTwiceAreHarmless();
    void settingChangeRestartsTheServers();
    void presetEndsLiveMode();
    void askedBeforeTheRecordIsDiscarded_data();
    void askedBeforeTheRecordIsDiscarded();

private:
    std::unique_ptr<SimulationController> m_controller;
    std::unique_ptr<LiveController> m_live;
};

void TstLiveGui::init()
{
    m_controller = std::make_unique<SimulationController>();
    QCOMPARE(m_controller->session()->setSetting(QStringLiteral("opMs"), QString::number(0)),
             QString()); // nothing sleeps: the requests answer at once
    m_live = std::make_unique<LiveController>();
    m_live->setPreferredPorts({0, 0});
    m_live->setSession(m_controller->session());
}

void TstLiveGui::cleanup()
{
    m_live.reset();
    m_controller.reset();
}

void TstLiveGui::showsRealRequestsAndKeepsTheRecord()
{
    SimulationController &c = *m_controller;
    QSignalSpy running(m_live.get(), &LiveController::runningChanged);
    QSignalSpy liveChanged(c.playback(), &Playback::liveChanged);
    QVERIFY2(m_live->start(), qPrintable(m_live->errorText()));
    QVERIFY(m_live->running());
    QVERIFY(!running.isEmpty());
    QVERIFY(c.playback()->live());
    QVERIFY(c.session()->liveRecord());
    QCOMPARE(liveChanged.count(), 1);
    QCOMPARE(c.session()->presetIndex(), -1);
    QVERIFY(m_live->baseUrlA().startsWith(QStringLiteral("http://127.0.0.1:")));
    QVERIFY(m_live->baseUrlA() != m_live->baseUrlB());
    QVERIFY(m_live->curlExample().contains(m_live->baseUrlA()));
    QVERIFY(!m_live->dbDir().isEmpty());
    QCOMPARE(c.playback()->run()->nodes.value(LiveSession::externalClientNode).name,
             QStringLiteral("External client"));

    QNetworkAccessManager nam;
    auto first = pay(nam, m_live->baseUrlA(), "gui-key-1");
    QTRY_VERIFY_WITH_TIMEOUT(first->isFinished(), waitMs);
    QCOMPARE(statusOf(*first), 201);
    QTRY_COMPARE_WITH_TIMEOUT(m_live->requestCount(), 1, waitMs);
    QVERIFY(!c.playback()->run()->events.isEmpty());
    // The playhead follows: the key ends up CONSUMED on screen with one ledger row.
    QTRY_VERIFY_WITH_TIMEOUT(onScreen(c).keys[0].size() == 1 &&
                                 onScreen(c).keys[0].first().status == QLatin1String("CONSUMED"),
                             waitMs);
    QCOMPARE(onScreen(c).ledger[0].size(), 1);
    // Every hop was stretched to be seen, in the display copy only.
    for (const Event &e : c.playback()->run()->events)
        if (e.type == EventType::Send)
            QCOMPARE(e.endUs - e.startUs, LiveDisplayTiming::hopUs);
    QVERIFY(c.session()->exportRun()->endUs < c.playback()->run()->endUs);

    auto replay = pay(nam, m_live->baseUrlA(), "gui-key-1");
    QTRY_VERIFY_WITH_TIMEOUT(replay->isFinished(), waitMs);
    QCOMPARE(statusOf(*replay), 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_live->requestCount(), 2, waitMs);
    QCOMPARE(c.session()->exportRun()->ledger[0].size(), 1);
    QCOMPARE(c.session()->exportRun()->attempts.size(), 2);

    m_live->stop();
    QVERIFY(!m_live->running());
    QVERIFY(!c.playback()->live());
    QVERIFY(c.session()->liveRecord()); // kept for scrubbing and export
    QCOMPARE(c.session()->exportRun()->attempts.size(), 2);
    c.playback()->seek(c.playback()->endUs());
    QCOMPARE(onScreen(c).ledger[0].size(), 1);

    QTemporaryDir dir;
    TimelineExport exporter;
    exporter.setSession(c.session());
    QVERIFY(exporter.suggestedName(QStringLiteral("json"), false)
                .startsWith(QStringLiteral("live-session")));
    const QString json = dir.filePath(QStringLiteral("live.json"));
    QCOMPARE(exporter.save(QUrl::fromLocalFile(json), false), QString());
    QCOMPARE(exporter.save(QUrl::fromLocalFile(dir.filePath(QStringLiteral("live.csv"))), false),
             QString());
    const TimelineLoad load = TimelineReader::fromFile(json);
    QVERIFY2(load.run, qPrintable(load.error));
    QCOMPARE(load.run->attempts.size(), 2);
    QCOMPARE(load.run->endUs, c.session()->exportRun()->endUs); // real times, not the display's

    // It opens again as a live record, stretched the same way.
    SimulationController reopened;
    QVERIFY(reopened.session()->loadTimeline(json));
    QVERIFY(reopened.session()->liveRecord());
    QVERIFY(!reopened.playback()->live());
    QCOMPARE(reopened.playback()->run()->events.size(), c.playback()->run()->events.size());
    for (const Event &e : reopened.playback()->run()->events)
        if (e.type == EventType::Send)
            QCOMPARE(e.endUs - e.startUs, LiveDisplayTiming::hopUs);
}

void TstLiveGui::startAndStopTwiceAreHarmless()
{
    QVERIFY(m_live->start());
    const QString url = m_live->baseUrlA();
    QVERIFY(m_live->start());
    QCOMPARE(m_live->baseUrlA(), url); // the same servers
    m_live->stop();
    m_live->stop();
    QVERIFY(!m_live->running());
    QVERIFY(m_controller->session()->liveRecord());
    QVERIFY(m_live->start());
    QVERIFY(m_controller->playback()->live());
    m_live->stop();
}

void TstLiveGui::settingChangeRestartsTheServers()
{
    QSignalSpy notice(m_live.get(), &LiveController::notice);
    QVERIFY(m_live->start());
    const bool mutex = m_controller->session()->scenario().settings.mutex;
    QCOMPARE(m_controller->session()->setSetting(QStringLiteral("mutex"), onOff(!mutex)),
             QString());
    QVERIFY(m_live->running());
    QVERIFY(m_controller->playback()->live()); // no simulated run in between
    QCOMPARE(notice.count(), 1);
    QCOMPARE(m_controller->session()->exportRun()->scenario.settings.mutex, !mutex);
    QCOMPARE(
        m_controller->session()->setSetting(
            QStringLiteral("delayMs"),
            QString::number(
                m_controller->session()->settings().value(QStringLiteral("delayMs")).toDouble() +
                10)),
        QString()); // not a live setting
    QCOMPARE(notice.count(), 1);
    m_live->stop();
    // Stopped, a setting returns to the simulation.
    QCOMPARE(m_controller->session()->setSetting(QStringLiteral("mutex"), onOff(mutex)), QString());
    QVERIFY(!m_controller->session()->liveRecord());
}

void TstLiveGui::presetEndsLiveMode()
{
    QVERIFY(m_live->start());
    const QString preset = m_controller->session()->preset();
    m_controller->session()->setPreset(preset); // the same preset: back to the simulation
    QVERIFY(!m_controller->playback()->live());
    QVERIFY(!m_controller->session()->liveRecord());
    QVERIFY(!m_live->running());
    QVERIFY(m_controller->session()->presetIndex() >= 0);
}

void TstLiveGui::askedBeforeTheRecordIsDiscarded_data()
{
    QTest::addColumn<bool>("stopFirst");
    QTest::addRow("running: the servers would restart") << false;
    QTest::addRow("stopped: the simulation would replace it") << true;
}

// A setting change that would wipe a record holding requests waits for an answer: kept,
// nothing changes; discarded, the change applies.
void TstLiveGui::askedBeforeTheRecordIsDiscarded()
{
    QFETCH(bool, stopFirst);
    SimulationController &c = *m_controller;
    c.session()->setAskBeforeDiscardingLive(true);
    QSignalSpy asked(c.session(), &Session::discardLiveAsked);
    QVERIFY(m_live->start());
    const bool mutex = c.session()->scenario().settings.mutex;
    QCOMPARE(c.session()->setSetting(QStringLiteral("mutex"), onOff(!mutex)),
             QString()); // nothing recorded yet: nothing to lose, no question
    QCOMPARE(asked.count(), 0);
    QCOMPARE(c.session()->scenario().settings.mutex, !mutex);

    QNetworkAccessManager nam;
    auto reply = pay(nam, m_live->baseUrlA(), "ask-key");
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_live->requestCount(), 1, waitMs);
    if (stopFirst) {
        m_live->stop();
    } else {
        QCOMPARE(c.session()->setSetting(
                     QStringLiteral("delayMs"),
                     QString::number(
                         c.session()->settings().value(QStringLiteral("delayMs")).toDouble() + 10)),
                 QString()); // not a live setting: the record stays, no question
        QCOMPARE(asked.count(), 0);
    }
    QVERIFY(c.session()->liveRecord());

    QCOMPARE(c.session()->setSetting(QStringLiteral("mutex"), onOff(mutex)), QString());
    QCOMPARE(asked.count(), 1);
    QCOMPARE(c.session()->scenario().settings.mutex, !mutex); // held back
    QVERIFY(c.session()->liveRecord());
    QCOMPARE(c.session()->exportRun()->attempts.size(), 1);
    c.session()->keepLiveRecord();
    c.session()->discardLiveAndApply(); // nothing is pending any more
    QCOMPARE(c.session()->scenario().settings.mutex, !mutex);
    QCOMPARE(c.session()->exportRun()->attempts.size(), 1);

    QCOMPARE(c.session()->setSetting(QStringLiteral("mutex"), onOff(mutex)), QString());
    QCOMPARE(asked.count(), 2);
    c.session()->discardLiveAndApply();
    QCOMPARE(c.session()->scenario().settings.mutex, mutex);
    if (stopFirst) {
        QVERIFY(!c.session()->liveRecord());
    } else {
        QVERIFY(m_live->running());
        QTRY_COMPARE_WITH_TIMEOUT(c.session()->exportRun()->attempts.size(), 0, waitMs);
        m_live->stop();
    }
}

QTEST_GUILESS_MAIN(TstLiveGui)
#include "tst_livegui.moc"
