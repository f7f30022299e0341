#include "session.h"

#include "faultinjection.h"
#include "playback.h"
#include "settingwords.h"

#include "scenario/scenarioloader.h"
#include "sim/simulation.h"
#include "timeline/documentkind.h"
#include "timeline/timelinereader.h"

#include <QFileInfo>
#include <QLoggingCategory>

#include <algorithm>
#include <memory>

Q_LOGGING_CATEGORY(lcSession, "idemlab.gui.session")

namespace idem {

Session::Session(Playback &playback, QObject *parent) : QObject(parent), m_playback(playback)
{
    m_presetNames = ScenarioLoader::presetNames();
    for (const QString &name : m_presetNames) {
        const ScenarioLoad load = ScenarioLoader::load(name);
        m_presetTitles.append(load.scenario ? load.scenario->title : name);
        m_presetDescriptions.append(load.scenario ? load.scenario->description : load.error);
    }
    connect(&playback, &Playback::runChanged, this, &Session::runChanged);
    connect(&playback, &Playback::liveChanged, this, &Session::liveChanged);
    setPreset(ScenarioLoader::defaultPreset());
}

Session::~Session() = default;

void Session::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    if (!error.isEmpty())
        qCWarning(lcSession) << error;
    emit errorTextChanged();
}

void Session::setPreset(const QString &nameOrPath)
{
    if (nameOrPath == m_preset && m_playback.run() && !m_liveRecord &&
        settingsChangedText().isEmpty() && !m_editor.dirty())
        return;
    const ScenarioLoad load = ScenarioLoader::load(nameOrPath);
    if (!load.scenario) {
        setError(load.error);
        return;
    }
    // A preset starts from its own settings, the ones its description is written for.
    if (!m_editor.unlessEditsAreLost(
            [this, load, nameOrPath] { setScenario(*load.scenario, nameOrPath); }))
        emit presetChanged(); // the preset list shows the one still on screen
}

bool Session::setScenario(const Scenario &scenario, const QString &presetName,
                          std::unique_ptr<ShownRun> ran)
{
    const bool presetDiffers = presetName != m_preset;
    m_editor.reset(scenarioFile(presetName));
    m_scenario = scenario;
    m_preset = presetName.isEmpty() ? scenario.name : presetName;
    m_playback.rewind();
    rerun(std::move(ran));
    if (presetDiffers) {
        m_playback.clearMarks(); // the marks were moments of the other run
        emit presetChanged();
    }
    emit settingsChanged();
    return m_playback.run() != nullptr;
}

QUrl Session::scenarioFile(const QString &presetName) const
{
    if (presetName.isEmpty() || m_presetNames.contains(presetName) ||
        !QFileInfo(presetName).isFile())
        return {};
    return QUrl::fromLocalFile(QFileInfo(presetName).absoluteFilePath());
}

bool Session::runEdited(const Scenario &scenario)
{
    m_scenario = scenario;
    const bool ok = rerun();
    emit settingsChanged(); // the settings drawer and the preset's "changed" line
    return ok;
}

QString Session::scenarioTitle() const
{
    const RunResult *run = m_playback.run();
    return m_liveRecord && run ? run->scenario.title : m_scenario.title;
}

QString Session::scenarioDescription() const
{
    if (const RunResult *run = m_playback.run(); m_liveRecord && run)
        return run->scenario.description;
    if (m_scenario.drops.isEmpty())
        return m_scenario.description;
    // The loss setting says 0 in the preset that loses a message: say the drop is scripted.
    QStringList drops;
    for (const DropSpec &d : m_scenario.drops)
        drops.append(ScenarioEditor::dropText(d));
    return tr("%1 (A scripted drop: %2 is lost on purpose, apart from random loss.)")
        .arg(m_scenario.description, drops.join(tr(" and ")));
}

QVariantMap Session::settings() const
{
    return m_scenario.settings.toJson().toVariantMap();
}

