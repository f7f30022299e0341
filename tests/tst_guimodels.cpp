// The QML-facing adapters: the controller (presets, settings, playhead), the list models it
// feeds, and the lane timeline canvas. No QML is loaded; everything is driven from C++.
#include "accountnames.h"
#include "captiontext.h"
#include "export/timelineexporter.h"
#include "livedisplaytiming.h"
#include "messagelayer.h"
#include "scenario/scenarioloader.h"
#include "scenemodels.h"
#include "scenesnapshot.h"
#include "simulationcontroller.h"
#include "timeline/durationtext.h"
#include "timeline/timelineaxis.h"
#include "timelinecanvas.h"
#include "timelineexport.h"

#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QQuickWindow>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace idem;

namespace {

/// A toggle's value as typed ("on", "off").
QString onOff(bool on)
{
    return on ? QStringLiteral("on") : QStringLiteral("off");
}

const QString twoClusters = QStringLiteral("parallel-two-clusters");
constexpr qint64 ms = 1000; // µs

/// Watches a model across one change and checks that every visible difference was announced:
/// by a reset, by row insertions/removals, or by dataChanged naming the row and the role.
class ModelWatch
{
public:
    explicit ModelWatch(QAbstractItemModel *model) : m_model(model), m_before(cells(model))
    {
        QObject::connect(model, &QAbstractItemModel::modelReset, &m_context,
                         [this] { m_reset = true; });
        QObject::connect(model, &QAbstractItemModel::rowsInserted, &m_context,
                         [this] { m_reset = true; });
        QObject::connect(model, &QAbstractItemModel::rowsRemoved, &m_context,
                         [this] { m_reset = true; });
        QObject::connect(model, &QAbstractItemModel::layoutChanged, &m_context,
                         [this] { m_reset = true; });
        QObject::connect(
            model, &QAbstractItemModel::dataChanged, &m_context,
            [this](const QModelIndex &from, const QModelIndex &to, const QList<int> &roles) {
                for (int r = from.row(); r <= to.row(); ++r)
                    m_announced.append({r, roles});
            });
    }

    /// Empty if every change was announced, else the first unannounced one.
    QString unannounced() const
    {
        if (m_reset)
            return {};
        const auto after = cells(m_model);
        if (after.size() != m_before.size())
            return QStringLiteral("row count changed without a signal");
        for (int r = 0; r < after.size(); ++r) {
            for (auto it = after[r].cbegin(); it != after[r].cend(); ++it) {
                if (m_before[r].value(it.key()) == it.value())
                    continue;
                const bool told =
                    std::any_of(m_announced.cbegin(), m_announced.cend(), [&](const auto &a) {
                        return a.first == r && (a.second.isEmpty() || a.second.contains(it.key()));
                    });
                if (!told)
                    return QStringLiteral("row %1 role %2: \"%3\" -> \"%4\" without dataChanged")
                        .arg(r)
                        .arg(QString::fromLatin1(m_model->roleNames().value(it.key())),
                             m_before[r].value(it.key()), it.value());
            }
        }
        return {};
    }

private:
    static QVector<QMap<int, QString>> cells(const QAbstractItemModel *model)
    {
        QVector<QMap<int, QString>> rows;
        for (int r = 0; r < model->rowCount(); ++r) {
            QMap<int, QString> row;
            for (int role : model->roleNames().keys())
                row.insert(role, cell(model->index(r, 0).data(role)));
            rows.append(row);
        }
        return rows;
    }

    QAbstractItemModel *m_model;
    QVector<QMap<int, QString>> m_before;
    QObject m_context;
    bool m_reset = false;
    QVector<QPair<int, QList<int>>> m_announced;
};

/// 20 clients × `perClient` requests, spread over 3 s, pairs sharing a key.
Scenario crowd(const Scenario &base, int perClient)
{
    Scenario s = base;
    s.name = QStringLiteral("crowd");
    s.clients.clear();
    s.requests.clear();
    for (int i = 0; i < 20; ++i)
        s.clients.append({QStringLiteral("Client %1").arg(i + 1), i % 2});
    for (int i = 0; i < 20 * perClient; ++i) {
        RequestSpec r;
        r.id = QStringLiteral("R%1").arg(i + 1);
        r.client = i % 20;
        r.atUs = qint64(i) * 7919 % 3'000'000;
        r.key = QStringLiteral("K%1").arg(i / 2 + 1);
        s.requests.append(r);
    }
    std::stable_sort(s.requests.begin(), s.requests.end(),
                     [](const RequestSpec &a, const RequestSpec &b) { return a.atUs < b.atUs; });
    return s;
}

QImage render(TimelineCanvas &canvas)
{
    QImage image(canvas.size().toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::magenta); // the canvas must paint every pixel
    QPainter painter(&image);
    canvas.paint(&painter);
    return image;
}

} // namespace

class TstGuiModels : public QObject
{
    Q_OBJECT

private slots:
    void verdictBanners_data();
    void verdictBanners();
    void crashedServerIsDownInTheModel();
    void marksBoundTheExport();
    void opensATimelineAsRecorded();
    void refusesABrokenTimeline();
    void exportOffersEveryFormat();
    void exportWritesEachFormat_data();
    void exportWritesEachFormat();
    void exportFailureKeepsTheFile();
    void loadsDefaultPreset();
    void presetRunsEngine_data();
    void presetRunsEngine();
    void roleNames_data();
    void roleNames();
    void modelsAtKnownMoment();
    void modelsWithMessagesInFlight();
    void cacheModel();
    void stepping_data();
    void stepping();
    void seekClampsAndSeekToEvent();
    void toggleKeepsTimeAndMatchesFreshRun_data();
    void toggleKeepsTimeAndMatchesFreshRun();
    void modelsAnnounceEveryChange_data();
    void modelsAnnounceEveryChange();
    void speedClamps_data();
    void speedClamps();
    void fasterSlower();
    void advanceMovesBySpeed_data();
    void advanceMovesBySpeed();
    void advanceCrossesCompressedGapQuickly();
    void playingTakesBusyTimeOverSpeed_data();
    void playingTakesBusyTimeOverSpeed();
    void playingStopsAtEnd();
    void framesMoveThePlayhead();
    void sendFromClientKeepsTime();
    void sendFromClientNewKey();
    void accountsAreNotClusterLetters();
    void lockHolderNamedAsARequest();
    void marksDoNotCarryOver();
    void ledgerKeepsDoubleChargeInView();
    void presetStartsFromItsOwnSettings();
    void durationTextWrites_data();
    void durationTextWrites();
    void axisGapsAndInverse();
    void canvasUsesControllersAxis();
    void axisRoundTrip_data();
    void axisRoundTrip();
    void axisCompressesLag();
    void messageModelUpdatesInPlace();
    void messageModelFollowsPlayback();
    void messageLayerFindsItsDots();
    void messageModelAnnouncesRerun();

    void canvasDrawsLanes();
    void canvasFadesAheadOfPlayhead();
    void canvasThemeProperties();
    void canvasHitTest_data();
    void canvasHitTest();
    void canvasMouse();
    void canvasMarksRecoveryApart_data();
    void canvasMarksRecoveryApart();
    void canvasLargeRunPaintsQuickly();
    void liveTimingStretchesEachRequestsHops();
};

// ----------------------------------------------------------------------------- controller

void TstGuiModels::loadsDefaultPreset()
{
    SimulationController c;
    QCOMPARE(c.session()->preset(), ScenarioLoader::defaultPreset());
    QCOMPARE(c.session()->presetNames().size(), 17); // the truth table (10) and its Part 2 (7)
    QCOMPARE(c.session()->presetTitles().size(), 17);
    QCOMPARE(c.session()->presetDescriptions().size(), 17);
    QCOMPARE(c.session()->presetIndex(),
             int(c.session()->presetNames().indexOf(c.session()->preset())));
    QVERIFY(c.playback()->run());
    QVERIFY(c.playback()->eventCount() > 0);
    QVERIFY(c.session()->errorText().isEmpty());
    QCOMPARE(c.playback()->timeUs(), 0.0);
    QVERIFY(!c.playback()->playing());
    QCOMPARE(c.playback()->highlightedEvent(), -1);
    QVERIFY(!c.session()->scenarioTitle().isEmpty());
}

void TstGuiModels::presetRunsEngine_data()
{
    QTest::addColumn<QString>("preset");
    for (const QString &name : ScenarioLoader::presetNames())
        QTest::addRow("%s", qPrintable(name)) << name;
}

void TstGuiModels::presetRunsEngine()
{
    QFETCH(QString, preset);
    SimulationController c;
    if (preset ==
        c.session()->preset()) // setting the preset on screen is a no-op: go elsewhere first
        c.session()->setPreset(c.session()->presetNames().constLast() == preset
                                   ? c.session()->presetNames().constFirst()
                                   : c.session()->presetNames().constLast());
    c.playback()->seek(1000);
    QSignalSpy runs(c.playback(), &Playback::runChanged);
    QSignalSpy presets(c.session(), &Session::presetChanged);
    c.session()->setPreset(preset);
    QCOMPARE(runs.count(), 1);
    QCOMPARE(presets.count(), 1);
    QCOMPARE(c.session()->preset(), preset);
    QVERIFY(c.playback()->eventCount() > 0);
    QCOMPARE(c.models()->events()->rowCount(), c.playback()->eventCount());
    QCOMPARE(c.playback()->timeUs(), 0.0); // a new preset starts from the beginning
    QCOMPARE(c.playback()->endUs(), double(c.playback()->run()->endUs));
    QVERIFY(!c.text()->verdictText().isEmpty());
    QCOMPARE(c.session()->scenarioTitle(),
             c.session()->presetTitles().value(c.session()->presetIndex()));

    c.session()->setPreset(preset); // again: nothing to do
    QCOMPARE(runs.count(), 1);
}

void TstGuiModels::roleNames_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QStringList>("roles");
    QTest::addRow("nodes") << "nodes"
                           << QStringList{"nodeId",       "name",      "kind",     "cluster",
                                          "indexInGroup", "groupSize", "tasks",    "busy",
                                          "down",         "backText",  "backBrief"};
    QTest::addRow("messages") << "messages"
                              << QStringList{"from",   "to",       "progress", "label",     "key",
                                             "status", "response", "falling",  "eventIndex"};
    const QStringList keys{"key", "status", "origin", "replica", "scope", "generation", "mark"};
    QTest::addRow("keysA") << "keysA" << keys;
    QTest::addRow("keysB") << "keysB" << keys;
    const QStringList ledger{"ledgerId", "key",    "origin",  "fromAcct",
                             "toAcct",   "amount", "replica", "duplicate"};
    QTest::addRow("ledgerA") << "ledgerA" << ledger;
    QTest::addRow("ledgerB") << "ledgerB" << ledger;
    QTest::addRow("cache") << "cache" << QStringList{"key", "status", "origin", "ttlText"};
    QTest::addRow("events") << "events"
                            << QStringList{"time",    "type", "from",    "to",    "status", "label",
                                           "caption", "key",  "startUs", "endUs", "lost"};
}

