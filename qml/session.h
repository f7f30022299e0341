#pragma once

#include "livedisplaytiming.h"
#include "model/runresult.h"
#include "scenarioeditor.h"
#include "shownrun.h"
#include "timeline/exportrange.h"

#include <QObject>
#include <QUrl>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <optional>

namespace idem {

class Playback;

/// Where the run on screen comes from: a preset, a scenario file, a recorded timeline or a
/// live session, and the scenario with its settings as changed in the GUI. Every change of
/// a setting runs the engine again and hands the run to the Playback, which keeps the
/// playhead where it was.
class Session : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SimulationController")

    Q_PROPERTY(QStringList presetNames READ presetNames CONSTANT FINAL)
    Q_PROPERTY(QStringList presetTitles READ presetTitles CONSTANT FINAL)
    Q_PROPERTY(QStringList presetDescriptions READ presetDescriptions CONSTANT FINAL)
    Q_PROPERTY(QString preset READ preset WRITE setPreset NOTIFY presetChanged FINAL)
    Q_PROPERTY(int presetIndex READ presetIndex NOTIFY presetChanged FINAL)
    Q_PROPERTY(QString scenarioTitle READ scenarioTitle NOTIFY runChanged FINAL)
    Q_PROPERTY(QString scenarioDescription READ scenarioDescription NOTIFY runChanged FINAL)
    /// Every setting in force, by its scenario-file name, as the file writes it ("mutex":
    /// true, "lagMs": 60000, "replay": "seed"): a setting added to the table is here too.
    /// Change one with setSetting().
    Q_PROPERTY(QVariantMap settings READ settings NOTIFY settingsChanged FINAL)
    /// The settings that differ from the preset's own, which its description is written
    /// for: "replication lag 27 ms (preset: 60 s)"; empty when none does or no preset is on
    /// screen.
    Q_PROPERTY(QString settingsChangedText READ settingsChangedText NOTIFY settingsChanged FINAL)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged FINAL)
    /// The run on screen was read from a timeline file, not computed: it shows what was
    /// recorded until a setting changes and the engine runs again.
    Q_PROPERTY(bool recorded READ recorded NOTIFY runChanged FINAL)
    /// The run on screen is a live session's record (see showLive()); it stays after the
    /// session stops, until a preset or a setting changes.
    Q_PROPERTY(bool liveRecord READ liveRecord NOTIFY runChanged FINAL)
    /// Ask (discardLiveAsked) before a setting change would wipe a live record that holds
    /// requests; the window sets it, tests leave it off to change settings at once.
    Q_PROPERTY(bool askBeforeDiscardingLive READ askBeforeDiscardingLive WRITE
                   setAskBeforeDiscardingLive NOTIFY askBeforeDiscardingLiveChanged FINAL)
    /// Every edit of the scenario (the editor panel, the fault menu, a request sent from a
    /// client) and its undo stack.
    Q_PROPERTY(idem::ScenarioEditor *editor READ editor CONSTANT FINAL)