QString Session::settingsChangedText() const
{
    if (m_liveRecord || !m_presetNames.contains(m_preset))
        return {};
    const ScenarioLoad preset = ScenarioLoader::load(m_preset);
    if (!preset.scenario)
        return {};
    return SettingWords::changed(m_scenario.settings, preset.scenario->settings, tr("preset"));
}

QString Session::setSetting(const QString &name, const QString &text)
{
    const auto &infos = settingInfos();
    const auto info = std::find_if(infos.cbegin(), infos.cend(),
                                   [&](const SettingInfo &i) { return i.json == name; });
    if (info == infos.cend())
        return tr("There is no setting \"%1\".").arg(name);
    return applySetting(name, text, info->control.label).value_or(QString());
}

std::optional<QString> Session::applySetting(const QString &name, const QString &text,
                                             const QString &what)
{
    Settings settings = m_scenario.settings;
    if (auto error = settings.setFromText(name, text, what))
        return error;
    if (settings == m_scenario.settings)
        return std::nullopt;
    takeSettings(settings);
    return std::nullopt;
}

void Session::setSettings(const Settings &settings)
{
    if (settings != m_scenario.settings)
        takeSettings(settings);
}

void Session::takeSettings(const Settings &settings)
{
    if (m_askBeforeDiscard && discardsLiveRecord(settings)) {
        m_pendingSettings = settings;
        emit settingsChanged(); // the controls show the values still in force
        emit discardLiveAsked();
        return;
    }
    m_pendingSettings.reset();
    m_scenario.settings = settings;
    if (!live()) // live, the servers restart with it (LiveController); nothing to run here
        rerun();
    emit settingsChanged();
}

bool Session::discardsLiveRecord(const Settings &settings) const
{
    const RunResult *run = m_playback.run();
    if (!m_liveRecord || !run || run->attempts.isEmpty())
        return false;
    // Running, only a live setting restarts the servers; stopped, any change runs the
    // simulation in the record's place.
    return !live() || !settings.sameForServers(m_scenario.settings);
}

void Session::setAskBeforeDiscardingLive(bool ask)
{
    if (m_askBeforeDiscard == ask)
        return;
    m_askBeforeDiscard = ask;
    emit askBeforeDiscardingLiveChanged();
}

void Session::discardLiveAndApply()
{
    if (!m_pendingSettings)
        return;
    const Settings settings = *m_pendingSettings; // takeSettings() clears it
    const bool ask = m_askBeforeDiscard;
    m_askBeforeDiscard = false;
    takeSettings(settings);
    m_askBeforeDiscard = ask;
}

void Session::keepLiveRecord()
{
    m_pendingSettings.reset();
}

bool Session::rerun(std::unique_ptr<ShownRun> ran)
{
    emit scenarioChanged();
    if (!ran) {
        auto outcome = Simulation::run(m_scenario);
        if (!outcome.result) {
            setError(outcome.error);
            return false;
        }
        ran = ShownRun::prepare(std::move(*outcome.result));
    }
    showRun(std::move(ran), false);
    return true;
}

void Session::showRun(std::unique_ptr<ShownRun> run, bool recorded)
{
    m_playback.stopFollowing();
    m_pendingSettings.reset(); // the record it would have discarded is gone
    const bool wasLiveRecord = m_liveRecord;
    m_liveRecord = false;
    m_liveReal.reset();
    present(std::move(run), recorded);
    if (wasLiveRecord)
        emit presetChanged(); // presetIndex is the preset's again
}

void Session::present(std::unique_ptr<ShownRun> run, bool recorded)
{
    setError({});
    m_recorded = recorded;
    m_playback.show(std::move(run));
}

bool Session::live() const
{
    return m_playback.live();
}

void Session::showLive(RunResult real, qint64 realNowUs)
{
    m_liveTiming = LiveDisplayTiming(real);
    RunResult display = m_liveTiming.apply(real);
    const qint64 front = std::max<qint64>(0, m_liveTiming.toDisplay(realNowUs));
    display.endUs = std::max(display.endUs, front);
    m_liveReal = std::move(real);
    const bool wasLiveRecord = m_liveRecord;
    m_liveRecord = true;
    m_editor.reset({});
    m_playback.follow(front);
    present(ShownRun::prepare(std::move(display)), false);
    if (!wasLiveRecord) {
        m_playback.clearMarks(); // a new session: the marks were moments of the run shown before
        emit presetChanged();
    }
}

