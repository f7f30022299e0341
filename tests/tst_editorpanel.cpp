// The scenario editor in the real window: Ctrl+Shift+E docks it beside the scene, a request's
// ◆ dragged along the timeline sends it later (one undo step), Ctrl+Z and Ctrl+Shift+Z take
// it back and forth, Esc closes the panel.
#include "guiwindow.h"
#include "simulationcontroller.h"
#include "timelinecanvas.h"

#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QtTest>

#include <cmath>

using namespace idem;

namespace {

/// The visible items under `root` whose QML type is `type`.
QList<QQuickItem *> itemsOfType(QQuickItem *root, const char *type)
{
    QList<QQuickItem *> found;
    const QByteArray prefix = QByteArray(type) + '_';
    for (QQuickItem *item : root->childItems()) {
        if (!item->isVisible())
            continue;
        if (QByteArray(item->metaObject()->className()).startsWith(prefix))
            found << item;
        found << itemsOfType(item, type);
    }
    return found;
}

QQuickItem *handleOf(QQuickItem *root, const QString &request)
{
    for (QQuickItem *h : itemsOfType(root, "RequestHandle"))
        if (h->property("requestId").toString() == request)
            return h;
    return nullptr;
}

/// The app's window at 1920x1080 on preset 4 (R2, the retry, at 100 ms), shown and laid out;
/// null if it did not load or show.
QQuickWindow *openOnPreset4(QQmlApplicationEngine &engine)
{
    QQuickWindow *window = loadAppWindow(engine, false, 1.0);
    auto *controller =
        window ? window->property("controller").value<SimulationController *>() : nullptr;
    if (!controller)
        return nullptr;
    controller->session()->setPreset(QStringLiteral("retry-while-processing"));
    window->resize(1920, 1080);
    if (!QTest::qWaitForWindowExposed(window))
        return nullptr;
    settle(300);
    return window;
}

} // namespace

class TstEditorPanel : public QObject
{
    Q_OBJECT

private slots:
    void dragAHandleAndUndo();
    void dragPastTheEndRerunsOnTheWay();
};