void TstGuiModels::roleNames()
{
    QFETCH(QString, model);
    QFETCH(QStringList, roles);
    SimulationController c;
    QAbstractItemModel *m = nullptr;
    for (const auto &[name, candidate] : models(c))
        if (name == model)
            m = candidate;
    QVERIFY(m);
    const QHash<int, QByteArray> names = m->roleNames();
    QList<int> keys = names.keys();
    std::sort(keys.begin(), keys.end());
    QStringList actual;
    for (int role : keys) {
        QVERIFY2(role > Qt::UserRole, "roles start at Qt::UserRole + 1");
        actual.append(QString::fromLatin1(names[role]));
    }
    QCOMPARE(actual, roles);
    QCOMPARE(keys.constFirst(), Qt::UserRole + 1);
}

void TstGuiModels::modelsAtKnownMoment()
{
    // parallel-two-clusters at 100 ms: both servers claimed K1 in their own DB and are charging.
    SimulationController c;
    c.session()->setPreset(twoClusters);
    c.playback()->seek(100 * ms);

    QCOMPARE(dump(c.models()->keysA()),
             QStringList{"key=K1 status=CREATED origin=A replica=false scope= generation=1 mark="});
    QCOMPARE(dump(c.models()->keysB()),
             QStringList{"key=K1 status=CREATED origin=B replica=false scope= generation=1 mark="});
    QCOMPARE(c.models()->ledgerA()->rowCount(), 0);
    QCOMPARE(c.models()->ledgerB()->rowCount(), 0);
    QCOMPARE(c.models()->cacheEntries()->rowCount(), 0);
    // Nothing on the network while the charges run; only the two claims replicating.
    MessageModel *messages = c.models()->messages();
    QCOMPARE(messages->rowCount(), 2);
    for (int i = 0; i < 2; ++i) {
        const QModelIndex m = messages->index(i);
        QCOMPARE(m.data(MessageModel::FromRole).toInt(), i == 0 ? 5 : 7); // DB A ⇄ DB B
        QCOMPARE(m.data(MessageModel::ToRole).toInt(), i == 0 ? 7 : 5);
        QCOMPARE(m.data(MessageModel::LabelRole).toString(), QStringLiteral("K1 CREATED"));
        QCOMPARE(m.data(MessageModel::KeyRole).toString(), QStringLiteral("K1"));
        QCOMPARE(m.data(MessageModel::StatusRole).toInt(), 0);
        QCOMPARE(m.data(MessageModel::ResponseRole).toBool(), false);
        QCOMPARE(m.data(MessageModel::EventRole).toInt(), 27 + i);
        QCOMPARE(m.data(MessageModel::ProgressRole).toDouble(), (100.0 - 24) / (60'024 - 24));
    }
    QVERIFY(c.text()->anomalyText().isEmpty());
    QCOMPARE(c.text()->lockTextA(), QStringLiteral("mutex off"));

    const QStringList names{"Client 1", "Client 2", "Router", "Server A1", "Server A2",
                            "DB A",     "Cache",    "DB B",   "Server B1", "Server B2"};
    const QStringList kinds{"client",   "client", "router",   "server", "server",
                            "database", "cache",  "database", "server", "server"};
    const QList<int> clusters{-1, -1, -1, 0, 0, 0, -1, 1, 1, 1};
    NodeModel *nodes = c.models()->nodes();
    QCOMPARE(nodes->rowCount(), names.size());
    for (int i = 0; i < names.size(); ++i) {
        const QModelIndex index = nodes->index(i);
        QCOMPARE(index.data(NodeModel::NameRole).toString(), names[i]);
        QCOMPARE(index.data(NodeModel::KindRole).toString(), kinds[i]);
        QCOMPARE(index.data(NodeModel::ClusterRole).toInt(), clusters[i]);
        const bool charging =
            names[i] == QLatin1String("Server A1") || names[i] == QLatin1String("Server B1");
        const bool waiting = kinds[i] == QLatin1String("client"); // for their answers
        QCOMPARE(index.data(NodeModel::BusyRole).toBool(), charging || waiting);
        QCOMPARE(index.data(NodeModel::TasksRole).toStringList(),
                 charging  ? QStringList{"K1 · charging"}
                 : waiting ? QStringList{"K1 · waiting"}
                           : QStringList{});
    }
    QCOMPARE(nodes->index(4).data(NodeModel::IndexInGroupRole).toInt(), 1); // Server A2
    QCOMPARE(nodes->index(4).data(NodeModel::GroupSizeRole).toInt(), 2);
    QCOMPARE(nodes->index(3).data(NodeModel::NodeIdRole).toString(), QStringLiteral("server-a1"));

    EventModel *events = c.models()->events();
    QCOMPARE(events->rowCount(), c.playback()->eventCount());
    const QModelIndex first = events->index(0);
    QCOMPARE(first.data(EventModel::TypeRole).toString(), QStringLiteral("send"));
    QCOMPARE(first.data(EventModel::FromRole).toInt(), 0);
    QCOMPARE(first.data(EventModel::ToRole).toInt(), 2);
    QCOMPARE(first.data(EventModel::LabelRole).toString(), QStringLiteral("POST K1"));
    QCOMPARE(first.data(EventModel::KeyRole).toString(), QStringLiteral("K1"));
    QCOMPARE(first.data(EventModel::StartRole).toDouble(), 0.0);
    QCOMPARE(first.data(EventModel::EndRole).toDouble(), 20.0 * ms);
    QCOMPARE(first.data(EventModel::LostRole).toBool(), false);
    QVERIFY(!first.data(EventModel::CaptionRole).toString().isEmpty());

    // Past the charges: a ledger row in each DB, both marked as the duplicate.
    c.playback()->seek(360 * ms);
    QCOMPARE(dump(c.models()->ledgerA()),
             QStringList{"ledgerId=A-1 key=K1 origin=A fromAcct=alice toAcct=bob "
                         "amount=10 replica=false duplicate=true"});
    QCOMPARE(dump(c.models()->ledgerB()),
             QStringList{"ledgerId=B-1 key=K1 origin=B fromAcct=alice toAcct=bob "
                         "amount=10 replica=false duplicate=true"});
    QCOMPARE(
        dump(c.models()->keysA()),
        QStringList{"key=K1 status=CONSUMED origin=A replica=false scope= generation=1 mark="});
    QVERIFY(c.text()->anomalyText().startsWith(QLatin1String("DUPLICATE EFFECT")));
    QCOMPARE(c.text()->balancesA(), QStringLiteral("alice -10 · bob +10"));
    for (int i = 0; i < nodes->rowCount(); ++i)
        QVERIFY(!nodes->index(i).data(NodeModel::BusyRole).toBool());
}

void TstGuiModels::modelsWithMessagesInFlight()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    c.playback()->seek(340 * ms); // both 201s half way from the router to the clients
    QList<int> answers;           // beside them, rows replicating between the DBs
    for (int i = 0; i < c.models()->messages()->rowCount(); ++i)
        if (c.models()->messages()->index(i).data(MessageModel::StatusRole).toInt() != 0)
            answers.append(i);
    QCOMPARE(answers.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const QModelIndex m = c.models()->messages()->index(answers[i]);
        QCOMPARE(m.data(MessageModel::FromRole).toInt(), 2);
        QCOMPARE(m.data(MessageModel::ToRole).toInt(), i);
        QCOMPARE(m.data(MessageModel::StatusRole).toInt(), 201);
        QCOMPARE(m.data(MessageModel::ResponseRole).toBool(), true);
        QCOMPARE(m.data(MessageModel::FallingRole).toBool(), false);
        QCOMPARE(m.data(MessageModel::LabelRole).toString(), QStringLiteral("201 K1"));
        QCOMPARE(m.data(MessageModel::ProgressRole).toDouble(), 0.5);
        const int event = m.data(MessageModel::EventRole).toInt();
        QCOMPARE(c.playback()->run()->events[event].type, EventType::Send);
    }

    // A lost message falls out of the network half way.
    c.session()->setPreset(QStringLiteral("lost-response"));
    c.playback()->seek(345 * ms);
    int falling = 0;
    for (int i = 0; i < c.models()->messages()->rowCount(); ++i)
        falling += c.models()->messages()->index(i).data(MessageModel::FallingRole).toBool();
    QCOMPARE(falling, 1);
}

void TstGuiModels::cacheModel()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    QCOMPARE(c.session()->setSetting(QStringLiteral("cache"), onOff(true)), QString());
    c.playback()->seek(30 * ms);
    QCOMPARE(c.models()->cacheEntries()->rowCount(), 1);
    const QModelIndex e = c.models()->cacheEntries()->index(0);
    QCOMPARE(e.data(CacheModel::KeyRole).toString(), QStringLiteral("K1"));
    QCOMPARE(e.data(CacheModel::StatusRole).toString(), QStringLiteral("CREATED"));
    QCOMPARE(e.data(CacheModel::OriginRole).toString(), QStringLiteral("A"));
    QVERIFY(e.data(CacheModel::TtlTextRole).toString().endsWith(QLatin1String(" s")));
    c.playback()->seek(c.playback()->endUs());
    QCOMPARE(c.models()->cacheEntries()->index(0).data(CacheModel::StatusRole).toString(),
             QStringLiteral("CONSUMED"));
}

void TstGuiModels::stepping_data()
{
    QTest::addColumn<double>("startMs");
    QTest::addColumn<QString>("action");
    QTest::addColumn<double>("expectedMs"); // -1 = the end of the run
    // parallel-two-clusters: events at 0, 20, 21, 22, 24, 25, 326, ... ms
    QTest::addRow("next from 0") << 0.0 << "next" << 20.0;
    QTest::addRow("next from 20 ms") << 20.0 << "next" << 21.0;
    QTest::addRow("next between events") << 20.5 << "next" << 21.0;
    QTest::addRow("next over the charge") << 25.0 << "next" << 326.0;
    QTest::addRow("next at the end") << -1.0 << "next" << -1.0;
    QTest::addRow("previous from 21 ms") << 21.0 << "previous" << 20.0;
    QTest::addRow("previous between events") << 20.5 << "previous" << 20.0;
    QTest::addRow("previous from 20 ms") << 20.0 << "previous" << 0.0;
    QTest::addRow("previous from 0") << 0.0 << "previous" << 0.0;
    QTest::addRow("restart") << 330.0 << "restart" << 0.0;
    QTest::addRow("restart from the end") << -1.0 << "restart" << 0.0;
}

