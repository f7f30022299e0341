#include "guiwindow.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QQmlApplicationEngine>
#include <QQuickWindow>

QQuickWindow *loadAppWindow(QQmlApplicationEngine &engine, bool dark, double textScale)
{
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.setInitialProperties({{QStringLiteral("darkArgument"), dark},
                                 {QStringLiteral("textScaleArgument"), textScale},
                                 {QStringLiteral("rememberPreferences"), false}});
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/IdemLab/Main.qml")));
    if (engine.rootObjects().size() != 1)
        return nullptr;
    return qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
}

void settle(int ms)
{
    QElapsedTimer wait;
    wait.start();
    while (wait.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}
