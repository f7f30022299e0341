#include "simulationcontroller.h"

#include "accountnames.h"
#include "captiontext.h"

#include "protocol/claimhandler.h"
#include "scenario/scenarioloader.h"
#include "sim/simulation.h"
#include "timeline/documentkind.h"
#include "timeline/durationtext.h"
#include "timeline/timelinereader.h"

#include <QLoggingCategory>
#include <QUrl>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcController, "idemlab.gui.controller")

namespace idem {

namespace {
constexpr int tickMs = 16;

/// The settings in words a newcomer reads (the report's line says "replay original",
/// "loss 0"): each as its name and its value, in the drawer's order.
QVector<QPair<QString, QString>> settingWords(const Settings &s)
{
    const auto onOff = [](bool on) {
        return on ? SimulationController::tr("on") : SimulationController::tr("off");
    };
    return {
        {SimulationController::tr("mutex"), onOff(s.mutex)},
        {SimulationController::tr("shared cache"), onOff(s.cache)},
        {SimulationController::tr("network delay"), durationText(s.delayUs)},
        {SimulationController::tr("replication lag"), durationText(s.lagUs)},
        {SimulationController::tr("operation"), durationText(s.opUs)},
        {SimulationController::tr("client timeout"), durationText(s.timeoutUs)},
        {SimulationController::tr("retries"), QString::number(s.retries)},
        {SimulationController::tr("backoff"), durationText(s.backoffUs)},
        {SimulationController::tr("jitter"), durationText(s.jitterUs)},
        {SimulationController::tr("random message loss"),
         s.loss > 0 ? QStringLiteral("%1 %").arg(s.loss * 100, 0, 'g', 3)
                    : SimulationController::tr("none")},
        {SimulationController::tr("duplicates answered"),
         s.replay == ReplayMode::Seed ? SimulationController::tr("200 with the stored body")
                                      : SimulationController::tr("201, Idempotent-Replayed")},
        {SimulationController::tr("seed"), QString::number(s.seed)},
    };
}
/// Live, the playhead runs this far behind the session's "now": a request's first events
/// reach the screen after the refresh (≤ 0.1 s) and must still be ahead of it.
constexpr qint64 liveBehindUs = 300'000;
/// …and at most this far behind: a burst of requests is skipped through, not queued up.
constexpr qint64 liveMaxLagUs = 4'000'000;
} // namespace

SimulationController::SimulationController(QObject *parent) : QObject(parent)
{
    m_presetNames = ScenarioLoader::presetNames();
    for (const QString &name : m_presetNames) {
        const ScenarioLoad load = ScenarioLoader::load(name);
        m_presetTitles.append(load.scenario ? load.scenario->title : name);
        m_presetDescriptions.append(load.scenario ? load.scenario->description : load.error);
    }
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(tickMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 ns = m_clock.nsecsElapsed();
        m_clock.restart();
        if (m_live)
            followLive(ns);
        else
            advance(ns);
    });
    setPreset(ScenarioLoader::defaultPreset());
}

SimulationController::~SimulationController() = default;

void SimulationController::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    if (!error.isEmpty())
        qCWarning(lcController) << error;
    emit errorTextChanged();
}

void SimulationController::setPreset(const QString &nameOrPath)
{
    if (nameOrPath == m_preset && m_run && !m_liveRecord && settingsChangedText().isEmpty())
        return;
    const ScenarioLoad load = ScenarioLoader::load(nameOrPath);
    if (!load.scenario) {
        setError(load.error);
        return;
    }
    // A preset starts from its own settings, the ones its description is written for.
    setScenario(*load.scenario, nameOrPath);
}

bool SimulationController::setScenario(const Scenario &scenario, const QString &presetName)
{
    const bool presetDiffers = presetName != m_preset;
    m_scenario = scenario;
    m_preset = presetName.isEmpty() ? scenario.name : presetName;
    m_time = 0;
    rerun();
    if (presetDiffers) {
        clearMarks(); // the marks were moments of the other run
        emit presetChanged();
    }
    emit settingsChanged();
    return m_run.has_value();
}

QString SimulationController::scenarioTitle() const
{
    return m_liveRecord && m_run ? m_run->scenario.title : m_scenario.title;
}