void TstGuiModels::stepping()
{
    QFETCH(double, startMs);
    QFETCH(QString, action);
    QFETCH(double, expectedMs);
    SimulationController c;
    c.session()->setPreset(twoClusters);
    const double start = startMs < 0 ? c.playback()->endUs() : startMs * ms;
    const double expected = expectedMs < 0 ? c.playback()->endUs() : expectedMs * ms;
    c.playback()->seek(start);
    QCOMPARE(c.playback()->timeUs(), start);
    QSignalSpy times(c.playback(), &Playback::timeChanged);
    if (action == QLatin1String("next"))
        c.playback()->stepNext();
    else if (action == QLatin1String("previous"))
        c.playback()->stepPrevious();
    else
        c.playback()->restart();
    QCOMPARE(c.playback()->timeUs(), expected);
    QCOMPARE(times.count(), start == expected ? 0 : 1);
    // The current event is the last one at or before the playhead.
    const auto &events = c.playback()->run()->events;
    const int current = c.playback()->currentEvent();
    QVERIFY(current >= 0);
    QVERIFY(events[current].t <= qint64(expected));
    QVERIFY(current + 1 == events.size() || events[current + 1].t > qint64(expected));
}

void TstGuiModels::seekClampsAndSeekToEvent()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    QSignalSpy times(c.playback(), &Playback::timeChanged);
    QSignalSpy highlights(c.playback(), &Playback::highlightedEventChanged);
    c.playback()->seek(-5);
    QCOMPARE(c.playback()->timeUs(), 0.0);
    QCOMPARE(times.count(), 0); // already at 0
    c.playback()->seek(1e12);
    QCOMPARE(c.playback()->timeUs(), c.playback()->endUs());
    QCOMPARE(times.count(), 1);

    c.playback()->seekToEvent(6);
    QCOMPARE(c.playback()->timeUs(), double(c.playback()->run()->events[6].t));
    QCOMPARE(c.playback()->highlightedEvent(), 6);
    QCOMPARE(times.count(), 2);
    QCOMPARE(highlights.count(), 1);
    c.playback()->seekToEvent(6); // same event: nothing changes
    QCOMPARE(times.count(), 2);
    QCOMPARE(highlights.count(), 1);
    c.playback()->seekToEvent(-1);
    c.playback()->seekToEvent(c.playback()->eventCount());
    QCOMPARE(c.playback()->highlightedEvent(), 6);
    QCOMPARE(times.count(), 2);

    c.playback()->setHighlightedEvent(-1);
    QCOMPARE(highlights.count(), 2);
    c.playback()->setHighlightedEvent(-1);
    QCOMPARE(highlights.count(), 2);
}

void TstGuiModels::toggleKeepsTimeAndMatchesFreshRun_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<double>("atMs");
    QTest::addColumn<QString>("setting");   // its scenario-file name
    QTest::addColumn<QString>("text");      // as typed
    QTest::addColumn<bool>("changesScene"); // the moment looks different after the change

    QTest::addRow("two clusters, cache on while claiming")
        << twoClusters << 23.0 << QStringLiteral("cache") << QStringLiteral("on") << true;
    QTest::addRow("two clusters, cache on while charging")
        << twoClusters << 100.0 << QStringLiteral("cache") << QStringLiteral("on") << true;
    QTest::addRow("two clusters, cache on after the answers")
        << twoClusters << 400.0 << QStringLiteral("cache") << QStringLiteral("on") << true;
    QTest::addRow("two clusters, mutex on (cannot help)")
        << twoClusters << 400.0 << QStringLiteral("mutex") << QStringLiteral("on") << true;
    QTest::addRow("same cluster, mutex on while charging")
        << "parallel-same-cluster" << 100.0 << QStringLiteral("mutex") << QStringLiteral("on")
        << true;
    QTest::addRow("same cluster, mutex on at the end")
        << "parallel-same-cluster" << 1e9 << QStringLiteral("mutex") << QStringLiteral("on")
        << true;
    QTest::addRow("burst, mutex on mid-burst")
        << "burst" << 23.0 << QStringLiteral("mutex") << QStringLiteral("on") << true;
    QTest::addRow("failover, cache on after the retry")
        << "failover-retry" << 5400.0 << QStringLiteral("cache") << QStringLiteral("on") << true;
    QTest::addRow("single request, delay 40 ms")
        << "single-request" << 30.0 << QStringLiteral("delayMs") << QStringLiteral("40") << true;
    QTest::addRow("lost response, delay 5 ms")
        << "lost-response" << 1030.0 << QStringLiteral("delayMs") << QStringLiteral("5") << true;
    QTest::addRow("single request, replay original (nothing to replay)")
        << "single-request" << 200.0 << QStringLiteral("replay") << QStringLiteral("original")
        << false;
}

void TstGuiModels::toggleKeepsTimeAndMatchesFreshRun()
{
    QFETCH(QString, preset);
    QFETCH(double, atMs);
    QFETCH(QString, setting);
    QFETCH(QString, text);
    QFETCH(bool, changesScene);

    SimulationController toggled;
    toggled.session()->setPreset(preset);
    toggled.playback()->seek(atMs * ms);
    const double before = toggled.playback()->timeUs();
    const QStringList sceneBefore = snapshot(toggled);
    QSignalSpy runs(toggled.playback(), &Playback::runChanged);
    QSignalSpy settings(toggled.session(), &Session::settingsChanged);
    QCOMPARE(toggled.session()->setSetting(setting, text), QString());
    QCOMPARE(runs.count(), 1);
    QCOMPARE(settings.count(), 1);
    QCOMPARE(toggled.session()->scenario().settings.valueText(setting), text);
    // The playhead stays (unless the new run is shorter than where it was).
    QCOMPARE(toggled.playback()->timeUs(), std::min(before, toggled.playback()->endUs()));

    SimulationController fresh;
    fresh.session()->setPreset(preset);
    QCOMPARE(fresh.session()->setSetting(setting, text), QString());
    fresh.playback()->seek(toggled.playback()->timeUs());
    const QStringList sceneAfter = snapshot(toggled);
    QCOMPARE(sceneAfter, snapshot(fresh));
    // The comparison has teeth: the change does show at this moment.
    QCOMPARE(sceneAfter != sceneBefore, changesScene);
}

void TstGuiModels::modelsAnnounceEveryChange_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("setting"); // its scenario-file name
    QTest::addColumn<QString>("text");    // as typed
    for (const QString &preset : ScenarioLoader::presetNames()) {
        QTest::addRow("%s mutex", qPrintable(preset))
            << preset << QStringLiteral("mutex") << QStringLiteral("on");
        QTest::addRow("%s cache", qPrintable(preset))
            << preset << QStringLiteral("cache") << QStringLiteral("on");
        QTest::addRow("%s delay", qPrintable(preset))
            << preset << QStringLiteral("delayMs") << QStringLiteral("35");
    }
}

void TstGuiModels::modelsAnnounceEveryChange()
{
    // A QML view only learns what the model signals: a toggle that changes what a row shows
    // must say so (reset, row changes, or dataChanged with that role), at every moment.
    QFETCH(QString, preset);
    QFETCH(QString, setting);
    QFETCH(QString, text);
    SimulationController c;
    c.session()->setPreset(preset);
    const QString original = c.session()->scenario().settings.valueText(setting);
    QVector<qint64> moments;
    for (const Event &e : c.playback()->run()->events)
        if (moments.isEmpty() || moments.last() != e.t)
            moments.append(e.t);
    const auto all = models(c);
    QStringList failures;
    QStringList messageFailures;
    for (qint64 t : moments) {
        for (qint64 at : {t, t + 500}) { // on an event, and just after it
            QCOMPARE(c.session()->setSetting(setting, original), QString());
            c.playback()->seek(double(at));
            std::vector<std::unique_ptr<ModelWatch>> watches;
            for (const auto &entry : all)
                watches.push_back(std::make_unique<ModelWatch>(entry.second));
            QCOMPARE(c.session()->setSetting(setting, text), QString());
            for (size_t i = 0; i < watches.size(); ++i)
                if (const QString what = watches[i]->unannounced(); !what.isEmpty())
                    (all[i].second == c.models()->messages() ? messageFailures : failures)
                        .append(QStringLiteral("t=%1 µs %2: %3").arg(at).arg(all[i].first, what));
        }
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 5).join(QLatin1String("\n"))));
    QVERIFY2(messageFailures.isEmpty(),
             qPrintable(messageFailures.mid(0, 5).join(QLatin1String("\n"))));
}

void TstGuiModels::messageModelAnnouncesRerun()
{
    // parallel-two-clusters at 21.5 ms: event 6 is Server A1's SELECT on its way to DB A. With
    // the cache on, event 6 is Server A1's SET NX on its way to the cache: another message
    // with the same index. MessageModel::setMessages sees the same event indices, updates in
    // place would announce only `progress`, and a QML token would keep flying to DB A: a row
    // is the same message only if its ends, label and status are unchanged too.
    SimulationController c;
    c.session()->setPreset(twoClusters);
    c.playback()->seek(21.5 * ms);
    ModelWatch watch(c.models()->messages());
    const QStringList before = dump(c.models()->messages());
    QCOMPARE(c.session()->setSetting(QStringLiteral("cache"), onOff(true)), QString());
    QVERIFY(dump(c.models()->messages()) != before);
    QVERIFY2(watch.unannounced().isEmpty(), qPrintable(watch.unannounced()));
}

