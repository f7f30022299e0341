// The fault menu in the real window: a right-click on a server, the cache or the replication
// line opens it, whole inside the window at every size, theme and text scale, with every
// line readable; a left-click on a line injects the fault and the toast names it.
// IDEMLAB_SHOTS_DIR=/some/dir saves what it rendered there, to look at.
#include "guiwindow.h"
#include "simulationcontroller.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QtTest>

#include <memory>

using namespace idem;

namespace {

/// The first object under `root` whose QML type is `type` ("FaultMenu", "Toast").
QObject *findByType(QObject *root, const char *type)
{
    const QByteArray prefix = QByteArray(type) + '_';
    for (QObject *o : root->findChildren<QObject *>())
        if (QByteArray(o->metaObject()->className()).startsWith(prefix))
            return o;
    return nullptr;
}

/// The scene item under `root` a right-click opens `target`'s menu on.
QQuickItem *targetItem(QQuickItem *root, const QString &target)
{
    for (QQuickItem *item : root->childItems()) {
        if (!item->isVisible())
            continue;
        if (target == QLatin1String("replication-link")
                ? QByteArray(item->metaObject()->className()).startsWith("ReplicationLink_")
                : item->property("nodeId").toString() == target)
            return item;
        if (QQuickItem *found = targetItem(item, target))
            return found;
    }
    return nullptr;
}

/// Where on the scene a right-click reaches `target`: inside the node near its right edge
/// (a menu opened there must turn back into the window), or on the replication line.
QPointF clickPoint(QQuickItem *item, const QString &target)
{
    if (target == QLatin1String("replication-link")) {
        const double x = item->property("lineX").toDouble();
        const double y =
            (item->property("lineTop").toDouble() + item->property("lineBottom").toDouble()) / 2;
        return item->mapToScene(QPointF(x, y));
    }
    return item->mapToScene(QPointF(item->width() - 3, item->height() / 2));
}

} // namespace

class TstFaultMenu : public QObject
{
    Q_OBJECT

private slots:
    void opensInsideTheWindow_data();
    void opensInsideTheWindow();

private:
    void save(QQuickWindow &window, const QString &name);
};

