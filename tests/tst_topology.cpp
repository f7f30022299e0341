#include "faults/drops.h"
#include "sim/topology.h"

#include <QtTest>

using namespace idem;

// The nodes of a scenario and their roles (shared by the simulation and live mode), and the
// first fault kind: scripted drops.
class TstTopology : public QObject
{
    Q_OBJECT

private slots:
    void nodesInSceneOrder();
    void rolesOfNodes();
    void scriptedDrops_data();
    void scriptedDrops();
};

void TstTopology::nodesInSceneOrder()
{
    Scenario s;
    s.settings.serversPerCluster = 2;
    s.clients = {ClientSpec{QStringLiteral("Client 1"), 0},
                 ClientSpec{QStringLiteral("Client 2"), 1}};
    QStringList ids;
    for (const Node &n : topologyNodes(s))
        ids << n.id;
    QCOMPARE(ids, QStringList({"client-1", "client-2", "router", "server-a1", "server-a2", "db-a",
                               "cache", "db-b", "server-b1", "server-b2"}));
}

void TstTopology::rolesOfNodes()
{
    Scenario s;
    s.settings.serversPerCluster = 2;
    s.clients = {ClientSpec{QStringLiteral("Client 1"), 0}};
    const Topology t = Topology::of(topologyNodes(s));
    QCOMPARE(t.clients, QVector<int>({0}));
    QCOMPARE(t.router, 1);
    QCOMPARE(t.servers[0], QVector<int>({2, 3}));
    QCOMPARE(t.db[0], 4);
    QCOMPARE(t.cache, 5);
    QCOMPARE(t.db[1], 6);
    QCOMPARE(t.servers[1], QVector<int>({7, 8}));
}

void TstTopology::scriptedDrops_data()
{
    QTest::addColumn<QString>("request");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<int>("point");
    QTest::addColumn<bool>("dropped");
    const int req = int(DropPoint::Request);
    const int resp = int(DropPoint::Response);
    QTest::addRow("R1 first response") << "R1" << 1 << resp << true;
    QTest::addRow("R1 first request") << "R1" << 1 << req << false;
    QTest::addRow("R1 retry response") << "R1" << 2 << resp << false;
    QTest::addRow("R2 retry request") << "R2" << 2 << req << true;
    QTest::addRow("R2 first request") << "R2" << 1 << req << false;
    QTest::addRow("R3 has none") << "R3" << 1 << resp << false;
}

void TstTopology::scriptedDrops()
{
    QFETCH(QString, request);
    QFETCH(int, attempt);
    QFETCH(int, point);
    QFETCH(bool, dropped);
    const ScriptedDrops drops({DropSpec{QStringLiteral("R1"), 1, DropPoint::Response},
                               DropSpec{QStringLiteral("R2"), 2, DropPoint::Request}});
    QCOMPARE(drops.drops(request, attempt, DropPoint(point)), dropped);
    QVERIFY(!ScriptedDrops({}).drops(request, attempt, DropPoint(point)));
}

QTEST_GUILESS_MAIN(TstTopology)
#include "tst_topology.moc"
