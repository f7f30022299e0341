#include "guioptions.h"

#include "attachcontroller.h"
#include "playback.h"
#include "scenario/overrideoptions.h"
#include "scenario/scenarioloader.h"
#include "sim/simulation.h"
#include "simulationcontroller.h"
#include "timeline/documentkind.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSaveFile>
#include <QTextStream>
#include <QTimer>

namespace idem {

namespace {

/// Lays out `item` and everything under it, parents first (a layout sizes its children, which
/// then lay out theirs).
void polishTree(QQuickItem *item)
{
    item->ensurePolished();
    const QList<QQuickItem *> children = item->childItems();
    for (QQuickItem *child : children)
        polishTree(child);
}

} // namespace

std::optional<QString> GuiOptions::parse(const QStringList &givenArguments)
{
    // --attach URL [URL...]: every argument after it up to the next option is a URL (the
    // parser takes one value per option).
    QStringList arguments;
    for (qsizetype i = 0; i < givenArguments.size(); ++i) {
        const QString &a = givenArguments[i];
        // --compare LEFT RIGHT: two override texts, which start with dashes themselves.
        if (a == QLatin1String("--compare") || a == QLatin1String("-compare")) {
            if (!compare.isEmpty())
                return QStringLiteral("--compare is given once, with two override texts");
            if (i + 2 >= givenArguments.size())
                return QStringLiteral("--compare takes two override texts, the left side's and "
                                      "the right's (e.g. --compare \"--mutex off\" \"--mutex "
                                      "on\"); got %1")
                    .arg(givenArguments.size() - 1 - i);
            compare << givenArguments[i + 1] << givenArguments[i + 2];
            i += 2;
            continue;
        }
        if (a != QLatin1String("--attach") && a != QLatin1String("-attach")) {
            arguments << a;
            continue;
        }
        const qsizetype first = attach.size();
        while (i + 1 < givenArguments.size() && !givenArguments[i + 1].startsWith(u'-'))
            attach << givenArguments[++i];
        if (attach.size() == first)
            return QStringLiteral("--attach takes the URLs of running clusters, e.g. --attach "
                                  "http://127.0.0.1:8081 http://127.0.0.1:8082; got none");
    }
    for (const QString &url : std::as_const(attach))
        if (const QString error = AttachController::urlError(url); !error.isEmpty())
            return QStringLiteral("--attach: %1").arg(error);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Idempotency Lab: watch idempotency keys hold or break."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("scenario"),
                                 QStringLiteral("A preset name or number, or a scenario file"));
    parser.addOption(
        {QStringLiteral("at-ms"), QStringLiteral("Put the playhead at T ms"), QStringLiteral("T")});
    parser.addOption({QStringLiteral("screenshot"),
                      QStringLiteral("Render the window to FILE.png and exit"),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("size"),
                      QStringLiteral("Window size, e.g. 1920x1080 (default 1280x720)"),
                      QStringLiteral("WxH")});
    parser.addOption({QStringLiteral("fps-log"),
                      QStringLiteral("Play the run and log frame times to FILE, then exit"),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("fps-seconds"),
                      QStringLiteral("How long --fps-log plays (default 10)"),
                      QStringLiteral("S")});
    parser.addOption({QStringLiteral("play"), QStringLiteral("Start playing at once")});
    parser.addOption({QStringLiteral("speed"),
                      QStringLiteral("Playback speed, 0.01 to 10 (0.01: 1 s of traffic lasts "
                                     "100 s; idle waits last at most 1 s)"),
                      QStringLiteral("S")});
    parser.addOption({QStringLiteral("live"),
                      QStringLiteral("Start live mode at once: clusters A and B as real HTTP "
                                     "servers (ports 8081, 8082), each request animated")});
    parser.addOption({QStringLiteral("attach"),
                      QStringLiteral("Attach to running clusters (idemlab-cli serve) and animate "
                                     "the events they stream: one or more http://HOST:PORT"),
                      QStringLiteral("URL...")});
    parser.addOption({QStringLiteral("dark"), QStringLiteral("Dark theme")});
    parser.addOption({QStringLiteral("text-scale"),
                      QStringLiteral("Scale all text, e.g. 1.5 for a projector"),
                      QStringLiteral("F")});
    parser.addOption({QStringLiteral("show"),
                      QStringLiteral("Open a panel at once (for --screenshot): settings, export, "
                                     "export-file, open, menu (the ☰ menu), discard (the "
                                     "discard-live-record question), lesson (the lesson's "
                                     "step at --at-ms, its question answered), editor (the "
                                     "scenario editor), editor-faults (the editor at its drops "
                                     "and faults), discard-edits (the discard-unsaved-"
                                     "edits question), hunt (Find a failure), hunt-run (a "
                                     "hunt run to its end, its smallest failure in the scene), "
                                     "sweep (Sweep a setting), sweep-run (a sweep of the "
                                     "jitter with the mutex off and on, plotted) or compare "
                                     "(Compare: the right side with the mutex flipped)"),
                      QStringLiteral("PANEL")});
    parser.addOption({QStringLiteral("key"),
                      QStringLiteral("Show the life of this key in the lane timeline's place "
                                     "(as clicking it does), e.g. K1, or \"K1 (Client 1)\" under "
                                     "keyScope client"),
                      QStringLiteral("KEY")});
    parser.addOption({QStringLiteral("compare"),
                      QStringLiteral("--compare LEFT RIGHT: open in Compare mode with the left "
                                     "side's overrides and the right's, e.g. --compare \"--mutex "
                                     "off\" \"--mutex on\"")});
    OverrideOptions::addTo(parser);
    m_help = parser.helpText();
    if (!parser.parse(arguments))
        return parser.errorText();
    if (parser.isSet(QStringLiteral("help"))) {
        helpRequested = true;
        return {};
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return QStringLiteral("give one scenario, got %1: %2")
            .arg(positional.size())
            .arg(positional.join(QStringLiteral(", ")));
    scenario = positional.value(0);
    auto number = [&](const QString &name, double min, double max) -> std::optional<double> {
        bool ok = false;
        const double v = parser.value(name).toDouble(&ok);
        if (!ok || v < min || v > max)
            return std::nullopt;
        return v;
    };
    if (parser.isSet(QStringLiteral("at-ms"))) {
        atMs = number(QStringLiteral("at-ms"), 0, 1e12);
        if (!atMs)
            return QStringLiteral("--at-ms takes a time in ms (a number ≥ 0), got \"%1\"")
                .arg(parser.value(QStringLiteral("at-ms")));
    }
    if (parser.isSet(QStringLiteral("size"))) {
        const QStringList wh = parser.value(QStringLiteral("size")).split(QLatin1Char('x'));
        const int w = wh.value(0).toInt();
        const int h = wh.value(1).toInt();
        if (wh.size() != 2 || w < 640 || h < 400 || w > 7680 || h > 4320)
            return QStringLiteral("--size takes WIDTHxHEIGHT from 640x400 to 7680x4320, got \"%1\"")
                .arg(parser.value(QStringLiteral("size")));
        size = QSize(w, h);
    }
    if (parser.isSet(QStringLiteral("text-scale"))) {
        const auto scale = number(QStringLiteral("text-scale"), 0.5, 3);
        if (!scale)
            return QStringLiteral("--text-scale takes a factor from 0.5 to 3, got \"%1\"")
                .arg(parser.value(QStringLiteral("text-scale")));
        textScale = *scale;
    }
    if (parser.isSet(QStringLiteral("fps-seconds"))) {
        const auto seconds = number(QStringLiteral("fps-seconds"), 1, 600);
        if (!seconds)
            return QStringLiteral("--fps-seconds takes 1 to 600, got \"%1\"")
                .arg(parser.value(QStringLiteral("fps-seconds")));
        fpsSeconds = *seconds;
    }
    screenshot = parser.value(QStringLiteral("screenshot"));
    if (!screenshot.isEmpty() && !screenshot.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        return QStringLiteral("--screenshot writes PNG: give a FILE.png, got \"%1\"")
            .arg(screenshot);
    if (parser.isSet(QStringLiteral("speed"))) {
        speed = number(QStringLiteral("speed"), 0.01, 10);
        if (!speed)
            return QStringLiteral("--speed takes a factor from 0.01 to 10, got \"%1\"")
                .arg(parser.value(QStringLiteral("speed")));
    }
    fpsLog = parser.value(QStringLiteral("fps-log"));
    play = parser.isSet(QStringLiteral("play"));
    live = parser.isSet(QStringLiteral("live"));
    if (live && play)
        return QStringLiteral("--live follows the servers' clock: it cannot --play too");
    if (!attach.isEmpty() && (live || play))
        return QStringLiteral("--attach shows the attached clusters' clock: it cannot %1 too")
            .arg(live ? QStringLiteral("--live") : QStringLiteral("--play"));
    dark = parser.isSet(QStringLiteral("dark"));
    show = parser.value(QStringLiteral("show"));
    static const QStringList panels = {
        QStringLiteral("settings"),      QStringLiteral("export"),
        QStringLiteral("export-file"),   QStringLiteral("open"),
        QStringLiteral("menu"),          QStringLiteral("discard"),
        QStringLiteral("lesson"),        QStringLiteral("editor"),
        QStringLiteral("editor-faults"), QStringLiteral("discard-edits"),
        QStringLiteral("hunt"),          QStringLiteral("hunt-run"),
        QStringLiteral("sweep"),         QStringLiteral("sweep-run"),
        QStringLiteral("attach"),        QStringLiteral("compare")};
    if (parser.isSet(QStringLiteral("show")) && !panels.contains(show))
        return QStringLiteral("--show takes settings, export, export-file, open, menu, discard, "
                              "lesson, editor, editor-faults, discard-edits, hunt, hunt-run, "
                              "sweep, sweep-run, attach or compare, "
                              "got \"%1\"")
            .arg(show);
    if (!compare.isEmpty() && (live || !attach.isEmpty()))
        return QStringLiteral("--compare runs the scenario twice: it cannot show %1 too")
            .arg(live ? QStringLiteral("--live") : QStringLiteral("--attach"));
    key = parser.value(QStringLiteral("key"));
    if (parser.isSet(QStringLiteral("key")) && key.trimmed().isEmpty())
        return QStringLiteral("--key takes a key label such as K1, got an empty one");
    // Validate the overrides now (on default settings) so a typo fails before any window.
    Settings probe;
    if (auto error = OverrideOptions::apply(parser, probe))
        return error;
    for (const SettingInfo &info : settingInfos()) {
        if (!info.flag.isEmpty() && parser.isSet(info.flag)) {
            m_overrideFlags.append(info.flag);
            m_overrideValues.append(parser.value(info.flag));
        }
    }
    return {};
}

GuiOptions::PreparedRun GuiOptions::prepared(const QString &nameOrFile) const
{
    PreparedRun out;
    const ScenarioLoad load = ScenarioLoader::load(nameOrFile);
    if (!load.scenario) {
        out.error = load.error;
        return out;
    }
    Scenario s = *load.scenario;
    for (int i = 0; i < m_overrideFlags.size(); ++i) {
        if (auto error = s.settings.setFromOverride(m_overrideFlags[i], m_overrideValues[i])) {
            out.error = *error;
            return out;
        }
    }
    const bool isPreset = ScenarioLoader::presetNames().contains(s.name) &&
                          !nameOrFile.endsWith(QLatin1String(".json"));
    out.name = isPreset ? s.name : nameOrFile;
    out.scenario = std::move(s);
    return out;
}

void GuiOptions::prepareRun()
{
    if (scenario.isEmpty() || documentKindOf(scenario) == DocumentKind::Timeline)
        return;
    m_prepared = std::async(std::launch::async, [this] {
        PreparedRun out = prepared(scenario);
        if (out.scenario) {
            // The run Session::setScenario would make (Simulation::run is deterministic),
            // with what the playback needs to show it.
            auto outcome = Simulation::run(*out.scenario);
            if (outcome.result)
                out.run = ShownRun::prepare(std::move(*outcome.result));
        }
        return out;
    });
}

std::optional<QString> GuiOptions::apply(SimulationController &controller) const
{
    const bool timeline = documentKindOf(scenario) == DocumentKind::Timeline;
    if (timeline) {
        if (!m_overrideFlags.isEmpty())
            return QStringLiteral("--%1: a timeline replays a recorded run as it was; change "
                                  "settings in the app, or run its scenario instead")
                .arg(m_overrideFlags.first());
        if (!controller.session()->loadTimeline(scenario))
            return controller.session()->errorText();
    } else if (!scenario.isEmpty() || !m_overrideFlags.isEmpty()) {
        QElapsedTimer waited;
        waited.start();
        PreparedRun run =
            m_prepared.valid()
                ? m_prepared.get()
                : prepared(scenario.isEmpty() ? controller.session()->preset() : scenario);
        m_waitedMs = waited.elapsed();
        if (!run.scenario)
            return run.error;
        if (!controller.session()->setScenario(*run.scenario, run.name, std::move(run.run)))
            return controller.session()->errorText();
    }
    if (!key.isEmpty()) {
        // A key some request of the run carries, as the verdict names it.
        const RunResult *run = controller.playback()->run();
        QStringList known;
        if (run) {
            const bool scoped = run->scenario.settings.keyScope == KeyScope::Client;
            for (const Attempt &a : run->attempts) {
                const QString name = scoped && !a.key.isEmpty()
                                         ? QStringLiteral("%1 (%2)").arg(
                                               a.key, run->scenario.clients.value(a.client).name)
                                         : a.key;
                if (!name.isEmpty() && !known.contains(name))
                    known << name;
            }
        }
        if (!known.contains(key))
            return QStringLiteral("--key: no request of this run carries the key \"%1\" (its "
                                  "keys: %2)")
                .arg(key,
                     known.isEmpty() ? QStringLiteral("none") : known.join(QStringLiteral(", ")));
    }
    if (!compare.isEmpty() && !controller.compare()->enter(compare[0], compare[1]))
        return QStringLiteral("--compare: %1").arg(controller.compare()->errorText());
    if (speed)
        controller.playback()->setSpeed(*speed);
    if (atMs)
        controller.playback()->seek(*atMs * 1000.0);
    if (play)
        controller.playback()->setPlaying(true);
    return {};
}

void GuiOptions::layOut(QQuickWindow &window)
{
    // Twice: the second pass sees the implicit sizes the first one changed.
    for (int pass = 0; pass < 2; ++pass) {
        polishTree(window.contentItem());
        QCoreApplication::processEvents();
    }
}

bool GuiOptions::takeScreenshot(QQuickWindow &window, QGuiApplication &app) const
{
    window.resize(size);
    // Let layouts settle and a couple of frames render before grabbing; a panel (--show)
    // slides in first.
    QElapsedTimer wait;
    wait.start();
    while (wait.elapsed() < (show.isEmpty() ? 300 : 900))
        app.processEvents(QEventLoop::AllEvents, 50);
    layOut(window);
    const QImage image = window.grabWindow();
    QTextStream err(stderr);
    if (image.isNull()) {
        err << "idemlab: could not render the window for the screenshot" << Qt::endl;
        return false;
    }
    QSaveFile file(screenshot);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        err << "idemlab: cannot write \"" << screenshot << "\": " << file.errorString() << Qt::endl;
        return false;
    }
    err << "idemlab: wrote " << screenshot << " (" << image.width() << "x" << image.height() << ")"
        << Qt::endl;
    return true;
}

QVariantMap GuiOptions::initialProperties() const
{
    return {{QStringLiteral("darkArgument"), dark},
            {QStringLiteral("textScaleArgument"), textScale.value_or(0.0)},
            {QStringLiteral("rememberPreferences"), screenshot.isEmpty() && fpsLog.isEmpty()},
            {QStringLiteral("panelArgument"), show},
            {QStringLiteral("keyArgument"), key}};
}

void GuiOptions::startFpsLog(QQuickWindow &window, SimulationController &controller,
                             const QElapsedTimer &sinceStart, qint64 qmlLoadedMs,
                             qint64 appliedMs) const
{
    window.resize(size);
    auto *file = new QFile(fpsLog, &window);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        QTextStream(stderr) << "idemlab: cannot write \"" << fpsLog << "\": " << file->errorString()
                            << Qt::endl;
        QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(1); });
        return;
    }
    auto *clock = new QElapsedTimer(sinceStart);
    auto *last = new qint64(-1);
    QTextStream(file) << "# start-up: QML loaded at " << qmlLoadedMs << " ms, the run shown at "
                      << appliedMs << " ms (waited " << m_waitedMs
                      << " ms for the run prepared meanwhile), the event loop "
                      << "started at " << sinceStart.elapsed() << " ms\n"
                      << "# ms_since_process_start frame_interval_ms messages_in_flight "
                         "playhead_ms\n";
    QObject::connect(&window, &QQuickWindow::frameSwapped, file, [file, clock, last, &controller] {
        const qint64 now = clock->nsecsElapsed();
        QTextStream out(file);
        out << QString::number(now / 1e6, 'f', 3) << ' '
            << (*last < 0 ? QStringLiteral("0") : QString::number((now - *last) / 1e6, 'f', 3))
            << ' ' << controller.models()->messages()->rowCount() << ' '
            << QString::number(controller.playback()->timeUs() / 1000.0, 'f', 3) << '\n';
        *last = now;
    });
    controller.playback()->setPlaying(true);
    QTimer::singleShot(int(fpsSeconds * 1000), qApp, [file, clock, last] {
        file->close();
        delete clock;
        delete last;
        QCoreApplication::quit();
    });
}

} // namespace idem