void TstFaultMenu::save(QQuickWindow &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("IDEMLAB_SHOTS_DIR");
    if (dir.isEmpty())
        return;
    QVERIFY(window.grabWindow().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

void TstFaultMenu::opensInsideTheWindow_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<double>("textScale");
    QTest::addColumn<QString>("preset");
    QTest::addColumn<double>("atMs");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("choice"); // the line clicked
    for (const QSize size : {QSize(1280, 720), QSize(1920, 1080)})
        for (const bool dark : {false, true})
            for (const double scale : {1.0, 3.0})
                QTest::addRow("%dx%d %s %gx server", size.width(), size.height(),
                              dark ? "dark" : "light", scale)
                    << size << dark << scale << "single-request" << 0.0 << "server-a1"
                    << "crash-next";
    QTest::addRow("1280x720 light 1x cache")
        << QSize(1280, 720) << false << 1.0 << "cache-outage" << 4000.0 << "cache"
        << "cache-down-5000";
    QTest::addRow("1920x1080 dark 3x cache")
        << QSize(1920, 1080) << true << 3.0 << "cache-outage" << 1000.0 << "cache"
        << "cache-up";
    QTest::addRow("1280x720 light 1x link")
        << QSize(1280, 720) << false << 1.0 << "parallel-two-clusters" << 5.0 << "replication-link"
        << "partition-30000";
    QTest::addRow("1280x720 dark 3x link")
        << QSize(1280, 720) << true << 3.0 << "parallel-two-clusters" << 5.0 << "replication-link"
        << "partition-5000";
    QTest::addRow("1920x1080 light 1x server A1 down")
        << QSize(1920, 1080) << false << 1.0 << "crash-after-claim" << 3000.0 << "server-a1"
        << "restart";
}

void TstFaultMenu::opensInsideTheWindow()
{
    QFETCH(QSize, size);
    QFETCH(bool, dark);
    QFETCH(double, textScale);
    QFETCH(QString, preset);
    QFETCH(double, atMs);
    QFETCH(QString, target);
    QFETCH(QString, choice);

    QQmlApplicationEngine engine;
    QQuickWindow *window = loadAppWindow(engine, dark, textScale);
    QVERIFY(window);
    auto *controller = window->property("controller").value<SimulationController *>();
    QVERIFY(controller);
    controller->session()->setPreset(preset);
    controller->playback()->seek(atMs * 1000);
    window->resize(size);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    settle(300);

    QQuickItem *item = targetItem(window->contentItem(), target);
    QVERIFY2(item, qPrintable(target));
    QObject *menu = findByType(window, "FaultMenu");
    QVERIFY(menu);
    QTest::mouseClick(window, Qt::RightButton, {}, clickPoint(item, target).toPoint());
    QTRY_VERIFY(menu->property("opened").toBool());
    settle(200);
    QCOMPARE(menu->property("target").toString(), target);

    const QString name =
        QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'));
    save(*window, QStringLiteral("faultmenu-") + name);

    // Whole inside the window, every line whole inside the menu.
    auto *background = menu->property("background").value<QQuickItem *>();
    QVERIFY(background);
    const QRectF box = background->mapRectToScene(background->boundingRect());
    const QRectF windowRect(QPointF(0, 0), QSizeF(window->size()));
    QVERIFY2(windowRect.contains(box), qPrintable(QStringLiteral("menu at %1,%2 %3x%4 in %5x%6")
                                                      .arg(box.x())
                                                      .arg(box.y())
                                                      .arg(box.width())
                                                      .arg(box.height())
                                                      .arg(size.width())
                                                      .arg(size.height())));
    QString chosenText;
    for (const QVariant &v : controller->session()->faultChoices(target))
        if (v.toMap().value(QStringLiteral("id")).toString() == choice)
            chosenText = v.toMap().value(QStringLiteral("text")).toString();
    QVERIFY2(!chosenText.isEmpty(), qPrintable(choice));
    const int count = menu->property("count").toInt();
    QVERIFY(count >= 3); // the heading, a separator, and at least one fault
    QQuickItem *chosen = nullptr;
    int lines = 0;
    for (int i = 0; i < count; ++i) {
        QQuickItem *line = nullptr;
        QMetaObject::invokeMethod(menu, "itemAt", Q_RETURN_ARG(QQuickItem *, line), Q_ARG(int, i));
        QVERIFY(line);
        // Across, every line fits; a menu taller than the window (the largest text) scrolls,
        // but its heading and first fault always show.
        const QRectF r = line->mapRectToScene(line->boundingRect());
        QVERIFY2(r.left() >= box.left() - 0.5 && r.right() <= box.right() + 0.5,
                 qPrintable(QString::number(i)));
        if (i < 3)
            QVERIFY2(r.top() >= box.top() - 0.5 && r.bottom() <= box.bottom() + 0.5,
                     qPrintable(QString::number(i)));
        auto *text = line->property("contentItem").value<QQuickItem *>();
        if (!text || !line->property("text").isValid())
            continue;
        ++lines;
        QVERIFY2(!text->property("truncated").toBool(),
                 qPrintable(line->property("text").toString()));
        QVERIFY2(text->property("contentWidth").toDouble() <= text->width() + 1,
                 qPrintable(line->property("text").toString()));
        if (line->property("text").toString() == chosenText)
            chosen = line;
    }
    QVERIFY(lines >= 1);

    // A click on the line injects it; the toast says what.
    QVERIFY2(chosen, qPrintable(choice));
    QSignalSpy notices(controller->session(), &Session::faultNotice);
    const double before = controller->playback()->timeUs();
    QTest::mouseClick(
        window, Qt::LeftButton, {},
        chosen->mapToScene(QPointF(chosen->width() / 2, chosen->height() / 2)).toPoint());
    QTRY_COMPARE(notices.count(), 1);
    QVERIFY(notices.first().at(1).toBool());
    QCOMPARE(controller->playback()->timeUs(), before);
    QTRY_VERIFY(!menu->property("visible").toBool());
    QObject *toast = findByType(window, "Toast");
    QVERIFY(toast);
    QTRY_VERIFY(toast->property("opacity").toDouble() > 0.9);
    save(*window, QStringLiteral("injected-") + name);
    // Ctrl+Z takes it back.
    QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier);
    QTRY_COMPARE(notices.count(), 2);
    QVERIFY(!controller->session()->editor()->canUndo());
}

QTEST_MAIN(TstFaultMenu)
#include "tst_faultmenu.moc"
