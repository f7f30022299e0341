// The crowd layer (MessageLayer, past ~60 messages in flight) puts its dots where the
// labelled tokens would go: a replication between the two databases rides in the gap
// between the cluster frames, beside its line, and several replications in flight are one
// dot that says how many rows are replicating.
#include "messagelayer.h"
#include "scenemodels.h"

#include <QtTest>

using namespace idem;

class TstMessageLayer : public QObject
{
    Q_OBJECT

private slots:
    void replicationRidesInTheGap_data();
    void replicationRidesInTheGap();
    void replicationsAreOneDot();
    void otherMessagesAreUntouched();
};

namespace {

// Node 0 a client, 1 DB A (upper cluster), 2 DB B (lower cluster); the gap between the
// cluster frames from y = 300 to y = 340.
constexpr int client = 0;
constexpr int dbA = 1;
constexpr int dbB = 2;
const QRectF gap(400, 300, 600, 40);

MessageView message(int event, int from, int to, double progress)
{
    MessageView m;
    m.event = event;
    m.from = from;
    m.to = to;
    m.progress = progress;
    m.label = QStringLiteral("K%1 row").arg(event);
    return m;
}

void setUp(MessageLayer &layer)
{
    layer.setNodeRects(
        {QRectF(0, 250, 100, 50), QRectF(600, 60, 300, 200), QRectF(600, 380, 300, 200)});
    layer.setDatabaseNodes({dbA, dbB});
    layer.setReplicationGap(gap);
    layer.setDotSize(10);
}

} // namespace

void TstMessageLayer::replicationRidesInTheGap_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::addColumn<double>("progress");
    for (const double p : {0.0, 0.5, 1.0}) {
        QTest::addRow("A to B at %.1f", p) << dbA << dbB << p;
        QTest::addRow("B to A at %.1f", p) << dbB << dbA << p;
    }
}

void TstMessageLayer::replicationRidesInTheGap()
{
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(double, progress);
    MessageModel model;
    MessageLayer layer;
    setUp(layer);
    const MessageView m = message(7, from, to, progress);
    model.setMessages({m});
    layer.setModel(&model);
    QVERIFY(layer.isReplication(m));
    const QPointF p = layer.dotCentre(m);
    // In the gap, off both cluster frames, and wholly left of the line at the DBs' centre
    // (its "lag" label is on the right).
    QVERIFY2(p.y() - 5 >= gap.top() && p.y() + 5 <= gap.bottom(),
             qPrintable(QStringLiteral("y %1").arg(p.y())));
    QVERIFY2(p.x() + 5 < 750, qPrintable(QStringLiteral("x %1").arg(p.x())));
    // Downward from A, upward from B.
    const QPointF start = layer.dotCentre(message(7, from, to, 0));
    const QPointF end = layer.dotCentre(message(7, from, to, 1));
    QVERIFY(from == dbA ? start.y() < end.y() : start.y() > end.y());
}

void TstMessageLayer::replicationsAreOneDot()
{
    MessageModel model;
    MessageLayer layer;
    setUp(layer);
    const QVector<MessageView> messages{message(3, dbA, dbB, 0.2), message(5, dbA, dbB, 0.6),
                                        message(9, dbB, dbA, 0.4)};
    model.setMessages(messages);
    layer.setModel(&model);
    QVERIFY(layer.isDrawn(messages[0])); // the first stands for the three
    QVERIFY(!layer.isDrawn(messages[1]));
    QVERIFY(!layer.isDrawn(messages[2]));
    const QVariantMap hit = layer.messageAt(layer.dotCentre(messages[0]));
    QCOMPARE(hit.value(QStringLiteral("eventIndex")).toInt(), 3);
    QCOMPARE(hit.value(QStringLiteral("label")).toString(), QStringLiteral("3 rows replicating"));
    // Where a hidden one would be, nothing is found.
    const QPointF hidden = layer.dotCentre(messages[1]);
    if (QLineF(hidden, layer.dotCentre(messages[0])).length() > 12)
        QVERIFY(layer.messageAt(hidden).isEmpty());

    // One replication left: its own label again.
    model.setMessages({messages[1]});
    QVERIFY(layer.isDrawn(messages[1]));
    QCOMPARE(layer.messageAt(layer.dotCentre(messages[1])).value(QStringLiteral("label")),
             QVariant(messages[1].label));
}

void TstMessageLayer::otherMessagesAreUntouched()
{
    // A client's request is not a replication: drawn on its straight line, never parked.
    MessageModel model;
    MessageLayer layer;
    setUp(layer);
    const MessageView m = message(1, client, dbA, 0.5);
    model.setMessages({m, message(2, dbA, dbB, 0.5), message(4, dbB, dbA, 0.5)});
    layer.setModel(&model);
    QVERIFY(!layer.isReplication(m));
    QVERIFY(layer.isDrawn(m));
    const QPointF p = layer.dotCentre(m);
    QVERIFY(p.y() < gap.top()); // between the client (y 250..300) and DB A (y 60..260)
    QCOMPARE(layer.messageAt(p).value(QStringLiteral("label")), QVariant(m.label));
}

QTEST_MAIN(TstMessageLayer)
#include "tst_messagelayer.moc"