void TstGuiModels::opensATimelineAsRecorded()
{
    // Export a run, open the file: the same run is on screen, not recomputed, until a
    // setting changes and the engine runs its scenario again.
    SimulationController original;
    original.session()->setPreset(twoClusters);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.json"));
    QVERIFY(!Exporter::write(*original.playback()->run(), path));

    SimulationController c;
    QSignalSpy runs(c.playback(), &Playback::runChanged);
    QVERIFY2(c.session()->loadFile(QUrl::fromLocalFile(path)),
             qPrintable(c.session()->errorText()));
    QVERIFY(c.session()->recorded());
    QCOMPARE(runs.count(), 1);
    QCOMPARE(c.session()->preset(), path);
    QCOMPARE(c.session()->presetIndex(), -1);
    QCOMPARE(c.session()->scenarioTitle(), original.session()->scenarioTitle());
    QCOMPARE(c.playback()->eventCount(), original.playback()->eventCount());
    QCOMPARE(c.playback()->endUs(), original.playback()->endUs());
    QCOMPARE(TimelineExporter::render(*c.playback()->run()),
             TimelineExporter::render(*original.playback()->run()));
    for (const double t : {0.0, 20.5 * ms, 340.0 * ms, 60'030.0 * ms}) {
        c.playback()->seek(t);
        original.playback()->seek(t);
        QCOMPARE(c.text()->caption(), original.text()->caption());
        QCOMPARE(c.text()->anomalyText(), original.text()->anomalyText());
        QCOMPARE(dump(c.models()->messages()), dump(original.models()->messages()));
        QCOMPARE(dump(c.models()->ledgerA()), dump(original.models()->ledgerA()));
    }
    QCOMPARE(c.session()->setSetting(QStringLiteral("cache"), onOff(true)),
             QString()); // a setting changed: the engine runs the recorded scenario again
    QVERIFY(!c.session()->recorded());
    QVERIFY(c.text()->verdictText() != original.text()->verdictText());
}

void TstGuiModels::refusesABrokenTimeline()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    const QString before = c.text()->verdictText();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"schema": "idemlab.timeline/9", "events": [], "nodes": []})");
    f.close();
    QVERIFY(!c.session()->loadFile(QUrl::fromLocalFile(path)));
    QVERIFY2(c.session()->errorText().contains(QStringLiteral("idemlab.timeline/9")),
             qPrintable(c.session()->errorText()));
    QCOMPARE(c.text()->verdictText(), before); // the run on screen stays
    QVERIFY(!c.session()->recorded());
}

void TstGuiModels::marksBoundTheExport()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    QSignalSpy marks(c.playback(), &Playback::marksChanged);
    QVERIFY(!c.playback()->hasMarks());
    QCOMPARE(c.session()->exportRange(true).fromUs, 0);
    c.playback()->seek(20 * ms);
    c.playback()->setMarkIn();
    c.playback()->seek(340 * ms);
    c.playback()->setMarkOut();
    QCOMPARE(marks.count(), 2);
    QVERIFY(c.playback()->hasMarks());
    QCOMPARE(c.session()->exportRange(true).fromUs, 20 * ms);
    QCOMPARE(c.session()->exportRange(true).toUs, 340 * ms);
    QCOMPARE(c.session()->exportRange(false).fromUs, 0); // "whole run" ignores the marks
    c.playback()->seek(10 * ms);
    c.playback()->setMarkOut(); // before the in mark: the in mark goes
    QCOMPARE(c.playback()->markInUs(), -1.0);
    QCOMPARE(c.session()->exportRange(true).fromUs, 0);
    QCOMPARE(c.session()->exportRange(true).toUs, 10 * ms);
    QCOMPARE(c.session()->setSetting(QStringLiteral("mutex"), onOff(true)),
             QString()); // a rerun keeps the marks: they are times
    QCOMPARE(c.playback()->markOutUs(), 10.0 * ms);
    c.playback()->clearMarks();
    QVERIFY(!c.playback()->hasMarks());
    QCOMPARE(marks.count(), 4);
}

void TstGuiModels::exportOffersEveryFormat()
{
    // The dialog lists every format the engine's exporter writes, and the window's PNG.
    QStringList offered;
    for (const QVariant &f : TimelineExport::formats())
        offered.append(f.toMap().value(QStringLiteral("suffix")).toString());
    QCOMPARE(offered, Exporter::formats() + QStringList{QStringLiteral("png")});
}

void TstGuiModels::exportWritesEachFormat_data()
{
    QTest::addColumn<QString>("suffix");
    for (const QVariant &f : TimelineExport::formats()) {
        const QString suffix = f.toMap().value(QStringLiteral("suffix")).toString();
        if (suffix != QLatin1String("png"))
            QTest::addRow("%s", qPrintable(suffix)) << suffix;
    }
}

void TstGuiModels::exportWritesEachFormat()
{
    // The GUI's Export writes what the CLI's --export writes for the same run and range.
    QFETCH(QString, suffix);
    SimulationController c;
    c.session()->setPreset(twoClusters);
    c.playback()->seek(20 * ms);
    c.playback()->setMarkIn();
    c.playback()->seek(400 * ms);
    c.playback()->setMarkOut();
    TimelineExport exporter;
    exporter.setSession(c.session());
    QCOMPARE(exporter.suggestedName(suffix, true),
             QStringLiteral("parallel-two-clusters-mutex-off-cache-off-20ms-400ms.") + suffix);
    QTemporaryDir dir;
    for (const bool marked : {false, true}) {
        const QString path = dir.filePath(exporter.suggestedName(suffix, marked));
        QCOMPARE(exporter.save(QUrl::fromLocalFile(path), marked), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString error;
        const auto expected =
            Exporter::render(*c.playback()->run(), path, c.session()->exportRange(marked), &error);
        QVERIFY2(expected, qPrintable(error));
        QCOMPARE(file.readAll(), *expected);
    }
}

void TstGuiModels::exportFailureKeepsTheFile()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    TimelineExport exporter;
    exporter.setSession(c.session());
    QTemporaryDir dir;
    // An unknown extension: refused, nothing written.
    const QString odd = dir.filePath(QStringLiteral("run.docx"));
    QVERIFY(!exporter.save(QUrl::fromLocalFile(odd), false).isEmpty());
    QVERIFY(!QFile::exists(odd));
    // A file where the folder should be: the write fails (even as root) with a message.
    const QString blocker = dir.filePath(QStringLiteral("blocker"));
    QFile b(blocker);
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.write("keep me");
    b.close();
    const QString error =
        exporter.save(QUrl::fromLocalFile(blocker + QStringLiteral("/run.csv")), false);
    QVERIFY2(error.contains(QStringLiteral("run.csv")), qPrintable(error));
    QVERIFY(b.open(QIODevice::ReadOnly));
    QCOMPARE(b.readAll(), QByteArray("keep me"));
    // No window to grab: a message, no crash.
    QVERIFY(!exporter.saveImage(nullptr, QUrl::fromLocalFile(dir.filePath("x.png"))).isEmpty());
}

void TstGuiModels::speedClamps_data()
{
    QTest::addColumn<double>("requested");
    QTest::addColumn<double>("expected");
    QTest::addRow("normal") << 0.5 << 0.5;
    QTest::addRow("lowest") << 0.01 << 0.01;
    QTest::addRow("below") << 0.001 << 0.01;
    QTest::addRow("zero") << 0.0 << 0.01;
    QTest::addRow("negative") << -3.0 << 0.01;
    QTest::addRow("highest") << 10.0 << 10.0;
    QTest::addRow("above") << 50.0 << 10.0;
}

void TstGuiModels::speedClamps()
{
    QFETCH(double, requested);
    QFETCH(double, expected);
    SimulationController c;
    QSignalSpy speeds(c.playback(), &Playback::speedChanged);
    c.playback()->setSpeed(requested);
    QCOMPARE(c.playback()->speed(), expected);
    QCOMPARE(speeds.count(), qFuzzyCompare(expected, 0.05) ? 0 : 1);
    c.playback()->setSpeed(requested); // unchanged: no signal
    QCOMPARE(speeds.count(), qFuzzyCompare(expected, 0.05) ? 0 : 1);
}

void TstGuiModels::fasterSlower()
{
    SimulationController c;
    QCOMPARE(c.playback()->speed(), 0.05);
    QSignalSpy speeds(c.playback(), &Playback::speedChanged);
    c.playback()->faster();
    QCOMPARE(c.playback()->speed(), 0.1);
    c.playback()->slower();
    c.playback()->slower();
    QCOMPARE(c.playback()->speed(), 0.025);
    QCOMPARE(speeds.count(), 3);
    for (int i = 0; i < 20; ++i)
        c.playback()->slower();
    QCOMPARE(c.playback()->speed(), 0.01);
    for (int i = 0; i < 20; ++i)
        c.playback()->faster();
    QCOMPARE(c.playback()->speed(), 10.0);
}

void TstGuiModels::advanceMovesBySpeed_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<double>("startMs");
    QTest::addColumn<qint64>("wallNs");
    QTest::addColumn<double>("expectedUs");
    // Inside a busy stretch virtual time runs at speed × wall time.
    QTest::addRow("0.05× for 100 ms") << 0.05 << 0.0 << qint64(100'000'000) << 5000.0;
    QTest::addRow("1× for 10 ms") << 1.0 << 0.0 << qint64(10'000'000) << 10'000.0;
    QTest::addRow("0.5× for 2 ms") << 0.5 << 21.0 << qint64(2'000'000) << 22'000.0;
    QTest::addRow("10× for 1 ms") << 10.0 << 0.0 << qint64(1'000'000) << 10'000.0;
    QTest::addRow("across events") << 1.0 << 20.0 << qint64(3'000'000) << 23'000.0;
    // The replication lag (350 ms → 60.024 s) is crossed in one second of wall time, at
    // any speed: 59.674× faster at 1×.
    QTest::addRow("1× 20 ms into the lag")
        << 1.0 << 350.0 << qint64(20'000'000) << 350'000.0 + 20'000.0 * 59.674;
    QTest::addRow("0.05× 20 ms into the lag")
        << 0.05 << 350.0 << qint64(20'000'000) << 350'000.0 + 20'000.0 * 59.674;
    // A quiet stretch shorter than a compressed gap plays at the speed: 25 ms → 326 ms has
    // events in between, 20 ms → 20.5 ms none.
    QTest::addRow("0.01× for 50 ms") << 0.01 << 20.0 << qint64(50'000'000) << 20'500.0;
}

void TstGuiModels::advanceMovesBySpeed()
{
    QFETCH(double, speed);
    QFETCH(double, startMs);
    QFETCH(qint64, wallNs);
    QFETCH(double, expectedUs);
    SimulationController c;
    c.session()->setPreset(twoClusters);
    c.playback()->setSpeed(speed);
    c.playback()->seek(startMs * ms);
    QSignalSpy times(c.playback(), &Playback::timeChanged);
    c.playback()->advance(wallNs);
    QVERIFY2(std::abs(c.playback()->timeUs() - expectedUs) <= 1.0,
             qPrintable(
                 QStringLiteral("%1 µs, expected %2").arg(c.playback()->timeUs()).arg(expectedUs)));
    QCOMPARE(times.count(), 1);
}

