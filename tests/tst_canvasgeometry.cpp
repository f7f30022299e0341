// The lane timeline's label geometry: whether an arrow passes through a label's box, which
// decides where a message label has room (a label is drawn only where no other arrow runs);
// and where the playhead's time pill goes and which tick and gap labels it hides.
#include "simulationcontroller.h" // timelinecanvas.h holds a QPointer to it
#include "timelinecanvas_p.h"

#include <QtTest>

using namespace idem::canvas;

class TstCanvasGeometry : public QObject
{
    Q_OBJECT

private slots:
    void lineCrossesRect_data();
    void lineCrossesRect();
    void playheadPill_data();
    void playheadPill();
    void hiddenByPill_data();
    void hiddenByPill();
};

void TstCanvasGeometry::lineCrossesRect_data()
{
    QTest::addColumn<QLineF>("line");
    QTest::addColumn<bool>("crosses");
    // The box is (0,0)–(40,10), as a label "409 K1" 40 px wide.
    QTest::newRow("through the middle") << QLineF(-10, 5, 50, 5) << true;
    QTest::newRow("diagonal through") << QLineF(-5, -5, 45, 15) << true;
    QTest::newRow("starts inside") << QLineF(20, 5, 100, 100) << true;
    QTest::newRow("wholly inside") << QLineF(5, 2, 30, 8) << true;
    QTest::newRow("vertical through") << QLineF(20, -20, 20, 30) << true;
    QTest::newRow("above, parallel") << QLineF(-10, -3, 50, -3) << false;
    QTest::newRow("below, parallel") << QLineF(-10, 13, 50, 13) << false;
    QTest::newRow("stops short of it") << QLineF(-30, 5, -1, 5) << false;
    QTest::newRow("passes the corner") << QLineF(35, -10, 50, 5) << false;
    QTest::newRow("vertical beside") << QLineF(41, -20, 41, 30) << false;
    QTest::newRow("a point outside") << QLineF(60, 5, 60, 5) << false;
}

void TstCanvasGeometry::lineCrossesRect()
{
    QFETCH(QLineF, line);
    QFETCH(bool, crosses);
    const QRectF box(0, 0, 40, 10);
    QCOMPARE(idem::canvas::lineCrossesRect(line, box), crosses);
    // Direction does not matter.
    QCOMPARE(idem::canvas::lineCrossesRect(QLineF(line.p2(), line.p1()), box), crosses);
}

void TstCanvasGeometry::playheadPill_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("pillWidth");
    QTest::addColumn<double>("width");
    QTest::addColumn<double>("left");
    QTest::newRow("centred on the playhead") << 400.0 << 60.0 << 1000.0 << 370.0;
    QTest::newRow("at the start: inside") << 10.0 << 60.0 << 1000.0 << 0.0;
    QTest::newRow("at the end: inside") << 995.0 << 60.0 << 1000.0 << 940.0;
    QTest::newRow("text scale 3: wider, still inside") << 990.0 << 180.0 << 1000.0 << 820.0;
    QTest::newRow("wider than the axis: from its start") << 50.0 << 120.0 << 100.0 << 0.0;
}

void TstCanvasGeometry::playheadPill()
{
    QFETCH(double, x);
    QFETCH(double, pillWidth);
    QFETCH(double, width);
    QFETCH(double, left);
    const Span pill = idem::canvas::playheadPill(x, pillWidth, width);
    QCOMPARE(pill.left, left);
    QCOMPARE(pill.right - pill.left, pillWidth);
}

void TstCanvasGeometry::hiddenByPill_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("pillWidth");
    QTest::addColumn<QVector<bool>>("hidden");
    // An axis 1280 px wide with labels as at 1280x720, text scale 1: "0 ms" at 85–115,
    // "20 ms" at 215–250, the gap label "+301 ms" at 372–428, "326 ms" at 515–557.
    QTest::newRow("200 ms over +301 ms: the gap label goes")
        << 422.0 << 56.0 << QVector<bool>{false, false, true, false};
    QTest::newRow("between labels: all stay")
        << 320.0 << 56.0 << QVector<bool>{false, false, false, false};
    QTest::newRow("touching a label's edge: it stays")
        << 278.0 << 56.0 << QVector<bool>{false, false, false, false};
    QTest::newRow("one pixel over: it goes")
        << 277.0 << 56.0 << QVector<bool>{false, true, false, false};
    QTest::newRow("near the start: the first tick goes")
        << 60.0 << 56.0 << QVector<bool>{true, false, false, false};
    QTest::newRow("text scale 3: a wide pill hides two")
        << 470.0 << 168.0 << QVector<bool>{false, false, true, true};
    QTest::newRow("wider than everything: all go")
        << 640.0 << 1280.0 << QVector<bool>{true, true, true, true};
}

void TstCanvasGeometry::hiddenByPill()
{
    QFETCH(double, x);
    QFETCH(double, pillWidth);
    QFETCH(QVector<bool>, hidden);
    const QVector<Span> labels{{85, 115}, {215, 250}, {372, 428}, {515, 557}};
    const Span pill = idem::canvas::playheadPill(x, pillWidth, 1280);
    QCOMPARE(idem::canvas::hiddenByPill(pill, labels), hidden);
    // Whatever the pill hides, what stays never overlaps it.
    for (qsizetype i = 0; i < labels.size(); ++i)
        if (!hidden[i])
            QVERIFY(labels[i].right <= pill.left || labels[i].left >= pill.right);
}

QTEST_GUILESS_MAIN(TstCanvasGeometry)
#include "tst_canvasgeometry.moc"