QString SimulationController::scenarioDescription() const
{
    if (m_liveRecord && m_run)
        return m_run->scenario.description;
    if (m_scenario.drops.isEmpty())
        return m_scenario.description;
    // The loss setting says 0 in the preset that loses a message: say the drop is scripted.
    QStringList drops;
    for (const DropSpec &d : m_scenario.drops)
        drops.append((d.point == DropPoint::Response ? tr("%1's response") : tr("%1's request"))
                         .arg(d.attempt > 1 ? tr("%1's retry %2").arg(d.request).arg(d.attempt - 1)
                                            : d.request));
    return tr("%1 (A scripted drop: %2 is lost on purpose, apart from random loss.)")
        .arg(m_scenario.description, drops.join(tr(" and ")));
}

QString SimulationController::settingsChangedText() const
{
    if (m_liveRecord || !m_presetNames.contains(m_preset))
        return {};
    const ScenarioLoad preset = ScenarioLoader::load(m_preset);
    if (!preset.scenario)
        return {};
    const auto now = settingWords(m_scenario.settings);
    const auto was = settingWords(preset.scenario->settings);
    QStringList changed;
    for (qsizetype i = 0; i < now.size(); ++i)
        if (now[i].second != was[i].second)
            changed.append(
                tr("%1 %2 (preset: %3)").arg(now[i].first, now[i].second, was[i].second));
    return changed.join(QStringLiteral(" · "));
}

template <typename T> void SimulationController::changeSetting(T Settings::*member, T value)
{
    if (m_scenario.settings.*member == value)
        return;
    Settings settings = m_scenario.settings;
    settings.*member = value;
    takeSettings(settings);
}

void SimulationController::takeSettings(const Settings &settings)
{
    if (m_askBeforeDiscard && discardsLiveRecord(settings)) {
        m_pendingSettings = settings;
        emit settingsChanged(); // the controls show the values still in force
        emit discardLiveAsked();
        return;
    }
    m_pendingSettings.reset();
    m_scenario.settings = settings;
    if (!m_live) // live, the servers restart with it (LiveController); nothing to run here
        rerun();
    emit settingsChanged();
}

bool SimulationController::discardsLiveRecord(const Settings &settings) const
{
    if (!m_liveRecord || !m_run || m_run->attempts.isEmpty())
        return false;
    // Running, only a live setting restarts the servers; stopped, any change runs the
    // simulation in the record's place.
    return !m_live || !sameLiveSettings(settings, m_scenario.settings);
}

bool SimulationController::sameLiveSettings(const Settings &a, const Settings &b)
{
    return a.mutex == b.mutex && a.cache == b.cache && a.replication == b.replication &&
           a.dbUs == b.dbUs && a.cacheUs == b.cacheUs && a.opUs == b.opUs && a.lagUs == b.lagUs &&
           a.cacheTtlUs == b.cacheTtlUs && a.replay == b.replay;
}

void SimulationController::setAskBeforeDiscardingLive(bool ask)
{
    if (m_askBeforeDiscard == ask)
        return;
    m_askBeforeDiscard = ask;
    emit askBeforeDiscardingLiveChanged();
}

void SimulationController::discardLiveAndApply()
{
    if (!m_pendingSettings)
        return;
    const Settings settings = *m_pendingSettings; // takeSettings() clears it
    const bool ask = m_askBeforeDiscard;
    m_askBeforeDiscard = false;
    takeSettings(settings);
    m_askBeforeDiscard = ask;
}

void SimulationController::keepLiveRecord()
{
    m_pendingSettings.reset();
}

void SimulationController::setMutex(bool on)
{
    changeSetting(&Settings::mutex, on);
}

void SimulationController::setCache(bool on)
{
    changeSetting(&Settings::cache, on);
}

void SimulationController::setDelayMs(double ms)
{
    changeSetting(&Settings::delayUs, qint64(std::llround(std::clamp(ms, 0.0, 3.6e6) * 1000)));
}

void SimulationController::setLagMs(double ms)
{
    changeSetting(&Settings::lagUs, qint64(std::llround(std::clamp(ms, 0.0, 8.64e7) * 1000)));
}

void SimulationController::setOpMs(double ms)
{
    changeSetting(&Settings::opUs, qint64(std::llround(std::clamp(ms, 0.0, 3.6e6) * 1000)));
}

void SimulationController::setSeed(int seed)
{
    changeSetting(&Settings::seed, quint64(std::max(0, seed)));
}