void TstGuiModels::advanceCrossesCompressedGapQuickly()
{
    // From the last answer (350 ms) past the first replicated row (60.024 s) at 0.05×: the
    // 60 s lag must take about as long as 40 ms of traffic (0.8 s), not 20 minutes.
    SimulationController c;
    c.session()->setPreset(twoClusters);
    c.playback()->seek(350 * ms);
    const qint64 tickNs = 16'000'000;
    qint64 wall = 0;
    while (c.playback()->timeUs() < 60'024 * ms && wall < 600'000'000'000) {
        c.playback()->advance(tickNs);
        wall += tickNs;
    }
    QVERIFY2(wall <= 3'000'000'000, qPrintable(QStringLiteral("took %1 s").arg(wall / 1e9)));
    QVERIFY(wall >= 500'000'000); // still visible as a pause, not a jump
}

void TstGuiModels::playingTakesBusyTimeOverSpeed_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<double>("speed");
    for (const char *preset : {"single-request", "retry-after-success", "burst"})
        for (const double speed : {0.01, 0.05, 1.0})
            QTest::addRow("%s at %g×", preset, speed) << QString::fromLatin1(preset) << speed;
}

void TstGuiModels::playingTakesBusyTimeOverSpeed()
{
    // Played frame by frame (16 ms of wall time each) from 0 to the end, a run takes its
    // busy time / speed (0.01×: 1 s of traffic lasts 100 s) plus each compressed idle gap
    // at the speed too but never more than gapPlayUs: the speed is what the busy parts get.
    QFETCH(QString, preset);
    QFETCH(double, speed);
    SimulationController c;
    c.session()->setPreset(preset);
    Playback &p = *c.playback();
    p.setSpeed(speed);
    p.seek(0);
    const double end = p.endUs();
    double idle = 0;
    double idleWall = 0;
    for (const TimelineAxis::Gap &g : p.axis().gaps()) {
        idle += double(g.to - g.from);
        idleWall += std::min(double(g.to - g.from) / speed, double(Playback::gapPlayUs));
    }
    const double expectedWallUs = (end - idle) / speed + idleWall;
    const qint64 tickNs = 16'000'000;
    const TimelineAxis &axis = p.axis();
    const auto busyBetween = [&axis](double from, double to) {
        if (axis.gapAt(qint64(from)) || axis.gapAt(qint64(to)))
            return false;
        const auto next = axis.nextGap(qint64(from));
        return !next || next->from >= qint64(to);
    };
    qint64 ticks = 0;
    int busyFrames = 0;
    while (p.timeUs() < end && ticks < 10'000'000) {
        const double before = p.timeUs();
        p.advance(tickNs);
        ++ticks;
        // A frame wholly inside a busy stretch moves the playhead by speed × 16 ms exactly.
        if (p.timeUs() < end && busyBetween(before, p.timeUs())) {
            QVERIFY2(std::abs(p.timeUs() - before - speed * tickNs / 1000.0) <= 1.0,
                     qPrintable(QStringLiteral("at %1 µs a frame moved %2 µs")
                                    .arg(before)
                                    .arg(p.timeUs() - before)));
            ++busyFrames;
        }
    }
    QVERIFY(busyFrames > 0);
    const double wallUs = double(ticks) * tickNs / 1000.0;
    // One frame of slack per gap and at the end (a frame that crosses into or out of a gap).
    const double slack = double(tickNs) / 1000.0 * double(p.axis().gaps().size() + 1);
    QVERIFY2(std::abs(wallUs - expectedWallUs) <= slack,
             qPrintable(QStringLiteral("took %1 s of wall time, expected %2 s")
                            .arg(wallUs / 1e6)
                            .arg(expectedWallUs / 1e6)));
    QVERIFY(!p.playing());
}

void TstGuiModels::framesMoveThePlayhead()
{
    // Each drawn frame (FrameClock) moves the playhead by the wall time since it last moved,
    // at the speed, while playing; paused, a frame moves nothing. However often frames and the
    // timer's stand-in ticks come, the busy part of the run never plays faster than the wall
    // clock allows (a compressed gap is crossed faster: the bound holds before the first).
    SimulationController c;
    c.session()->setPreset(QStringLiteral("burst"));
    Playback &p = *c.playback();
    p.setFrameDriven(true);
    p.setSpeed(0.01);
    p.seek(0);
    p.frameDrawn();
    QCOMPARE(p.timeUs(), 0.0); // paused
    const auto firstGap = p.axis().nextGap(0);
    int moves = 0; // each move rounds the playhead to a whole µs
    const auto withinWall = [&](const QElapsedTimer &wall) {
        return (firstGap && p.timeUs() > double(firstGap->from)) ||
               p.timeUs() <= 0.01 * double(wall.nsecsElapsed()) / 1000.0 + moves;
    };

    QElapsedTimer wall;
    wall.start();
    p.setPlaying(true);
    QTest::qWait(30);
    p.frameDrawn();
    ++moves;
    QVERIFY2(p.timeUs() > 0, "a frame while playing moves the playhead");
    QVERIFY(withinWall(wall));
    for (int frame = 0; frame < 20 && p.playing(); ++frame) {
        QTest::qWait(4);
        const double before = p.timeUs();
        p.frameDrawn();
        ++moves;
        QVERIFY(p.timeUs() >= before);
    }
    QVERIFY2(withinWall(wall), qPrintable(QStringLiteral("%1 µs of the run in %2 ms at 0.01×")
                                              .arg(p.timeUs())
                                              .arg(wall.elapsed())));

    p.setPlaying(false);
    const double paused = p.timeUs();
    QTest::qWait(20);
    p.frameDrawn();
    QCOMPARE(p.timeUs(), paused);
}

void TstGuiModels::playingStopsAtEnd()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    QSignalSpy playing(c.playback(), &Playback::playingChanged);
    c.playback()->setPlaying(true);
    QVERIFY(c.playback()->playing());
    QTRY_VERIFY(c.playback()->timeUs() > 0); // the timer moves the playhead

    c.playback()->seek(c.playback()->endUs() - 1000);
    c.playback()->advance(1'000'000'000);
    QCOMPARE(c.playback()->timeUs(), c.playback()->endUs());
    QVERIFY(!c.playback()->playing());
    QCOMPARE(playing.count(), 2);

    c.playback()->togglePlaying(); // at the end, Play starts over
    QVERIFY(c.playback()->playing());
    QCOMPARE(c.playback()->timeUs(), 0.0);
    c.playback()->stepNext(); // stepping pauses
    QVERIFY(!c.playback()->playing());
    QCOMPARE(playing.count(), 4);
}

void TstGuiModels::sendFromClientKeepsTime()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    c.playback()->seek(400 * ms);
    const RunResult old = *c.playback()->run();
    QSignalSpy runs(c.playback(), &Playback::runChanged);
    c.session()->sendFromClient(0, false);
    QCOMPARE(runs.count(), 1);
    QCOMPARE(c.playback()->timeUs(), 400.0 * ms);
    QVERIFY(c.playback()->eventCount() > old.events.size());

    const RunResult &run = *c.playback()->run();
    QCOMPARE(run.attempts.size(), old.attempts.size() + 1);
    int added = -1;
    for (int i = 0; i < run.attempts.size(); ++i)
        if (run.attempts[i].sentUs == 400 * ms)
            added = i;
    QVERIFY(added >= 0);
    QCOMPARE(run.attempts[added].key, QStringLiteral("K1"));
    QCOMPARE(run.attempts[added].status, 200); // a replay of the stored answer
    for (const Event &e : run.events)
        if (e.request == added)
            QVERIFY(e.t >= 400 * ms);
    // Nothing before the playhead changed.
    int same = 0;
    while (same < old.events.size() && old.events[same].t < 400 * ms) {
        QCOMPARE(run.events[same].caption, old.events[same].caption);
        ++same;
    }
    QVERIFY(same > 0);

    c.session()->sendFromClient(-1, false); // no such client
    c.session()->sendFromClient(2, false);
    QCOMPARE(runs.count(), 1);
}

void TstGuiModels::sendFromClientNewKey()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    c.playback()->seek(400 * ms);
    c.session()->sendFromClient(0, true);
    QCOMPARE(c.playback()->timeUs(), 400.0 * ms);
    auto hasK2 = [&] {
        const QStringList rows = dump(c.models()->keysA());
        return std::any_of(rows.cbegin(), rows.cend(),
                           [](const QString &r) { return r.startsWith(QLatin1String("key=K2 ")); });
    };
    QVERIFY(!hasK2());
    c.playback()->seek(c.playback()->endUs());
    QVERIFY(hasK2());
    QCOMPARE(c.playback()->run()->verdict.sideEffects.value(QStringLiteral("K2")), 1);
}

void TstGuiModels::presetStartsFromItsOwnSettings()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    QCOMPARE(c.session()->settingsChangedText(), QString());
    QSignalSpy settings(c.session(), &Session::settingsChanged);
    QCOMPARE(c.session()->setSetting(QStringLiteral("lagMs"), QString::number(27)), QString());
    QCOMPARE(settings.count(), 1);
    QCOMPARE(c.session()->settingsChangedText(),
             QStringLiteral("replication lag 27 ms (preset: 60 s)"));
    QCOMPARE(c.session()->setSetting(QStringLiteral("mutex"), onOff(true)), QString());
    QCOMPARE(c.session()->settingsChangedText(),
             QStringLiteral("mutex on (preset: off) · replication lag 27 ms (preset: 60 s)"));
    QCOMPARE(c.session()->setSetting(QStringLiteral("replay"), QStringLiteral("original")),
             QString()); // words, not the engine's "replay original"
    QCOMPARE(c.session()->settingsChangedText(),
             QStringLiteral("mutex on (preset: off) · replication lag 27 ms (preset: 60 s) · "
                            "replay a finished request as original 201 (preset: 200 + stored "
                            "body)"));
    // Another preset, and the same one again, start from the preset's own settings.
    const QString other = c.session()->presetNames().first() == twoClusters
                              ? c.session()->presetNames().last()
                              : c.session()->presetNames().first();
    c.session()->setPreset(other);
    QCOMPARE(c.session()->settingsChangedText(), QString());
    QCOMPARE(c.session()->setSetting(QStringLiteral("mutex"),
                                     onOff(!c.session()->scenario().settings.mutex)),
             QString());
    QVERIFY(!c.session()->settingsChangedText().isEmpty());
    c.session()->setPreset(other);
    QCOMPARE(c.session()->settingsChangedText(), QString());
    // The preset that loses a message has no random loss: its description says the drop
    // is scripted.
    c.session()->setPreset(QStringLiteral("lost-response"));
    QVERIFY2(c.session()->scenarioDescription().endsWith(
                 QStringLiteral("(A scripted drop: R1's response is lost on purpose, apart "
                                "from random loss.)")),
             qPrintable(c.session()->scenarioDescription()));
    c.session()->setPreset(twoClusters);
    QVERIFY(!c.session()->scenarioDescription().contains(QStringLiteral("scripted drop")));
}

