// idemlab: the Qt Quick app. Parses the command line, loads the QML module, and either
// shows the window or renders one screenshot and exits.
#include "attachcontroller.h"
#include "frameclock.h"
#include "guioptions.h"
#include "livecontroller.h"
#include "simulationcontroller.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTextStream>
#include <QTimer>

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart; // for --fps-log's "first frame" figure
    sinceStart.start();
    // Text from glyph bitmaps of the exact size, not distance fields: the same layout (Qt's
    // own metrics, unlike Text.NativeRendering), but no per-pixel distance-field shader, which
    // the software rasterizer (Mesa llvmpipe) pays for on every frame: the 200-request burst
    // went from 17-19 to 26-29 fps with it (docs/BENCHMARKS.md, Dec 4 2026). Scaled text (the
    // scene's fit below 1) is a scaled-down bitmap. Set but empty, distance fields come back.
    if (!qEnvironmentVariableIsSet("QML_DISABLE_DISTANCEFIELD"))
        qputenv("QML_DISABLE_DISTANCEFIELD", "1");
    // QApplication, not QGuiApplication: the Sweep panel's chart (Qt Charts) needs it.
    QApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("Idempotency Lab"));
    QGuiApplication::setOrganizationName(QStringLiteral("Idempotency Lab"));
    QGuiApplication::setApplicationVersion(QStringLiteral(IDEMLAB_VERSION));

    idem::GuiOptions options;
    if (const auto error = options.parse(app.arguments())) {
        QTextStream(stderr) << "idemlab: " << *error << Qt::endl;
        return 2;
    }
    if (options.helpRequested) {
        QTextStream(stdout) << options.helpText();
        return 0;
    }

    options.prepareRun(); // the scenario's run, on a thread of its own while QML loads
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.setInitialProperties(options.initialProperties());
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/IdemLab/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    const qint64 qmlLoadedMs = sinceStart.elapsed();
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    auto *controller = window->property("controller").value<idem::SimulationController *>();
    if (!controller) {
        QTextStream(stderr) << "idemlab: the main window has no controller" << Qt::endl;
        return 1;
    }
    // The playhead moves with the window's frames while it plays.
    const idem::FrameClock frameClock(*window, *controller->playback());
    if (const auto error = options.apply(*controller)) {
        QTextStream(stderr) << "idemlab: " << *error << Qt::endl;
        return 2;
    }
    const qint64 appliedMs = sinceStart.elapsed();
    if (options.live) {
        auto *live = window->property("live").value<idem::LiveController *>();
        if (!live || !live->start()) {
            QTextStream(stderr) << "idemlab: "
                                << (live ? live->errorText() : QStringLiteral("no live mode"))
                                << Qt::endl;
            return 2;
        }
        QTextStream(stderr) << "idemlab: live: cluster A " << live->baseUrlA() << ", cluster B "
                            << live->baseUrlB() << ", databases in " << live->dbDir() << Qt::endl
                            << "  try: " << live->curlExample() << Qt::endl;
    }
    if (!options.attach.isEmpty()) {
        auto *attach = window->property("attach").value<idem::AttachController *>();
        if (!attach || !attach->attach(options.attach)) {
            QTextStream(stderr) << "idemlab: "
                                << (attach ? attach->errorText() : QStringLiteral("no attach"))
                                << Qt::endl;
            return 2;
        }
        QTextStream(stderr) << "idemlab: attaching to " << options.attach.join(u' ') << Qt::endl;
        if (!options.screenshot.isEmpty()) {
            // A picture of what the clusters said: each has answered (or failed to), and the
            // replay is in.
            QElapsedTimer waited;
            waited.start();
            while (!attach->settled() && waited.elapsed() < 5000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            QElapsedTimer settle;
            settle.start();
            while (settle.elapsed() < 500)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        }
    }
    if (!options.screenshot.isEmpty())
        return options.takeScreenshot(*window, app) ? 0 : 1;
    if (!options.fpsLog.isEmpty())
        options.startFpsLog(*window, *controller, sinceStart, qmlLoadedMs, appliedMs);
    return app.exec();
}