void Session::showAttached(RunResult real, qint64 realNowUs)
{
    Settings theirs = real.scenario.settings;
    theirs.serversPerCluster = m_scenario.settings.serversPerCluster;
    const bool differ = theirs.toJson() != m_scenario.settings.toJson();
    if (differ)
        m_scenario.settings = theirs;
    showLive(std::move(real), realNowUs);
    if (differ)
        emit settingsChanged();
}

void Session::endLive()
{
    m_playback.stopFollowing();
}

const RunResult *Session::exportRun() const
{
    return m_liveReal ? &*m_liveReal : m_playback.run();
}

ExportRange Session::exportRange(bool marked) const
{
    const qint64 markIn = qint64(m_playback.markInUs());
    const qint64 markOut = qint64(m_playback.markOutUs());
    ExportRange range;
    if (marked && markIn >= 0)
        range.fromUs = markIn;
    if (marked && markOut >= 0)
        range.toUs = markOut;
    if (m_liveReal) { // the marks are on the display clock, the export is in real time
        if (range.fromUs > 0)
            range.fromUs = m_liveTiming.toReal(range.fromUs);
        if (marked && markOut >= 0)
            range.toUs = m_liveTiming.toReal(range.toUs);
    }
    return range;
}

void Session::sendFromClient(int client, bool newKey)
{
    if (client < 0 || client >= m_scenario.clients.size())
        return;
    const Scenario before = m_scenario;
    RequestSpec request;
    request.client = client;
    request.atUs = qint64(m_playback.timeUs());
    int highest = 0;
    for (const RequestSpec &r : m_scenario.requests) {
        if (r.key && r.key->startsWith(QLatin1Char('K')))
            highest = std::max(highest, r.key->mid(1).toInt());
        if (r.client == client) {
            request.key = r.key;
            request.body = r.body;
        }
    }
    if (newKey || !request.key)
        request.key = QStringLiteral("K%1").arg(highest + 1);
    int n = int(m_scenario.requests.size()) + 1;
    auto taken = [&](const QString &id) {
        return std::any_of(m_scenario.requests.cbegin(), m_scenario.requests.cend(),
                           [&](const RequestSpec &r) { return r.id == id; });
    };
    while (taken(QStringLiteral("R%1").arg(n)))
        ++n;
    request.id = QStringLiteral("R%1").arg(n);
    m_scenario.requests.append(request);
    // Keep the order the engine expects: by time, stable.
    std::stable_sort(m_scenario.requests.begin(), m_scenario.requests.end(),
                     [](const RequestSpec &a, const RequestSpec &b) { return a.atUs < b.atUs; });
    if (!rerun())
        return;
    ScenarioCommand::Step step;
    step.before = before;
    step.after = m_scenario;
    step.text = tr("Send %1").arg(request.id);
    m_editor.pushApplied(std::move(step));
}

bool Session::loadTimeline(const QString &path)
{
    TimelineLoad load = TimelineReader::fromFile(path);
    if (!load.run) {
        setError(load.error);
        return false;
    }
    if (load.run->scenario.name == liveSessionScenarioName) {
        // A live record saved from the app or `serve`: real times, shown as it was live.
        m_playback.rewind();
        showLive(std::move(*load.run), 0);
        endLive();
        return true;
    }
    // The recording is shown as it was: the engine does not run until a setting changes.
    const bool presetDiffers = path != m_preset;
    m_editor.reset({}); // a timeline is not a scenario file: Save as writes one
    m_scenario = load.run->scenario;
    m_preset = path;
    m_playback.rewind();
    showRun(ShownRun::prepare(std::move(*load.run)), true);
    emit scenarioChanged();
    if (presetDiffers)
        emit presetChanged();
    emit settingsChanged();
    return true;
}