void TstGuiModels::lockHolderNamedAsARequest()
{
    // The burst: five copies of one payment on cluster A with the mutex on. A wait names its
    // lock's holder as the screen names requests (R1), and says when it is on the same server.
    SimulationController c;
    c.session()->setPreset(QStringLiteral("burst"));
    QCOMPARE(c.session()->setSetting(QStringLiteral("mutex"), onOff(true)), QString());
    const RunResult &run = *c.playback()->run();
    int waits = 0;
    for (int i = 0; i < run.events.size(); ++i) {
        if (run.events[i].type != EventType::LockWait)
            continue;
        ++waits;
        const QString text = displayCaption(run, i);
        QVERIFY2(!text.contains(QStringLiteral("request #")), qPrintable(text));
        QVERIFY2(text.contains(QRegularExpression(QStringLiteral("held by R\\d+(#\\d+)?, "))),
                 qPrintable(text));
        const int holder = run.events[i].detail.toInt();
        if (run.attempts[holder].serverNode == run.events[i].from)
            QVERIFY2(text.contains(QStringLiteral("another request on this same server")),
                     qPrintable(text));
    }
    QVERIFY(waits > 0);
}

void TstGuiModels::ledgerKeepsDoubleChargeInView()
{
    // The burst charges K1 five times on DB A: the ledger list is asked to keep the first
    // of those rows in view, not only the newest.
    SimulationController c;
    c.session()->setPreset(QStringLiteral("burst"));
    auto *ledger = c.models()->ledgerA();
    QSignalSpy changed(ledger, &LedgerModel::firstDuplicateChanged);
    c.playback()->seek(0);
    QCOMPARE(ledger->firstDuplicate(), -1);
    c.playback()->seek(400 * ms);
    QVERIFY(ledger->rowCount() >= 2);
    QCOMPARE(ledger->firstDuplicate(), 0);
    QVERIFY(ledger->index(0).data(LedgerModel::DuplicateRole).toBool());
    QVERIFY(changed.count() >= 1);
}

void TstGuiModels::marksDoNotCarryOver()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    c.playback()->seek(20 * ms);
    c.playback()->setMarkIn();
    QVERIFY(c.playback()->markInUs() >= 0);
    c.session()->setPreset(QStringLiteral("burst"));
    QCOMPARE(c.playback()->markInUs(), -1.0);
}

void TstGuiModels::accountsAreNotClusterLetters()
{
    // Accounts "A" and "B" would read as the clusters: the scene names them apart.
    QCOMPARE(AccountNames::display(QStringLiteral("A")), QStringLiteral("alice"));
    QCOMPARE(AccountNames::display(QStringLiteral("B")), QStringLiteral("bob"));
    QCOMPARE(AccountNames::display(QStringLiteral("acct-7")), QStringLiteral("acct-7"));
    QCOMPARE(AccountNames::inText(QStringLiteral("A-1: K1 charged 10 A→B")),
             QStringLiteral("A-1: K1 charged 10 alice → bob"));
    QCOMPARE(AccountNames::inText(QStringLiteral("DB A → DB B: replicated")),
             QStringLiteral("DB A → DB B: replicated"));
    SimulationController c;
    c.session()->setPreset(twoClusters);
    c.playback()->seek(0);
    QVERIFY2(c.text()->caption().contains(QStringLiteral("10 alice → bob (key K1)")),
             qPrintable(c.text()->caption()));
    // The engine's own captions, which the exports write, keep the stored names.
    QVERIFY(c.playback()->run()->events.first().caption.contains(QStringLiteral("10 A→B")));
}

