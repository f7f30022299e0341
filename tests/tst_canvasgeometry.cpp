// The lane timeline's label geometry: whether an arrow passes through a label's box, which
// decides where a message label has room (a label is drawn only where no other arrow runs).
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

QTEST_GUILESS_MAIN(TstCanvasGeometry)
#include "tst_canvasgeometry.moc"