void SimulationController::setReplayOriginal(bool on)
{
    changeSetting(&Settings::replay, on ? ReplayMode::Original : ReplayMode::Seed);
}

std::optional<QString> SimulationController::applySetting(const QString &name, const QString &text,
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

void SimulationController::rerun()
{
    const auto outcome = Simulation::run(m_scenario);
    if (!outcome.result) {
        setError(outcome.error);
        return;
    }
    showRun(std::move(*outcome.result), false);
}

void SimulationController::showRun(RunResult run, bool recorded)
{
    setLive(false);
    m_pendingSettings.reset(); // the record it would have discarded is gone
    const bool wasLiveRecord = m_liveRecord;
    m_liveRecord = false;
    m_liveReal.reset();
    present(std::move(run), recorded);
    if (wasLiveRecord)
        emit presetChanged(); // presetIndex is the preset's again
}

void SimulationController::showLive(RunResult real, qint64 realNowUs)
{
    m_liveTiming = LiveDisplayTiming(real);
    RunResult display = m_liveTiming.apply(real);
    m_liveFront = std::max<qint64>(0, m_liveTiming.toDisplay(realNowUs));
    m_liveClock.start();
    display.endUs = std::max(display.endUs, m_liveFront);
    m_liveReal = std::move(real);
    const bool wasLiveRecord = m_liveRecord;
    m_liveRecord = true;
    setPlaying(false);
    setLive(true);
    present(std::move(display), false);
    if (!wasLiveRecord) {
        clearMarks(); // a new session: the marks were moments of the run shown before
        emit presetChanged();
    }
}

void SimulationController::endLive()
{
    setLive(false);
}

void SimulationController::setLive(bool live)
{
    if (live == m_live)
        return;
    m_live = live;
    if (live) {
        m_clock.start();
        m_timer.start();
    } else if (!m_playing) {
        m_timer.stop();
    }
    emit liveChanged();
}

void SimulationController::followLive(qint64 realNs)
{
    if (!m_run || !m_live)
        return;
    const qint64 front = m_liveFront + m_liveClock.nsecsElapsed() / 1000;
    if (front > m_run->endUs) {
        m_run->endUs = front;
        emit endChanged();
    }
    const qint64 target = front - liveBehindUs;
    // Real pace (what the messages were stretched for), skipping ahead only when too far
    // behind, and never past the target.
    setTime(std::min(std::max(m_time + realNs / 1000, target - liveMaxLagUs), target));
}

const RunResult *SimulationController::exportRun() const
{
    return m_liveReal ? &*m_liveReal : run();
}

void SimulationController::present(RunResult run, bool recorded)
{
    setError({});
    m_recorded = recorded;
    m_run = std::move(run);
    m_events.setRun(&*m_run);
    m_nodes.setNodes(m_run->nodes);
    buildAxis();
    emit runChanged();
    emit endChanged();
    // Same moment, new run: a teacher flips a toggle and looks at the same instant again.
    setTime(std::min<qint64>(m_time, m_run->endUs), true);
}

void SimulationController::buildAxis()
{
    m_axis = TimelineAxis(TimelineAxis::momentsOf(*m_run), 0, 1);
}

double SimulationController::axisPosition(double timeUs) const
{
    return m_axis.x(qint64(std::llround(timeUs)));
}

double SimulationController::axisTime(double position) const
{
    return m_axis.time(std::clamp(position, 0.0, 1.0));
}

void SimulationController::seek(double timeUs)
{
    setTime(qint64(std::llround(timeUs)));
}

void SimulationController::setTime(qint64 t, bool force)
{
    const qint64 end = m_run ? m_run->endUs : 0;
    t = std::clamp<qint64>(t, 0, end);
    if (t == m_time && !force)
        return;
    m_time = t;
    refreshState();
    emit timeChanged();
}

void SimulationController::refreshState()
{
    if (!m_run)
        return;
    m_state = sceneAt(*m_run, m_time);
    m_nodes.setActivity(m_state.servers, m_state.clients);
    m_messages.setMessages(m_state.messages);
    for (int c = 0; c < 2; ++c) {
        m_keys[c].setRows(m_state.keys[c]);
        m_ledger[c].setRows(m_state.ledger[c]);
    }
    m_cache.setEntries(m_state.cache, m_time);
}

void SimulationController::setPlaying(bool playing)
{
    if (playing == m_playing || (playing && m_live))
        return;
    if (playing && m_run && m_time >= m_run->endUs)
        setTime(0);
    m_playing = playing;
    if (playing) {
        m_clock.start();
        m_timer.start();
    } else if (!m_live) {
        m_timer.stop();
    }
    emit playingChanged();
}

void SimulationController::advance(qint64 realNs)
{
    if (!m_run)
        return;
    // Busy stretches play at `speed`; a compressed gap (a 60 s replication lag) is a
    // pause of at most gapPlayUs, so the lesson is not lost in the wait.
    double wallUs = double(realNs) / 1000.0;
    double t = double(m_time);
    const double end = double(m_run->endUs);
    while (wallUs > 0 && t < end) {
        if (const auto gap = m_axis.gapAt(qint64(t))) {
            const double rate = double(gap->duration) /
                                std::min(double(gap->duration) / m_speed, double(gapPlayUs));
            const double needed = (double(gap->to) - t) / rate;
            if (wallUs < needed) {
                t += wallUs * rate;
                break;
            }
            wallUs -= needed;
            t = double(gap->to);
            continue;
        }
        const auto next = m_axis.nextGap(qint64(t));
        const double limit = next ? std::min(end, double(next->from)) : end;
        const double needed = (limit - t) / m_speed;
        if (wallUs < needed || limit <= t) {
            t += wallUs * m_speed;
            break;
        }
        wallUs -= needed;
        t = limit;
    }
    setTime(qint64(std::llround(std::min(t, end))));
    if (m_time >= m_run->endUs)
        setPlaying(false);
}

void SimulationController::setSpeed(double speed)
{
    speed = std::clamp(speed, 0.01, 10.0);
    if (qFuzzyCompare(speed, m_speed))
        return;
    m_speed = speed;
    emit speedChanged();
}

void SimulationController::faster()
{
    setSpeed(m_speed * 2.0);
}

void SimulationController::slower()
{
    setSpeed(m_speed / 2.0);
}

void SimulationController::stepNext()
{
    if (!m_run)
        return;
    setPlaying(false);
    for (const Event &e : m_run->events) {
        if (e.t > m_time) {
            setTime(e.t);
            return;
        }
    }
}

void SimulationController::stepPrevious()
{
    if (!m_run)
        return;
    setPlaying(false);
    qint64 previous = 0;
    for (const Event &e : m_run->events) {
        if (e.t >= m_time)
            break;
        previous = e.t;
    }
    setTime(previous);
}

void SimulationController::restart()
{
    setTime(0);
}

void SimulationController::seekToEvent(int event)
{
    if (!m_run || event < 0 || event >= m_run->events.size())
        return;
    setTime(m_run->events[event].t);
    setHighlightedEvent(event);
}

void SimulationController::setHighlightedEvent(int event)
{
    if (event == m_highlighted)
        return;
    m_highlighted = event;
    emit highlightedEventChanged();
}

QString SimulationController::caption() const
{
    const QString when = QStringLiteral("t = %1").arg(durationText(m_time));
    if (m_live && (!m_run || m_state.lastEvent < 0))
        return when + QStringLiteral(" · live: waiting for the first request");
    if (!m_run || m_state.lastEvent < 0)
        return when + QStringLiteral(" · press Play (Space) to start");
    return when + QStringLiteral(" · ") + displayCaption(*m_run, m_state.lastEvent);
}

QString SimulationController::verdictText() const
{
    return m_run ? m_run->verdict.summary() : m_error;
}

QString SimulationController::anomalyText() const
{
    if (m_state.duplicateKeys.isEmpty())
        return {};
    QStringList parts;
    for (const QString &key : m_state.duplicateKeys) {
        QStringList ids;
        for (int c = 0; c < 2; ++c)
            for (const LedgerRowView &row : m_state.ledger[c])
                if (row.key == key && row.duplicate && !row.replica && !ids.contains(row.id))
                    ids.append(row.id);
        parts.append(QStringLiteral("key %1 charged %2 times (ledger %3)")
                         .arg(key)
                         .arg(ids.size())
                         .arg(ids.join(QStringLiteral(", "))));
    }
    parts.removeDuplicates();
    return QStringLiteral("DUPLICATE EFFECT — ") + parts.join(QStringLiteral("; "));
}

QString SimulationController::lockText(int cluster) const
{
    if (!m_run)
        return {};
    QStringList parts;
    for (const LockView &l : m_state.locks) {
        if (l.cluster != cluster)
            continue;
        QString text =
            QStringLiteral("lock %1: %2")
                .arg(l.key, l.holder >= 0 ? m_run->nodes[l.holder].name : QStringLiteral("free"));
        if (!l.waiters.isEmpty())
            text += QStringLiteral(" (+%1 waiting)").arg(l.waiters.size());
        parts.append(text);
    }
    if (parts.isEmpty())
        return m_scenario.settings.mutex ? QStringLiteral("mutex on · no lock held")
                                         : QStringLiteral("mutex off");
    return parts.join(QStringLiteral(" · "));
}

QString SimulationController::balancesText(int cluster) const
{
    QStringList parts;
    const auto &balances = m_state.balances[cluster];
    for (auto it = balances.cbegin(); it != balances.cend(); ++it)
        parts.append(QStringLiteral("%1 %2%3")
                         .arg(AccountNames::display(it.key()),
                              it.value() > 0 ? QStringLiteral("+") : QString())
                         .arg(it.value()));
    return parts.join(QStringLiteral(" · "));
}

QVariantList SimulationController::eventTicks() const
{
    QVariantList ticks;
    if (!m_run)
        return ticks;
    qint64 last = -1;
    for (const Event &e : m_run->events) {
        if (e.t == last)
            continue;
        last = e.t;
        ticks.append(axisPosition(double(e.t)));
    }
    return ticks;
}

QVariantList SimulationController::anomalyTicks() const
{
    QVariantList ticks;
    if (!m_run)
        return ticks;
    for (const Event &e : m_run->events)
        if (e.type == EventType::Anomaly)
            ticks.append(axisPosition(double(e.t)));
    return ticks;
}

void SimulationController::sendFromClient(int client, bool newKey)
{
    if (client < 0 || client >= m_scenario.clients.size())
        return;
    RequestSpec request;
    request.client = client;
    request.atUs = m_time;
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
    rerun();
}

void SimulationController::setMarkIn()
{
    m_markIn = m_time;
    if (m_markOut >= 0 && m_markOut < m_markIn) // an in after the out: the out goes
        m_markOut = -1;
    emit marksChanged();
}

void SimulationController::setMarkOut()
{
    m_markOut = m_time;
    if (m_markIn > m_markOut) // an out before the in: the in goes
        m_markIn = -1;
    emit marksChanged();
}

ExportRange SimulationController::exportRange(bool marked) const
{
    ExportRange range;
    if (marked && m_markIn >= 0)
        range.fromUs = m_markIn;
    if (marked && m_markOut >= 0)
        range.toUs = m_markOut;
    if (m_liveReal) { // the marks are on the display clock, the export is in real time
        if (range.fromUs > 0)
            range.fromUs = m_liveTiming.toReal(range.fromUs);
        if (marked && m_markOut >= 0)
            range.toUs = m_liveTiming.toReal(range.toUs);
    }
    return range;
}

void SimulationController::clearMarks()
{
    if (m_markIn < 0 && m_markOut < 0)
        return;
    m_markIn = m_markOut = -1;
    emit marksChanged();
}

bool SimulationController::loadTimeline(const QString &path)
{
    TimelineLoad load = TimelineReader::fromFile(path);
    if (!load.run) {
        setError(load.error);
        return false;
    }
    if (load.run->scenario.name == liveSessionScenarioName) {
        // A live record saved from the app or `serve`: real times, shown as it was live.
        m_time = 0;
        showLive(std::move(*load.run), 0);
        endLive();
        return true;
    }
    // The recording is shown as it was: the engine does not run until a setting changes.
    const bool presetDiffers = path != m_preset;
    m_scenario = load.run->scenario;
    m_preset = path;
    m_time = 0;
    showRun(std::move(*load.run), true);
    if (presetDiffers)
        emit presetChanged();
    emit settingsChanged();
    return true;
}

bool SimulationController::loadFile(const QUrl &url)
{
    const QString path = url.isLocalFile() ? url.toLocalFile() : url.toString();
    if (documentKindOf(path) == DocumentKind::Timeline)
        return loadTimeline(path);
    const ScenarioLoad load = ScenarioLoader::fromFile(path);
    if (!load.scenario) {
        setError(load.error);
        return false;
    }
    return setScenario(*load.scenario, path);
}

} // namespace idem