void TstGuiModels::durationTextWrites_data()
{
    QTest::addColumn<qint64>("us");
    QTest::addColumn<int>("unit");
    QTest::addColumn<QString>("expected");
    const int autoUnit = int(DurationUnit::Auto);
    const int millis = int(DurationUnit::Milliseconds);
    const int gap = int(DurationUnit::Gap);
    const int brief = int(DurationUnit::Brief);
    QTest::addRow("auto 0") << qint64(0) << autoUnit << "0 ms";
    QTest::addRow("auto 2.5 ms") << qint64(2500) << autoUnit << "2.5 ms";
    QTest::addRow("auto 1.235 s") << qint64(1'234'567) << autoUnit << "1.235 s";
    QTest::addRow("auto 60 s") << qint64(60'000'000) << autoUnit << "60 s";
    QTest::addRow("ms 1020.5") << qint64(1'020'500) << millis << "1020.5 ms";
    QTest::addRow("ms 20") << qint64(20'000) << millis << "20 ms";
    QTest::addRow("gap 59.7 s") << qint64(59'674'000) << gap << "+59.7 s";
    QTest::addRow("gap 301 ms") << qint64(301'000) << gap << "+301 ms";
    QTest::addRow("gap 120 s") << qint64(120'400'000) << gap << "+120 s";
    QTest::addRow("brief 3 ms") << qint64(3000) << brief << "3 ms";
    QTest::addRow("brief 5.03 s") << qint64(5'030'000) << brief << "5.03 s";
    QTest::addRow("brief 10 min") << qint64(600'000'000) << brief << "10 min";
    QTest::addRow("brief 24 h") << qint64(86'400'000'000) << brief << "24 h";
}

void TstGuiModels::durationTextWrites()
{
    QFETCH(qint64, us);
    QFETCH(int, unit);
    QFETCH(QString, expected);
    QCOMPARE(durationText(us, DurationUnit(unit)), expected);
}

void TstGuiModels::axisGapsAndInverse()
{
    // 0, 10 ms, 20 ms, then a 1 s gap, then 1.01 s: the gap shows as 40 ms.
    const TimelineAxis axis({20'000, 0, 10'000, 1'020'000, 1'030'000, 10'000}, 100, 70);
    QCOMPARE(axis.times().size(), 5);
    QCOMPARE(axis.x(0), 100.0);
    QCOMPARE(axis.x(1'030'000), 170.0);
    QCOMPARE(axis.x(20'000), 120.0); // 1 px a ms before the gap
    QCOMPARE(axis.x(1'020'000), 160.0);
    QCOMPARE(axis.gaps().size(), 1);
    QCOMPARE(axis.gaps().first().from, qint64(20'000));
    QCOMPARE(axis.gaps().first().to, qint64(1'020'000));
    QVERIFY(axis.gapAt(20'000).has_value());
    QVERIFY(axis.gapAt(500'000).has_value());
    QVERIFY(!axis.gapAt(1'020'000).has_value());
    QVERIFY(!axis.gapAt(19'999).has_value());
    QCOMPARE(axis.nextGap(0)->from, qint64(20'000));
    QVERIFY(!axis.nextGap(20'001).has_value());
    for (const qint64 t : {qint64(0), qint64(5'000), qint64(20'000), qint64(520'000),
                           qint64(1'025'000), qint64(1'030'000)})
        QVERIFY2(std::abs(axis.time(axis.x(t)) - double(t)) < 1.0, qPrintable(QString::number(t)));
    QCOMPARE(axis.time(0), 0.0);
    QCOMPARE(axis.time(1000), 1'030'000.0);
}

void TstGuiModels::canvasUsesControllersAxis()
{
    // The lane timeline and the scrub bar place every moment at the same fraction.
    SimulationController c;
    c.session()->setPreset(twoClusters);
    TimelineCanvas canvas;
    canvas.setPlayback(c.playback());
    canvas.setSize(QSizeF(900, 300));
    const QRectF plot = canvas.plotArea();
    QVERIFY(plot.width() > 100);
    for (const Event &e : c.playback()->run()->events) {
        const double fraction = (canvas.xForTime(double(e.t)) - plot.left()) / plot.width();
        QVERIFY2(std::abs(fraction - c.playback()->axisPosition(double(e.t))) < 1e-9,
                 qPrintable(QString::number(e.seq)));
    }
}

void TstGuiModels::axisRoundTrip_data()
{
    QTest::addColumn<double>("timeMs");
    for (double t : {0.0, 10.0, 20.0, 20.5, 25.0, 100.0, 325.9, 330.0, 350.0, 1000.0, 30'000.0,
                     60'024.0, 60'100.0, 60'326.0, 60'328.0})
        QTest::addRow("%g ms", t) << t;
}

void TstGuiModels::axisRoundTrip()
{
    QFETCH(double, timeMs);
    SimulationController c;
    c.session()->setPreset(twoClusters);
    const double t = timeMs * ms;
    const double p = c.playback()->axisPosition(t);
    QVERIFY(p >= 0 && p <= 1);
    QVERIFY2(std::abs(c.playback()->axisTime(p) - t) < 1.0,
             qPrintable(QStringLiteral("axisTime(axisPosition(%1)) = %2")
                            .arg(t)
                            .arg(c.playback()->axisTime(p))));
    // Monotonic: a little later is a little further right.
    if (t < c.playback()->endUs())
        QVERIFY(c.playback()->axisPosition(t + 100) > p);
    if (t > 0)
        QVERIFY(c.playback()->axisPosition(t - 100) < p);
}

void TstGuiModels::axisCompressesLag()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    QCOMPARE(c.playback()->axisPosition(0), 0.0);
    QCOMPARE(c.playback()->axisPosition(c.playback()->endUs()), 1.0);
    QCOMPARE(c.playback()->axisPosition(c.playback()->endUs() * 2), 1.0);
    QCOMPARE(c.playback()->axisTime(0), 0.0);
    QCOMPARE(c.playback()->axisTime(1), c.playback()->endUs());
    QCOMPARE(c.playback()->axisTime(-1), 0.0);
    QCOMPARE(c.playback()->axisTime(2), c.playback()->endUs());
    // 59.7 s of lag is 99% of the run's time but a small part of the axis.
    const double lag =
        c.playback()->axisPosition(60'024.0 * ms) - c.playback()->axisPosition(350.0 * ms);
    QVERIFY2(lag < 0.3, qPrintable(QString::number(lag)));
    QVERIFY(lag > 0.05);
    // The 301 ms between claim and ledger write show as 40 ms: twice the first 20 ms.
    const double charge =
        c.playback()->axisPosition(326 * ms) - c.playback()->axisPosition(25 * ms);
    QVERIFY(qAbs(charge / c.playback()->axisPosition(20 * ms) - 2.0) < 0.01);
}

void TstGuiModels::messageModelUpdatesInPlace()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    c.playback()->seek(5 * ms);
    MessageModel *m = c.models()->messages();
    QCOMPARE(m->rowCount(), 2);
    QCOMPARE(m->index(0).data(MessageModel::ProgressRole).toDouble(), 0.25);
    QSignalSpy resets(m, &QAbstractItemModel::modelReset);
    QSignalSpy changes(m, &QAbstractItemModel::dataChanged);
    c.playback()->seek(10 * ms); // the same two POSTs, further along
    QCOMPARE(resets.count(), 0);
    QCOMPARE(changes.count(), 1);
    QCOMPARE(changes.at(0).at(2).value<QList<int>>(), QList<int>{MessageModel::ProgressRole});
    QCOMPARE(m->index(0).data(MessageModel::ProgressRole).toDouble(), 0.5);
    QCOMPARE(m->index(1).data(MessageModel::ProgressRole).toDouble(), 0.5);
    QSignalSpy removed(m, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m, &QAbstractItemModel::rowsInserted);
    c.playback()->seek(20.5 *
                       ms); // the POSTs arrived, the router's forwards left: rows out, rows in
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m->rowCount(), 2);
    QCOMPARE(m->index(0).data(MessageModel::FromRole).toInt(), 2);
}

void TstGuiModels::messageModelFollowsPlayback()
{
    // Playing a burst frame by frame: the model is always exactly the messages in flight, and
    // it gets there by inserting and removing rows, never by a reset (which would recreate
    // every token on screen).
    SimulationController c;
    c.session()->setPreset(QFINDTESTDATA("data/bench/burst-20x200.json"));
    QVERIFY2(c.session()->errorText().isEmpty(), qPrintable(c.session()->errorText()));
    MessageModel *m = c.models()->messages();
    QSignalSpy resets(m, &QAbstractItemModel::modelReset);
    int most = 0;
    for (qint64 t = 0; t <= 1'300 * ms; t += 7 * ms) {
        c.playback()->seek(double(t));
        const SceneState expected = sceneAt(*c.playback()->run(), t);
        QCOMPARE(m->rowCount(), int(expected.messages.size()));
        for (int i = 0; i < expected.messages.size(); ++i) {
            const MessageView &e = expected.messages[i];
            const QModelIndex row = m->index(i);
            QCOMPARE(row.data(MessageModel::EventRole).toInt(), e.event);
            QCOMPARE(row.data(MessageModel::FromRole).toInt(), e.from);
            QCOMPARE(row.data(MessageModel::ToRole).toInt(), e.to);
            QCOMPARE(row.data(MessageModel::LabelRole).toString(), e.label);
            QCOMPARE(row.data(MessageModel::ProgressRole).toDouble(), e.progress);
        }
        most = std::max(most, m->rowCount());
    }
    QVERIFY2(most >= 200, qPrintable(QString::number(most)));
    QCOMPARE(resets.count(), 0);
}

void TstGuiModels::messageLayerFindsItsDots()
{
    // The crowd layer draws each message on the line between its two nodes' boxes, requests
    // and responses on opposite sides, and hit-testing finds the message drawn there.
    SimulationController c;
    c.session()->setPreset(twoClusters);
    c.playback()->seek(5 * ms); // two POSTs on their way from the clients to the router
    MessageLayer layer;
    layer.setModel(c.models()->messages());
    QVariantList rects;
    for (int i = 0; i < c.playback()->run()->nodes.size(); ++i)
        rects.append(QRectF(i * 200.0, (i % 2) * 100.0, 80, 40));
    layer.setNodeRects(rects);
    layer.setDotSize(10);
    const QVector<MessageView> &messages = c.models()->messages()->messages();
    QCOMPARE(messages.size(), 2);
    for (const MessageView &m : messages) {
        const QPointF p = layer.dotCentre(m);
        const QRectF a = rects[m.from].toRectF();
        const QRectF b = rects[m.to].toRectF();
        QVERIFY(!a.contains(p) && !b.contains(p)); // outside both boxes
        QVERIFY(p.x() > std::min(a.left(), b.left()) && p.x() < std::max(a.right(), b.right()));
        const QVariantMap hit = layer.messageAt(p);
        QCOMPARE(hit.value(QStringLiteral("eventIndex")).toInt(), m.event);
        QCOMPARE(hit.value(QStringLiteral("label")).toString(), m.label);
    }
    QVERIFY(layer.messageAt(QPointF(-500, -500)).isEmpty());
    MessageView request = messages.first();
    MessageView response = request;
    response.response = true;
    QVERIFY(layer.dotCentre(request) != layer.dotCentre(response));
    MessageView lost = request;
    lost.falling = true;
    QVERIFY(layer.dotCentre(lost).y() > layer.dotCentre(request).y());
}

// ----------------------------------------------------------------------------- canvas

void TstGuiModels::canvasDrawsLanes()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    TimelineCanvas canvas;
    QSignalSpy lanes(&canvas, &TimelineCanvas::laneCountChanged);
    canvas.setPlayback(c.playback());
    QCOMPARE(canvas.playback(), c.playback());
    QCOMPARE(canvas.laneCount(), c.models()->nodes()->rowCount());
    QCOMPARE(lanes.count(), 1);
    canvas.setSize(QSizeF(1000, 300));
    c.playback()->seek(330 * ms);
    const QImage image = render(canvas);
    QVERIFY(!image.isNull());

    const QColor background = image.pixelColor(2, 2);
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    QVERIFY(!colours.contains(QColor(Qt::magenta).rgb())); // painted all over
    QVERIFY2(colours.size() > 20, "an almost blank image");

    // Each lane has its label (dark text pixels left of the plot) and lanes are in order.
    const QRectF plot = canvas.plotArea();
    QVERIFY(plot.width() > 500 && plot.left() > 30);
    int labelled = 0;
    double lastY = -1;
    for (int lane = 0; lane < canvas.laneCount(); ++lane) {
        const double y = canvas.laneY(lane);
        QVERIFY(y > lastY && y > plot.top() && y < plot.bottom());
        lastY = y;
        bool text = false;
        for (int dy = -3; dy <= 3 && !text; ++dy)
            for (int x = 4; x < int(plot.left()) - 4 && !text; ++x)
                text = qGray(image.pixel(x, int(y) + dy)) < qGray(background.rgb()) - 80;
        labelled += text;
    }
    QCOMPARE(labelled, c.models()->nodes()->rowCount());
    QCOMPARE(canvas.laneY(-1), -1.0);
    QCOMPARE(canvas.laneY(canvas.laneCount()), -1.0);

    // The playhead: a dark vertical line where the controller's time is.
    const int px = int(std::round(canvas.xForTime(c.playback()->timeUs())));
    int dark = 0;
    for (int y = int(plot.top()); y < int(plot.bottom()); ++y)
        dark += qGray(image.pixel(px, y)) < 100 || qGray(image.pixel(px - 1, y)) < 100;
    QVERIFY2(dark > plot.height() * 0.9, qPrintable(QString::number(dark)));

    // Another run with more lanes.
    c.session()->setPreset(QStringLiteral("single-request"));
    QCOMPARE(canvas.laneCount(), c.models()->nodes()->rowCount());
    QCOMPARE(lanes.count(), 1 + int(c.models()->nodes()->rowCount() != 10));
    canvas.setPlayback(nullptr);
    QCOMPARE(canvas.laneCount(), 0);
    QVERIFY(!render(canvas).isNull()); // paints an empty panel
}

void TstGuiModels::canvasFadesAheadOfPlayhead()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    TimelineCanvas canvas;
    canvas.setPlayback(c.playback());
    canvas.setSize(QSizeF(1000, 300));
    // The 201 from the router to Client 1: faded before it is sent, solid once it arrived.
    const int event = 23;
    QCOMPARE(c.playback()->run()->events[event].status, 201);
    const QPointF at = canvas.eventAnchor(event);
    QVERIFY(!at.isNull());
    auto darkest = [&](const QImage &image) {
        int best = 255 * 3;
        for (int dy = -2; dy <= 2; ++dy)
            for (int dx = -2; dx <= 2; ++dx) {
                const QColor p = image.pixelColor(int(at.x()) + dx, int(at.y()) + dy);
                best = std::min(best, p.red() + p.green() + p.blue());
            }
        return best;
    };
    c.playback()->seek(0);
    const int before = darkest(render(canvas));
    c.playback()->seek(c.playback()->endUs());
    const int after = darkest(render(canvas));
    QVERIFY2(after + 120 < before, qPrintable(QStringLiteral("%1 vs %2").arg(after).arg(before)));
}

void TstGuiModels::canvasThemeProperties()
{
    SimulationController c;
    TimelineCanvas canvas;
    canvas.setPlayback(c.playback());
    canvas.setSize(QSizeF(800, 240));
    QSignalSpy dark(&canvas, &TimelineCanvas::darkChanged);
    QSignalSpy scale(&canvas, &TimelineCanvas::textScaleChanged);
    QSignalSpy playback(&canvas, &TimelineCanvas::playbackChanged);
    const QColor light = render(canvas).pixelColor(1, 1);
    canvas.setDark(true);
    canvas.setDark(true);
    QCOMPARE(dark.count(), 1);
    QVERIFY(canvas.dark());
    const QColor night = render(canvas).pixelColor(1, 1);
    QVERIFY(night.lightness() < 80 && light.lightness() > 200);

    const double plainLeft = canvas.plotArea().left();
    canvas.setTextScale(1.5);
    canvas.setTextScale(1.5);
    QCOMPARE(scale.count(), 1);
    QCOMPARE(canvas.textScale(), 1.5);
    QVERIFY(canvas.plotArea().left() > plainLeft); // wider labels
    canvas.setTextScale(100);
    QCOMPARE(canvas.textScale(), 4.0);
    canvas.setPlayback(c.playback());
    QCOMPARE(playback.count(), 0);
}

void TstGuiModels::canvasHitTest_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("what");
    QTest::addRow("request") << twoClusters << "send";
    QTest::addRow("response") << twoClusters << "201";
    QTest::addRow("db query") << twoClusters << "db-read";
    QTest::addRow("anomaly") << twoClusters << "anomaly";
    QTest::addRow("replication") << "failover-retry"
                                 << "replicate";
    QTest::addRow("lost message") << "lost-response"
                                  << "fault";
    QTest::addRow("timeout") << "lost-response"
                             << "timeout";
}

void TstGuiModels::canvasHitTest()
{
    QFETCH(QString, preset);
    QFETCH(QString, what);
    SimulationController c;
    c.session()->setPreset(preset);
    TimelineCanvas canvas;
    canvas.setPlayback(c.playback());
    canvas.setSize(QSizeF(1200, 320));
    const RunResult &run = *c.playback()->run();
    int event = -1;
    for (int i = 0; i < run.events.size() && event < 0; ++i) {
        const Event &e = run.events[i];
        if (what == QLatin1String("201") ? e.type == EventType::Send && e.status == 201
                                         : eventTypeName(e.type) == what)
            event = i;
    }
    QVERIFY(event >= 0);
    const QPointF at = canvas.eventAnchor(event);
    QVERIFY(!at.isNull());
    const int hit = canvas.eventAt(at);
    // Events at the same instant may share pixels (both clusters' identical legs are apart,
    // but a lost message and its fault meet at the ✕): the hit must draw at the same spot.
    QVERIFY2(hit == event || canvas.eventAnchor(hit) == at,
             qPrintable(QStringLiteral("hit %1, expected %2").arg(hit).arg(event)));
    // A few pixels off still hits; far off does not.
    QVERIFY(canvas.eventAt(at + QPointF(0, 3)) >= 0);
    QCOMPARE(canvas.eventAt(QPointF(canvas.plotArea().right() - 1,
                                    canvas.laneY(0) + 0.3 * (canvas.laneY(1) - canvas.laneY(0)))),
             -1);
    QCOMPARE(canvas.eventAt(QPointF(-50, -50)), -1);
    QVERIFY(canvas.eventAnchor(-1).isNull());
    QVERIFY(canvas.eventAnchor(c.playback()->eventCount()).isNull());
}

void TstGuiModels::canvasMarksRecoveryApart_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("mark");
    // Going down is a fault (✕); coming back is not, and has its own calm mark (▲).
    QTest::addRow("crash") << "crash-after-claim"
                           << "CRASH"
                           << "fault";
    QTest::addRow("restart") << "crash-after-claim"
                             << "RESTART"
                             << "recovery";
    QTest::addRow("cache down") << "cache-outage"
                                << "CACHE DOWN"
                                << "fault";
    QTest::addRow("cache up") << "cache-outage"
                              << "CACHE UP"
                              << "recovery";
}

void TstGuiModels::canvasMarksRecoveryApart()
{
    QFETCH(QString, preset);
    QFETCH(QString, label);
    QFETCH(QString, mark);
    SimulationController c;
    c.session()->setPreset(preset);
    TimelineCanvas canvas;
    canvas.setPlayback(c.playback());
    canvas.setSize(QSizeF(1200, 320));
    const RunResult &run = *c.playback()->run();
    int event = -1;
    for (int i = 0; i < run.events.size() && event < 0; ++i)
        if (run.events[i].type == EventType::Fault && run.events[i].label == label)
            event = i;
    QVERIFY2(event >= 0, qPrintable(label));
    QCOMPARE(canvas.markOf(event), mark);
}

void TstGuiModels::canvasMouse()
{
    SimulationController c;
    c.session()->setPreset(twoClusters);
    QQuickWindow window;
    window.resize(1000, 300);
    TimelineCanvas canvas(window.contentItem());
    canvas.setPlayback(c.playback());
    canvas.setSize(QSizeF(1000, 300));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const int event = 23; // Router → Client 1, 201
    const QPoint at = canvas.eventAnchor(event).toPoint();
    QSignalSpy highlights(c.playback(), &Playback::highlightedEventChanged);
    QTest::mouseMove(&window, at);
    QTRY_COMPARE(c.playback()->highlightedEvent(), event);
    QTest::mouseMove(&window, QPoint(995, int(canvas.laneY(0)) + 5)); // nothing there
    QTRY_COMPARE(c.playback()->highlightedEvent(), -1);
    QVERIFY(highlights.count() >= 2);

    QTest::mouseClick(&window, Qt::LeftButton, {}, at);
    QCOMPARE(c.playback()->timeUs(), double(c.playback()->run()->events[event].t));
    QCOMPARE(c.playback()->highlightedEvent(), event);

    // Clicking where no arrow is moves the playhead there.
    const QRectF plot = canvas.plotArea();
    const double x = plot.left() + plot.width() * 0.95;
    QTest::mouseClick(&window, Qt::LeftButton, {}, QPoint(int(x), int(plot.bottom()) + 8));
    QVERIFY(std::abs(canvas.xForTime(c.playback()->timeUs()) - int(x)) < 1.5);
}

void TstGuiModels::canvasLargeRunPaintsQuickly()
{
    // 20 clients × 10 requests (≈ 3,300 events): after the first paint, which lays out the
    // run, a frame must cost a few milliseconds (generous bound for sanitizer builds).
    SimulationController c;
    QVERIFY(c.session()->setScenario(crowd(c.session()->scenario(), 10)));
    QVERIFY(c.playback()->eventCount() > 3000);
    TimelineCanvas canvas;
    canvas.setPlayback(c.playback());
    canvas.setSize(QSizeF(1280, 300));
    QCOMPARE(canvas.laneCount(), 20 + 1 + 4 + 3);
    QImage image(1280, 300, QImage::Format_ARGB32_Premultiplied);
    {
        QPainter p(&image);
        canvas.paint(&p);
    }
    qint64 worst = 0;
    for (int frame = 0; frame < 10; ++frame) {
        c.playback()->seek(c.playback()->endUs() * frame / 10.0);
        QElapsedTimer timer;
        timer.start();
        QPainter p(&image);
        canvas.paint(&p);
        p.end();
        worst = std::max(worst, timer.nsecsElapsed());
    }
    qInfo("worst frame: %.2f ms for %d events", worst / 1e6, c.playback()->eventCount());
    QVERIFY2(worst < 40'000'000, qPrintable(QStringLiteral("%1 ms").arg(worst / 1e6)));
    QVERIFY(canvas.eventAt(canvas.eventAnchor(0)) >= 0);
}

// ----------------------------------------------------------------------- live display clock

void TstGuiModels::liveTimingStretchesEachRequestsHops()
{
    // Two requests on loopback, interleaved as threads log them: each hop takes µs. On the
    // display clock each hop takes hopUs and each DB command storeUs each way; a request's
    // next step waits for its own message only, so the two still overlap.
    auto event = [](qint64 t, EventType type, int request, bool message) {
        Event e;
        e.t = t;
        e.type = type;
        e.request = request;
        if (message) {
            e.startUs = t;
            e.endUs = t;
        }
        return e;
    };
    RunResult real;
    real.events = {
        event(100, EventType::Send, 0, true),         event(105, EventType::Send, 1, true),
        event(106, EventType::Deliver, 0, false),     event(107, EventType::Deliver, 1, false),
        event(120, EventType::DbWrite, 0, true),      event(130, EventType::DbWrite, 1, true),
        event(5'000'000, EventType::Fault, -1, false)};
    real.endUs = 5'000'000;
    const LiveDisplayTiming timing(real);
    const RunResult display = timing.apply(real);
    const auto &d = display.events;
    constexpr qint64 hop = LiveDisplayTiming::hopUs;
    constexpr qint64 store = LiveDisplayTiming::storeUs;
    QCOMPARE(d[0].t, 100);
    QCOMPARE(d[0].endUs - d[0].startUs, hop);
    QCOMPARE(d[1].t, 105);       // request 1 does not wait for request 0
    QCOMPARE(d[2].t, 100 + hop); // delivered when the flight lands
    QCOMPARE(d[3].t, 105 + hop);
    QCOMPARE(d[4].t, 100 + hop + store); // the query leaves on delivery, reaches the DB...
    QCOMPARE(d[4].startUs, d[2].t);
    QCOMPARE(d[4].endUs, d[4].t + store); // ...and its result flies back
    QCOMPARE(d[5].t, d[4].t + 10);
    for (int i = 1; i < d.size(); ++i)
        QVERIFY(d[i].t >= d[i - 1].t);          // the log order is kept
    QCOMPARE(d[6].t - d[5].t, 5'000'000 - 130); // idle time passes one to one
    QCOMPARE(display.endUs, d[6].t);
    for (const Event &e : real.events)
        QCOMPARE(timing.toReal(timing.toDisplay(e.t)), e.t);
    QCOMPARE(timing.toDisplay(6'000'000), d[6].t + 1'000'000);
    QCOMPARE(real.events[0].endUs, real.events[0].startUs); // the real record is untouched
}

void TstGuiModels::verdictBanners_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<qint64>("beforeMs"); // no banner yet
    QTest::addColumn<qint64>("atMs");     // the verdict is true from here
    QTest::addColumn<QString>("banner");
    // The first 409 after the claim A1 left when it crashed.
    QTest::addRow("stuck key") << "crash-after-claim" << qint64(2000) << qint64(2044)
                               << "STUCK KEY — K1 is claimed by a server that died (Server A1); "
                                  "every retry gets 409";
    // The 200 that replayed Client 1's result to Client 2.
    QTest::addRow("key collision") << "key-collision" << qint64(1000) << qint64(1030)
                                   << "KEY COLLISION — Client 1 and Client 2 both used K1: "
                                      "Client 2 got Client 1's payment";
    QTest::addRow("duplicate") << "lease-too-short" << qint64(4000) << qint64(4600)
                               << "DUPLICATE EFFECT — key K1 charged 2 times (ledger A-1, A-2)";
}

void TstGuiModels::verdictBanners()
{
    QFETCH(QString, preset);
    QFETCH(qint64, beforeMs);
    QFETCH(qint64, atMs);
    QFETCH(QString, banner);
    SimulationController c;
    c.session()->setPreset(preset);
    c.playback()->seek(double(beforeMs) * ms);
    QCOMPARE(c.text()->anomalyText(), QString());
    c.playback()->seek(double(atMs) * ms);
    QCOMPARE(c.text()->anomalyText(), banner);
    c.playback()->seek(c.playback()->endUs());
    QCOMPARE(c.text()->anomalyText(), banner);
}

void TstGuiModels::crashedServerIsDownInTheModel()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("crash-after-claim"));
    const RunResult *run = c.playback()->run();
    QVERIFY(run);
    const int a1 = run->nodeIndex(QStringLiteral("server-a1"));
    const QModelIndex node = c.models()->nodes()->index(a1);
    QVERIFY(!node.data(NodeModel::DownRole).toBool());
    c.playback()->seek(1000 * ms);
    QVERIFY(node.data(NodeModel::DownRole).toBool());
    // It crashed right after its claim (25 ms) and is down for 10 s.
    QCOMPARE(node.data(NodeModel::BackTextRole).toString(), QStringLiteral("back at t = 10.025 s"));
    // The box's short line: three figures at most (the tooltip keeps the exact time).
    QCOMPARE(node.data(NodeModel::BackBriefRole).toString(), QStringLiteral("back 10 s"));
    c.playback()->seek(11000 * ms);
    QVERIFY(!node.data(NodeModel::DownRole).toBool());
    QCOMPARE(node.data(NodeModel::BackTextRole).toString(), QString());
    QCOMPARE(node.data(NodeModel::BackBriefRole).toString(), QString());
}

QTEST_MAIN(TstGuiModels)
#include "tst_guimodels.moc"