void TstEditorPanel::dragAHandleAndUndo()
{
    QQmlApplicationEngine engine;
    QQuickWindow *window = openOnPreset4(engine);
    QVERIFY(window);
    auto *controller = window->property("controller").value<SimulationController *>();
    QVERIFY(itemsOfType(window->contentItem(), "RequestHandle").isEmpty()); // editor closed

    QTest::keyClick(window, Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    settle(300);
    QVERIFY(window->property("editorOpen").toBool());
    const QList<QQuickItem *> panels = itemsOfType(window->contentItem(), "EditorPanel");
    QCOMPARE(panels.size(), 1);
    // Docked at the right, laid out (not at the top left with no width).
    const QRectF panel = panels.first()->mapRectToScene(
        QRectF(0, 0, panels.first()->width(), panels.first()->height()));
    QVERIFY2(panel.left() > window->width() / 2 && panel.width() > 200,
             qPrintable(QStringLiteral("%1,%2 %3x%4")
                            .arg(panel.x())
                            .arg(panel.y())
                            .arg(panel.width())
                            .arg(panel.height())));

    QQuickItem *r2 = handleOf(window->contentItem(), QStringLiteral("R2"));
    QVERIFY(r2);
    const qint64 before = controller->session()->scenario().requests[1].atUs;
    QCOMPARE(before, 100'000);
    const QPoint start = r2->mapToScene(QPointF(r2->width() / 2, r2->height() / 2)).toPoint();
    QTest::mousePress(window, Qt::LeftButton, {}, start);
    for (int dx = 5; dx <= 80; dx += 5)
        QTest::mouseMove(window, start + QPoint(dx, 0), 10);
    QTest::mouseRelease(window, Qt::LeftButton, {}, start + QPoint(80, 0), 10);
    settle(100);
    const qint64 after = controller->session()->scenario().requests[1].atUs;
    QVERIFY2(after > before, qPrintable(QString::number(after)));
    QCOMPARE(after % 1000, 0); // whole ms, as the file writes it
    ScenarioEditor &editor = *controller->session()->editor();
    QCOMPARE(editor.undoText(), QStringLiteral("Move R2"));
    // The run is the moved one, and the ◆ sits at its new time.
    QCOMPARE(controller->playback()->run()->attempts[1].sentUs, after);
    auto *canvas = r2->property("canvas").value<TimelineCanvas *>();
    QVERIFY(canvas);
    QTRY_COMPARE(r2->property("baseX").toDouble(), canvas->xForTime(double(after)));
    QVERIFY(canvas->xForTime(double(after)) > canvas->xForTime(double(before)));

    QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(controller->session()->scenario().requests[1].atUs, before);
    QVERIFY(!editor.canUndo());
    QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(controller->session()->scenario().requests[1].atUs, after);

    QTest::keyClick(window, Qt::Key_Escape);
    settle(100);
    QVERIFY(!window->property("editorOpen").toBool());
    QVERIFY(itemsOfType(window->contentItem(), "RequestHandle").isEmpty());
}

void TstEditorPanel::dragPastTheEndRerunsOnTheWay()
{
    QQmlApplicationEngine engine;
    QQuickWindow *window = openOnPreset4(engine);
    QVERIFY(window);
    auto *controller = window->property("controller").value<SimulationController *>();
    QTest::keyClick(window, Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    settle(300);
    controller->playback()->seek(50'000);

    QQuickItem *r2 = handleOf(window->contentItem(), QStringLiteral("R2"));
    QVERIFY(r2);
    auto *canvas = r2->property("canvas").value<TimelineCanvas *>();
    QVERIFY(canvas);
    QVERIFY(canvas->roomAfterEnd()); // the editor is open: the axis goes on past the end
    const double endUs = controller->playback()->endUs();
    QVERIFY(endUs > 100'000);
    // The axis has room after the run's end, inside the plot.
    const double endX = canvas->xForTime(endUs);
    QVERIFY2(
        endX + 80 < canvas->plotArea().right(),
        qPrintable(
            QStringLiteral("end at %1, plot to %2").arg(endX).arg(canvas->plotArea().right())));

    const QPoint start = r2->mapToScene(QPointF(r2->width() / 2, r2->height() / 2)).toPoint();
    const QPoint past = canvas->mapToScene(QPointF(endX + 60, 0)).toPoint();
    const QPoint target(past.x(), start.y());
    QTest::mousePress(window, Qt::LeftButton, {}, start);
    for (int x = start.x() + 10; x < target.x(); x += 10)
        QTest::mouseMove(window, QPoint(x, start.y()), 5);
    QTest::mouseMove(window, target, 5);
    // Still held: the engine has run the request where it is being dragged, past the old end.
    QTest::qWait(3 * ScenarioEditor::dragIntervalMs);
    const qint64 dragging = controller->session()->scenario().requests[1].atUs;
    QVERIFY2(dragging > qint64(endUs), qPrintable(QString::number(dragging)));
    QCOMPARE(controller->playback()->run()->attempts[1].sentUs, dragging);
    QVERIFY(controller->playback()->endUs() > endUs);     // the run got longer
    QCOMPARE(controller->playback()->timeUs(), 50'000.0); // the playhead stays
    // The ◆ stays under the pointer while the run changes under it.
    const QPointF held = r2->mapToScene(QPointF(r2->width() / 2, r2->height() / 2));
    QVERIFY2(std::abs(held.x() - target.x()) <= 1, qPrintable(QString::number(held.x())));

    QTest::mouseRelease(window, Qt::LeftButton, {}, target, 5);
    settle(100);
    const qint64 after = controller->session()->scenario().requests[1].atUs;
    QCOMPARE(after, dragging); // the pointer did not move after the last run
    QCOMPARE(after % 1000, 0);
    QCOMPARE(controller->playback()->run()->attempts[1].sentUs, after);
    // On the grown axis the ◆ sits at its new time.
    QTRY_COMPARE(r2->property("baseX").toDouble(), canvas->xForTime(double(after)));

    // The whole drag is one step.
    ScenarioEditor &editor = *controller->session()->editor();
    QCOMPARE(editor.undoText(), QStringLiteral("Move R2"));
    editor.undo();
    QCOMPARE(controller->session()->scenario().requests[1].atUs, 100'000);
    QVERIFY(!editor.canUndo());
}

QTEST_MAIN(TstEditorPanel)
#include "tst_editorpanel.moc"