bool Session::loadFile(const QUrl &url)
{
    // The action runs now, or later if the editor holds it back until the user discards the
    // edits: then this call has returned, so the flag it sets is shared, not on this stack.
    const auto loaded = std::make_shared<bool>(false);
    m_editor.unlessEditsAreLost([this, url, loaded] {
        const QString path = url.isLocalFile() ? url.toLocalFile() : url.toString();
        if (documentKindOf(path) == DocumentKind::Timeline) {
            *loaded = loadTimeline(path);
            return;
        }
        const ScenarioLoad load = ScenarioLoader::fromFile(path);
        if (!load.scenario) {
            setError(load.error);
            return;
        }
        *loaded = setScenario(*load.scenario, path);
    });
    return *loaded;
}

QString Session::injectionBlocked() const
{
    if (m_liveRecord)
        return tr("Live mode: the requests come from real HTTP clients, so there is no "
                  "simulated run to inject a fault into");
    if (m_recorded)
        return tr("A recorded timeline is replayed as it was: change a setting to run its "
                  "scenario, then inject faults");
    if (!m_playback.run())
        return tr("There is no run to inject a fault into");
    return {};
}

QVariantList Session::faultChoices(const QString &target) const
{
    auto line = [](const QString &id, const QString &text, bool enabled) {
        return QVariantMap{{QStringLiteral("id"), id},
                           {QStringLiteral("text"), text},
                           {QStringLiteral("enabled"), enabled}};
    };
    if (const QString blocked = injectionBlocked(); !blocked.isEmpty())
        return {line({}, blocked, false)};
    QVariantList list;
    const FaultInjection injection(m_scenario, *m_playback.run(), qint64(m_playback.timeUs()));
    for (const FaultChoice &c : injection.choices(target))
        list.append(
            line(c.id, c.enabled() ? c.text : tr("%1 — %2").arg(c.text, c.refusal), c.enabled()));
    if (const QString undoable = m_editor.undoableFault(target); !undoable.isEmpty())
        list.append(line(QStringLiteral("undo"), tr("Remove %1  (Ctrl+Z)").arg(undoable), true));
    return list;
}

bool Session::injectFault(const QString &target, const QString &choice)
{
    if (choice == QLatin1String("undo")) {
        if (m_editor.undoableFault(target).isEmpty())
            return false;
        m_editor.undo();
        return true;
    }
    if (const QString blocked = injectionBlocked(); !blocked.isEmpty()) {
        emit faultNotice(blocked, false);
        return false;
    }
    const FaultInjection injection(m_scenario, *m_playback.run(), qint64(m_playback.timeUs()));
    const QVector<FaultChoice> choices = injection.choices(target);
    const auto c = std::find_if(choices.cbegin(), choices.cend(),
                                [&](const FaultChoice &f) { return f.id == choice; });
    if (c == choices.cend() || !c->enabled()) {
        emit faultNotice(c == choices.cend()
                             ? tr("There is no fault \"%1\" for %2").arg(choice, target)
                             : tr("%1 — %2").arg(c->text, c->refusal),
                         false);
        return false;
    }
    const Scenario before = m_scenario;
    m_scenario.faults = c->faults;
    m_scenario.drops = c->drops;
    bool ok = rerun();
    if (ok && c->crashNode >= 0) {
        // A crash after a step was read off the run's events: the engine must agree.
        const QVector<Event> &events = m_playback.run()->events;
        ok = std::any_of(events.cbegin(), events.cend(), [&](const Event &e) {
            return e.type == EventType::Fault && e.from == c->crashNode && e.t == c->crashUs &&
                   e.label == QLatin1String("CRASH");
        });
    }
    if (!ok) {
        m_scenario = before;
        rerun();
        emit faultNotice(
            tr("Nothing injected: the engine did not run \"%1\" as expected").arg(c->text), false);
        return false;
    }
    ScenarioCommand::Step step;
    step.before = before;
    step.after = m_scenario;
    step.text = c->text;
    step.kind = ScenarioCommand::Kind::Fault;
    step.subject = target;
    step.what = c->what;
    m_editor.pushApplied(std::move(step));
    emit faultNotice(c->done, true);
    return true;
}

} // namespace idem
