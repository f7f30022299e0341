#pragma once

#include "export/exporter.h"
#include "livedisplaytiming.h"
#include "model/runresult.h"
#include "scenemodels.h"
#include "timeline/timelineaxis.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace idem {

/// The GUI's one controller: the scenario and its settings, the engine run they produce,
/// and the playhead moving through that run's event log. Every change of a setting runs
/// the engine again and keeps the playhead where it was.
class SimulationController : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QStringList presetNames READ presetNames CONSTANT)
    Q_PROPERTY(QStringList presetTitles READ presetTitles CONSTANT)
    Q_PROPERTY(QStringList presetDescriptions READ presetDescriptions CONSTANT)
    Q_PROPERTY(QString preset READ preset WRITE setPreset NOTIFY presetChanged)
    Q_PROPERTY(int presetIndex READ presetIndex NOTIFY presetChanged)
    Q_PROPERTY(QString scenarioTitle READ scenarioTitle NOTIFY runChanged)
    Q_PROPERTY(QString scenarioDescription READ scenarioDescription NOTIFY runChanged)
    /// The settings that differ from the preset's own, which its description is written
    /// for: "lag 27 ms (preset: 60 s)"; empty when none does or no preset is on screen.
    Q_PROPERTY(QString settingsChangedText READ settingsChangedText NOTIFY settingsChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    /// The run on screen was read from a timeline file, not computed: it shows what was
    /// recorded until a setting changes and the engine runs again.
    Q_PROPERTY(bool recorded READ recorded NOTIFY runChanged)
    /// The run on screen is a live session's record (see showLive()); it stays after the
    /// session stops, until a preset or a setting changes.
    Q_PROPERTY(bool liveRecord READ liveRecord NOTIFY runChanged)
    /// The playhead follows a running live session: play and speed do not apply.
    Q_PROPERTY(bool live READ live NOTIFY liveChanged)
    /// Ask (discardLiveAsked) before a setting change would wipe a live record that holds
    /// requests; the window sets it, tests leave it off to change settings at once.
    Q_PROPERTY(bool askBeforeDiscardingLive READ askBeforeDiscardingLive WRITE
                   setAskBeforeDiscardingLive NOTIFY askBeforeDiscardingLiveChanged)

    Q_PROPERTY(bool mutex READ mutex WRITE setMutex NOTIFY settingsChanged)
    Q_PROPERTY(bool cache READ cache WRITE setCache NOTIFY settingsChanged)
    Q_PROPERTY(double delayMs READ delayMs WRITE setDelayMs NOTIFY settingsChanged)
    Q_PROPERTY(double lagMs READ lagMs WRITE setLagMs NOTIFY settingsChanged)
    Q_PROPERTY(double opMs READ opMs WRITE setOpMs NOTIFY settingsChanged)
    Q_PROPERTY(int seed READ seed WRITE setSeed NOTIFY settingsChanged)
    Q_PROPERTY(
        bool replayOriginal READ replayOriginal WRITE setReplayOriginal NOTIFY settingsChanged)

    Q_PROPERTY(double timeUs READ timeUs WRITE seek NOTIFY timeChanged)
    Q_PROPERTY(double endUs READ endUs NOTIFY endChanged)
    Q_PROPERTY(bool playing READ playing WRITE setPlaying NOTIFY playingChanged)
    Q_PROPERTY(double speed READ speed WRITE setSpeed NOTIFY speedChanged)
    Q_PROPERTY(int currentEvent READ currentEvent NOTIFY timeChanged)
    Q_PROPERTY(int eventCount READ eventCount NOTIFY runChanged)
    Q_PROPERTY(QString caption READ caption NOTIFY timeChanged)
    Q_PROPERTY(int highlightedEvent READ highlightedEvent WRITE setHighlightedEvent NOTIFY
                   highlightedEventChanged)

    Q_PROPERTY(QString verdictText READ verdictText NOTIFY runChanged)
    Q_PROPERTY(QString anomalyText READ anomalyText NOTIFY timeChanged)
    Q_PROPERTY(QString lockTextA READ lockTextA NOTIFY timeChanged)
    Q_PROPERTY(QString lockTextB READ lockTextB NOTIFY timeChanged)
    Q_PROPERTY(QString balancesA READ balancesA NOTIFY timeChanged)
    Q_PROPERTY(QString balancesB READ balancesB NOTIFY timeChanged)
    Q_PROPERTY(QVariantList eventTicks READ eventTicks NOTIFY runChanged)
    Q_PROPERTY(QVariantList anomalyTicks READ anomalyTicks NOTIFY runChanged)

    /// Two marks on the scrub bar bound the part of the run to export; -1 while unset (an
    /// unset in mark is the start, an unset out mark the end).
    Q_PROPERTY(double markInUs READ markInUs NOTIFY marksChanged)
    Q_PROPERTY(double markOutUs READ markOutUs NOTIFY marksChanged)
    Q_PROPERTY(bool hasMarks READ hasMarks NOTIFY marksChanged)

    Q_PROPERTY(idem::NodeModel *nodes READ nodes CONSTANT)
    Q_PROPERTY(idem::MessageModel *messages READ messages CONSTANT)
    Q_PROPERTY(idem::KeyRowModel *keysA READ keysA CONSTANT)
    Q_PROPERTY(idem::KeyRowModel *keysB READ keysB CONSTANT)
    Q_PROPERTY(idem::LedgerModel *ledgerA READ ledgerA CONSTANT)
    Q_PROPERTY(idem::LedgerModel *ledgerB READ ledgerB CONSTANT)
    Q_PROPERTY(idem::CacheModel *cacheEntries READ cacheEntries CONSTANT)
    Q_PROPERTY(idem::EventModel *events READ events CONSTANT)

public:
    explicit SimulationController(QObject *parent = nullptr);
    ~SimulationController() override;

    QStringList presetNames() const { return m_presetNames; }
    QStringList presetTitles() const { return m_presetTitles; }
    QStringList presetDescriptions() const { return m_presetDescriptions; }
    QString preset() const { return m_preset; }
    void setPreset(const QString &nameOrPath);
    /// -1 while a live record is on screen: picking the preset again goes back to it.
    int presetIndex() const { return m_liveRecord ? -1 : int(m_presetNames.indexOf(m_preset)); }
    QString scenarioTitle() const;
    QString scenarioDescription() const;
    [[nodiscard]] QString settingsChangedText() const;
    QString errorText() const { return m_error; }

    bool mutex() const { return m_scenario.settings.mutex; }
    void setMutex(bool on);
    bool cache() const { return m_scenario.settings.cache; }
    void setCache(bool on);
    double delayMs() const { return double(m_scenario.settings.delayUs) / 1000.0; }
    void setDelayMs(double ms);
    double lagMs() const { return double(m_scenario.settings.lagUs) / 1000.0; }
    void setLagMs(double ms);
    double opMs() const { return double(m_scenario.settings.opUs) / 1000.0; }
    void setOpMs(double ms);
    int seed() const { return int(m_scenario.settings.seed); }
    void setSeed(int seed);
    bool replayOriginal() const { return m_scenario.settings.replay == ReplayMode::Original; }
    void setReplayOriginal(bool on);

    double timeUs() const { return double(m_time); }
    Q_INVOKABLE void seek(double timeUs);
    double endUs() const { return m_run ? double(m_run->endUs) : 0.0; }
    bool playing() const { return m_playing; }
    void setPlaying(bool playing);
    double speed() const { return m_speed; }
    void setSpeed(double speed);
    int currentEvent() const { return m_state.lastEvent; }
    int eventCount() const { return m_run ? int(m_run->events.size()) : 0; }
    QString caption() const;
    int highlightedEvent() const { return m_highlighted; }
    void setHighlightedEvent(int event);

    QString verdictText() const;
    QString anomalyText() const;
    QString lockTextA() const { return lockText(0); }
    QString lockTextB() const { return lockText(1); }
    QString balancesA() const { return balancesText(0); }
    QString balancesB() const { return balancesText(1); }
    QVariantList eventTicks() const;
    QVariantList anomalyTicks() const;

    double markInUs() const { return double(m_markIn); }
    double markOutUs() const { return double(m_markOut); }
    bool hasMarks() const { return m_markIn >= 0 || m_markOut >= 0; }
    /// The whole run, or the part between the marks.
    [[nodiscard]] ExportRange exportRange(bool marked) const;
    /// Sets the in or out mark at the playhead (keys I and O); the two stay in order.
    Q_INVOKABLE void setMarkIn();
    Q_INVOKABLE void setMarkOut();
    Q_INVOKABLE void clearMarks();

    NodeModel *nodes() { return &m_nodes; }
    MessageModel *messages() { return &m_messages; }
    KeyRowModel *keysA() { return &m_keys[0]; }
    KeyRowModel *keysB() { return &m_keys[1]; }
    LedgerModel *ledgerA() { return &m_ledger[0]; }
    LedgerModel *ledgerB() { return &m_ledger[1]; }
    CacheModel *cacheEntries() { return &m_cache; }
    EventModel *events() { return &m_events; }

    /// The run on screen (nullptr before the first successful run).
    const RunResult *run() const { return m_run ? &*m_run : nullptr; }
    /// The scenario with the settings as changed in the GUI.
    const Scenario &scenario() const { return m_scenario; }
    /// Replaces the scenario (file, command line); runs it. False + errorText on failure.
    bool setScenario(const Scenario &scenario, const QString &presetName = {});

    /// Sets the setting `name` (its scenario-file field) from typed text, as any setter
    /// does: the run recomputes, the playhead stays. nullopt on success, else one line
    /// naming the setting as `what` and saying what it takes; nothing changes then.
    std::optional<QString> applySetting(const QString &name, const QString &text,
                                        const QString &what);

    Q_INVOKABLE void togglePlaying() { setPlaying(!m_playing); }
    Q_INVOKABLE void stepNext();
    Q_INVOKABLE void stepPrevious();
    Q_INVOKABLE void restart();
    Q_INVOKABLE void seekToEvent(int event);
    Q_INVOKABLE void faster();
    Q_INVOKABLE void slower();
    /// Client `client` (its index among the clients) sends a request now: with the key of
    /// its last request, or a new key. The engine runs again with it.
    Q_INVOKABLE void sendFromClient(int client, bool newKey);
    /// Loads a scenario file or a timeline (replayed as recorded); false and errorText on
    /// failure.
    Q_INVOKABLE bool loadFile(const QUrl &url);

    [[nodiscard]] bool askBeforeDiscardingLive() const { return m_askBeforeDiscard; }
    void setAskBeforeDiscardingLive(bool ask);
    /// After discardLiveAsked: applies the held-back setting change (the record goes).
    Q_INVOKABLE void discardLiveAndApply();
    /// After discardLiveAsked: drops the setting change; the record stays on screen.
    Q_INVOKABLE void keepLiveRecord();
    /// Whether a live session with settings `a` runs as one with `b` (the network
    /// settings do not apply to real HTTP).
    [[nodiscard]] static bool sameLiveSettings(const Settings &a, const Settings &b);
    /// Shows a timeline file as recorded; false and errorText on failure.
    bool loadTimeline(const QString &path);
    bool recorded() const { return m_recorded; }
    bool liveRecord() const { return m_liveRecord; }
    bool live() const { return m_live; }
    /// Shows a live session's record (`real`: LiveSession::snapshot(), real times) on the
    /// display clock of LiveDisplayTiming, and makes the playhead follow the session:
    /// `realNowUs` is the session's clock now. Settings changed while live are only stored
    /// (the live controller restarts the servers with them), not run.
    void showLive(RunResult real, qint64 realNowUs);
    /// The session stopped: the playhead stays, the record stays on screen for scrubbing
    /// and export until a preset or a setting changes.
    void endLive();
    /// What the exporters write: the run on screen, or for a live record its real times.
    [[nodiscard]] const RunResult *exportRun() const;
    /// The scrub bar's axis: long idle stretches (replication lag) are compressed so the
    /// busy parts stay readable. Both map [0, endUs] onto [0, 1] monotonically.
    Q_INVOKABLE double axisPosition(double timeUs) const;
    Q_INVOKABLE double axisTime(double position) const;
    /// That axis on [0, 1]: the lane timeline draws the same one on its pixels.
    [[nodiscard]] const TimelineAxis &axis() const { return m_axis; }
    /// Longest a compressed idle gap takes to play, in wall time, whatever the speed.
    static constexpr qint64 gapPlayUs = 1'000'000;

    /// Advances the playhead by `realNs` of wall time (the timer's tick; public for tests):
    /// where something happens, the run plays at `speed` in real time (0.05×: 1 s of the
    /// run takes 20 s); a compressed idle gap is crossed in at most gapPlayUs.
    void advance(qint64 realNs);
    /// While live: moves the playhead `realNs` on, following the session's clock a little
    /// behind (the timer's tick; public for tests).
    void followLive(qint64 realNs);

signals:
    void presetChanged();
    void runChanged();
    void errorTextChanged();
    void settingsChanged();
    void timeChanged();
    void playingChanged();
    void speedChanged();
    void highlightedEventChanged();
    void marksChanged();
    void liveChanged();
    void endChanged();
    void askBeforeDiscardingLiveChanged();
    /// A setting change would wipe the live record on screen: it waits for
    /// discardLiveAndApply() or keepLiveRecord().
    void discardLiveAsked();

private:
    void rerun();
    void showRun(RunResult run, bool recorded);
    void present(RunResult run, bool recorded);
    void setLive(bool live);
    void setTime(qint64 t, bool force = false);
    void refreshState();
    void buildAxis();
    void setError(const QString &error);
    QString lockText(int cluster) const;
    QString balancesText(int cluster) const;
    template <typename T> void changeSetting(T Settings::*member, T value);
    void takeSettings(const Settings &settings);
    [[nodiscard]] bool discardsLiveRecord(const Settings &settings) const;

    QStringList m_presetNames;
    QStringList m_presetTitles;
    QStringList m_presetDescriptions;
    QString m_preset;
    Scenario m_scenario;
    std::optional<RunResult> m_run;
    SceneState m_state;
    QString m_error;
    qint64 m_time = 0;
    bool m_playing = false;
    double m_speed = 0.05;
    int m_highlighted = -1;
    bool m_recorded = false;
    qint64 m_markIn = -1;
    qint64 m_markOut = -1;
    bool m_liveRecord = false;
    bool m_live = false;
    bool m_askBeforeDiscard = false;
    std::optional<Settings> m_pendingSettings; ///< held back until the user answers
    std::optional<RunResult> m_liveReal;       ///< a live record's real times, for the exporters
    LiveDisplayTiming m_liveTiming;
    qint64 m_liveFront = 0;    ///< display time of "now" when the record was last shown
    QElapsedTimer m_liveClock; ///< since then
    QTimer m_timer;
    QElapsedTimer m_clock;
    TimelineAxis m_axis{QVector<qint64>{0}, 0.0, 1.0};

    NodeModel m_nodes;
    MessageModel m_messages;
    KeyRowModel m_keys[2];
    LedgerModel m_ledger[2];
    CacheModel m_cache;
    EventModel m_events;
};

} // namespace idem
