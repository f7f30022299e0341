// A key's life in the real window: a click on a key row of a DB table or on an entry of
// the shared cache puts the life of that key in the lane timeline's place (its lanes drawn
// from the run on screen), a click on a lane seeks, and Esc brings the timeline back. At
// every size, theme and text scale the panel's words stay inside it.
// IDEMLAB_SHOTS_DIR=/some/dir saves what it rendered there, to look at.
#include "guiwindow.h"
#include "keylifecanvas.h"
#include "simulationcontroller.h"
#include "tst_screenshots_textlayout.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QtTest>

using namespace idem;

namespace {

bool isType(const QObject *o, const char *type)
{
    return QByteArray(o->metaObject()->className()).startsWith(QByteArray(type) + '_');
}

/// The first visible item under `root` of QML type `type` whose property `name` is `value`
/// (any, if `name` is empty).
QQuickItem *findItem(QQuickItem *root, const char *type, const char *name = nullptr,
                     const QString &value = QString())
{
    for (QQuickItem *item : root->childItems()) {
        if (!item->isVisible())
            continue;
        if (isType(item, type) && (!name || item->property(name).toString() == value))
            return item;
        if (QQuickItem *found = findItem(item, type, name, value))
            return found;
    }
    return nullptr;
}

} // namespace

class TstKeyLifePanel : public QObject
{
    Q_OBJECT

private slots:
    void clickAKey_data();
    void clickAKey();
};

void TstKeyLifePanel::clickAKey_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<double>("textScale");
    QTest::addColumn<QString>("preset");
    QTest::addColumn<bool>("cache");
    QTest::addColumn<QString>("clicked"); // the item clicked: KeyRowItem or CacheEntryItem
    for (const QSize size : {QSize(1280, 720), QSize(1920, 1080)})
        for (const bool dark : {false, true})
            for (const double scale : {1.0, 3.0})
                QTest::addRow("%dx%d %s %gx key row", size.width(), size.height(),
                              dark ? "dark" : "light", scale)
                    << size << dark << scale << "parallel-two-clusters" << false << "KeyRowItem";
    QTest::addRow("1920x1080 light 1x cache entry")
        << QSize(1920, 1080) << false << 1.0 << "parallel-two-clusters" << true << "CacheEntryItem";
}

void TstKeyLifePanel::clickAKey()
{
    QFETCH(QSize, size);
    QFETCH(bool, dark);
    QFETCH(double, textScale);
    QFETCH(QString, preset);
    QFETCH(bool, cache);
    QFETCH(QString, clicked);

    QQmlApplicationEngine engine;
    QQuickWindow *window = loadAppWindow(engine, dark, textScale);
    QVERIFY(window);
    auto *controller = window->property("controller").value<SimulationController *>();
    QVERIFY(controller);
    controller->session()->setPreset(preset);
    if (cache)
        QCOMPARE(controller->session()->setSetting(QStringLiteral("cache"), QStringLiteral("on")),
                 QString());
    controller->playback()->seek(330'000); // both claims written, both charged
    window->resize(size);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    settle(300);
    QVERIFY(!findItem(window->contentItem(), "KeyLifePanel"));

    QQuickItem *key = findItem(window->contentItem(), qPrintable(clicked), "key", "K1");
    QVERIFY2(key, qPrintable(clicked));
    QTest::mouseClick(window, Qt::LeftButton, {},
                      key->mapToScene(QPointF(key->width() / 4, key->height() / 2)).toPoint());
    settle(300);
    QQuickItem *panel = findItem(window->contentItem(), "KeyLifePanel");
    QVERIFY2(panel, "no key's life after the click");
    QVERIFY(!findItem(window->contentItem(), "TimelinePanel"));
    auto *canvas = panel->findChild<KeyLifeCanvas *>();
    QVERIFY(canvas);
    QCOMPARE(canvas->key(), QStringLiteral("K1"));
    // The lanes are the run's: both requests, both charges and their copies.
    QCOMPARE(canvas->life().requests.size(), 2);
    QCOMPARE(canvas->requestCount(), 2);
    QCOMPARE(canvas->chargeCount(), cache ? 2 : 4);
    QVERIFY(canvas->height() > 0);
    if (const QString dir = qEnvironmentVariable("IDEMLAB_SHOTS_DIR"); !dir.isEmpty())
        QVERIFY(window->grabWindow().save(
            QDir(dir).filePath(QString::fromLatin1(QTest::currentDataTag())
                                   .replace(QLatin1Char(' '), QLatin1Char('-')) +
                               QStringLiteral(".png"))));
    const QStringList problems = TextLayoutCheck::problems(*window);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

    // A click in the DB A lane, at the first claim's moment, takes the playhead there.
    const qint64 claimUs = canvas->life().lanes[0].spans.value(1).fromUs;
    QVERIFY(claimUs > 0);
    const QRectF lane = canvas->laneRect(0);
    QTest::mouseClick(
        window, Qt::LeftButton, {},
        canvas->mapToScene(QPointF(canvas->xForTime(double(claimUs)) + 0.5, lane.center().y()))
            .toPoint());
    settle(100);
    QVERIFY2(std::abs(controller->playback()->timeUs() - double(claimUs)) < 20'000,
             qPrintable(QString::number(controller->playback()->timeUs())));

    // Esc: the lane timeline (or, where they take turns, the scene) is back.
    QTest::keyClick(window, Qt::Key_Escape);
    settle(200);
    QVERIFY(!findItem(window->contentItem(), "KeyLifePanel"));
    QVERIFY(findItem(window->contentItem(), "SceneView"));
}

QTEST_MAIN(TstKeyLifePanel)
#include "tst_keylifepanel.moc"