public:
    /// Shows the default preset on `playback`.
    explicit Session(Playback &playback, QObject *parent = nullptr);
    ~Session() override;

    [[nodiscard]] QStringList presetNames() const { return m_presetNames; }
    [[nodiscard]] QStringList presetTitles() const { return m_presetTitles; }
    [[nodiscard]] QStringList presetDescriptions() const { return m_presetDescriptions; }
    [[nodiscard]] QString preset() const { return m_preset; }
    void setPreset(const QString &nameOrPath);
    /// -1 while a live record is on screen: picking the preset again goes back to it.
    [[nodiscard]] int presetIndex() const
    {
        return m_liveRecord ? -1 : int(m_presetNames.indexOf(m_preset));
    }
    [[nodiscard]] QString scenarioTitle() const;
    [[nodiscard]] QString scenarioDescription() const;
    [[nodiscard]] QVariantMap settings() const;
    [[nodiscard]] QString settingsChangedText() const;
    [[nodiscard]] QString errorText() const { return m_error; }
    [[nodiscard]] bool recorded() const { return m_recorded; }
    [[nodiscard]] bool liveRecord() const { return m_liveRecord; }

    /// The scenario with the settings as changed in the GUI.
    [[nodiscard]] const Scenario &scenario() const { return m_scenario; }
    /// Replaces the scenario (file, command line); runs it. False + errorText on failure.
    /// `ran`, if given, is its run by Simulation::run made ready beforehand (the app starts it
    /// before its window loads), shown instead of running it again.
    bool setScenario(const Scenario &scenario, const QString &presetName = {},
                     std::unique_ptr<ShownRun> ran = {});

    /// Sets the setting `name` (its scenario-file field, as in settingInfos()) from typed
    /// text ("on", "40", "original"): the run recomputes, the playhead stays. Returns "" on
    /// success, else one line naming the setting and saying what it takes; nothing changes
    /// then.
    Q_INVOKABLE QString setSetting(const QString &name, const QString &text);
    /// Every setting at once, in one run (leaving Compare takes its left side's settings);
    /// the playhead stays, as it does for one setting.
    void setSettings(const Settings &settings);
    /// setSetting() with the setting named `what` in the error line.
    std::optional<QString> applySetting(const QString &name, const QString &text,
                                        const QString &what);

    /// Client `client` (its index among the clients) sends a request at the playhead: with
    /// the key of its last request, or a new key. The engine runs again with it.
    Q_INVOKABLE void sendFromClient(int client, bool newKey);
    /// Loads a scenario file or a timeline (replayed as recorded); false and errorText on
    /// failure.
    Q_INVOKABLE bool loadFile(const QUrl &url);
    /// Shows a timeline file as recorded; false and errorText on failure.
    bool loadTimeline(const QString &path);

    /// The fault menu of `target` (a server's node id, "cache", FaultInjection::linkTarget) at
    /// the playhead: a list of {id, text, enabled}; a disabled line's text says why. Live or
    /// on a recorded timeline, one disabled line says why nothing can be injected.
    Q_INVOKABLE QVariantList faultChoices(const QString &target) const;
    /// Adds the fault `choice` (an id from faultChoices) of `target` to the scenario at the
    /// playhead; the engine runs again, the playhead stays. faultNotice() says what was
    /// injected or why not.
    Q_INVOKABLE bool injectFault(const QString &target, const QString &choice);
    [[nodiscard]] ScenarioEditor *editor() { return &m_editor; }
    /// Runs `scenario` (an edit, its undo or redo) in place of the one on screen; the
    /// playhead stays, as it does for a setting.
    bool runEdited(const Scenario &scenario);

    [[nodiscard]] bool askBeforeDiscardingLive() const { return m_askBeforeDiscard; }
    void setAskBeforeDiscardingLive(bool ask);
    /// After discardLiveAsked: applies the held-back setting change (the record goes).
    Q_INVOKABLE void discardLiveAndApply();
    /// After discardLiveAsked: drops the setting change; the record stays on screen.
    Q_INVOKABLE void keepLiveRecord();
    /// Shows a live session's record (`real`: LiveSession::snapshot(), real times) on the
    /// display clock of LiveDisplayTiming, and makes the playhead follow the session:
    /// `realNowUs` is the session's clock now. Settings changed while live are only stored
    /// (the live controller restarts the servers with them), not run.
    void showLive(RunResult real, qint64 realNowUs);
    /// showLive() for clusters this app attached to: they run with settings of their own,
    /// which the controls then show (the guards, the lag; the scene's servers per cluster
    /// stay the scenario's).
    void showAttached(RunResult real, qint64 realNowUs);
    /// The session stopped: the playhead stays, the record stays on screen for scrubbing
    /// and export until a preset or a setting changes.
    void endLive();
    /// The playhead follows a running live session.
    [[nodiscard]] bool live() const;

    /// What the exporters write: the run on screen, or for a live record its real times.
    [[nodiscard]] const RunResult *exportRun() const;
    /// The whole run, or the part between the playback's marks (on a live record's real
    /// clock for a live record).
    [[nodiscard]] ExportRange exportRange(bool marked) const;
    /// The playhead the run is shown on.
    [[nodiscard]] const Playback &playback() const { return m_playback; }

signals:
    void presetChanged();
    /// Another run is on screen (the playback's runChanged).
    void runChanged();
    void errorTextChanged();
    void settingsChanged();
    /// The playhead started or stopped following a live session (the playback's).
    void liveChanged();
    void askBeforeDiscardingLiveChanged();
    /// A setting change would wipe the live record on screen: it waits for
    /// discardLiveAndApply() or keepLiveRecord().
    void discardLiveAsked();
    /// The scenario changed: another one, an edit, a setting.
    void scenarioChanged();
    /// What a fault injection or its undo did, or why it could not (`ok` false).
    void faultNotice(const QString &message, bool ok);

private:
    /// Shows the run of m_scenario: `ran` if given (made beforehand), else runs it now.
    bool rerun(std::unique_ptr<ShownRun> ran = {});
    [[nodiscard]] QString injectionBlocked() const;
    /// The scenario file `presetName` names, for the editor's save(); empty for a preset.
    [[nodiscard]] QUrl scenarioFile(const QString &presetName) const;
    void showRun(std::unique_ptr<ShownRun> run, bool recorded);
    void present(std::unique_ptr<ShownRun> run, bool recorded);
    void setError(const QString &error);
    void takeSettings(const Settings &settings);
    [[nodiscard]] bool discardsLiveRecord(const Settings &settings) const;

    Playback &m_playback;
    QStringList m_presetNames;
    QStringList m_presetTitles;
    QStringList m_presetDescriptions;
    QString m_preset;
    Scenario m_scenario;
    QString m_error;
    bool m_recorded = false;
    bool m_liveRecord = false;
    bool m_askBeforeDiscard = false;
    std::optional<Settings> m_pendingSettings; ///< held back until the user answers
    std::optional<RunResult> m_liveReal;       ///< a live record's real times, for the exporters
    LiveDisplayTiming m_liveTiming;
    ScenarioEditor m_editor{*this};
};

} // namespace idem
