// The floor of tests/bench/fps.sh: a bare Qt Quick window of the app's size whose whole
// content changes every frame (a full-window gradient and a line of text, both new each
// frame), measured the same way as the app (frameSwapped), in the same xvfb-run.
//   bare_window WIDTHxHEIGHT SECONDS   prints "bare window: N frames, F fps"
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>

namespace {

const QByteArray scene = R"(
import QtQuick
Rectangle {
    property int frame: 0
    gradient: Gradient {
        GradientStop { position: 0; color: Qt.hsla((frame % 360) / 360, 0.5, 0.6, 1) }
        GradientStop { position: 1; color: Qt.hsla(((frame + 180) % 360) / 360, 0.5, 0.4, 1) }
    }
    Text {
        anchors.centerIn: parent
        text: "frame " + parent.frame
        font.pixelSize: 48
    }
}
)";

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    const QStringList size = app.arguments().value(1, QStringLiteral("1280x720")).split('x');
    const int seconds = app.arguments().value(2, QStringLiteral("10")).toInt();
    if (size.size() != 2 || seconds <= 0) {
        std::fprintf(stderr, "usage: bare_window WIDTHxHEIGHT SECONDS\n");
        return 2;
    }
    QQmlEngine engine;
    QQmlComponent component(&engine);
    component.setData(scene, QUrl(QStringLiteral("bare.qml")));
    auto *root = qobject_cast<QQuickItem *>(component.create());
    if (!root) {
        std::fprintf(stderr, "%s\n", qPrintable(component.errorString()));
        return 1;
    }
    QQuickWindow window;
    window.resize(size[0].toInt(), size[1].toInt());
    root->setParentItem(window.contentItem());
    root->setSize(window.size());
    int frames = -1; // the first frame is the start of the measurement
    QElapsedTimer clock;
    QObject::connect(&window, &QQuickWindow::frameSwapped, &window, [&] {
        if (++frames == 0)
            clock.start();
        // The next frame draws something else everywhere.
        root->setProperty("frame", frames + 1);
    });
    QTimer::singleShot(seconds * 1000, &app, [&] {
        const double elapsed = clock.nsecsElapsed() / 1e9;
        std::printf("bare window: %d frames, %.1f fps\n", frames,
                    elapsed > 0 ? frames / elapsed : 0.0);
        QCoreApplication::quit();
    });
    window.show();
    return app.exec();
}
