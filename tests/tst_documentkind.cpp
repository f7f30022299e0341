#include "scenario/scenarioloader.h"
#include "timeline/documentkind.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace idem;

// One decision, for the CLI, the app's options and its Open: is this a timeline or a scenario?
class TstDocumentKind : public QObject
{
    Q_OBJECT

private slots:
    void sniff_data();
    void sniff();
    void input();
};

void TstDocumentKind::sniff_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("timeline");
    QTest::addRow("timeline schema") << QByteArray(R"({"schema": "idemlab.timeline/1"})") << true;
    QTest::addRow("future version") << QByteArray(R"({"schema": "idemlab.timeline/9"})") << true;
    QTest::addRow("BOM") << QByteArray("\xEF\xBB\xBF{\"schema\": \"idemlab.timeline/1\"}") << true;
    QTest::addRow("no schema, events and nodes")
        << QByteArray(R"({"events": [], "nodes": []})") << true;
    QTest::addRow("no schema, events only") << QByteArray(R"({"events": []})") << false;
    QTest::addRow("scenario schema")
        << QByteArray(R"({"schema": "idemlab.scenario/1", "events": [], "nodes": []})") << false;
    QTest::addRow("schema not a string")
        << QByteArray(R"({"schema": 1, "events": [], "nodes": []})") << false;
    QTest::addRow("scenario") << QByteArray(R"({"name": "x", "requests": []})") << false;
    QTest::addRow("not JSON") << QByteArray("{\"schema\": \"idemlab.timeline/1\"") << false;
    QTest::addRow("array") << QByteArray("[]") << false;
    QTest::addRow("empty") << QByteArray() << false;
}

void TstDocumentKind::sniff()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, timeline);
    QCOMPARE(sniffDocumentKind(bytes) == DocumentKind::Timeline, timeline);
}

void TstDocumentKind::input()
{
    QCOMPARE(documentKindOf(ScenarioLoader::defaultPreset()), DocumentKind::Scenario);
    QCOMPARE(documentKindOf(QString()), DocumentKind::Scenario);
    QCOMPARE(documentKindOf(QStringLiteral("/no/such/file.json")), DocumentKind::Scenario);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("t.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"schema": "idemlab.timeline/1"})");
    file.close();
    QCOMPARE(documentKindOf(path), DocumentKind::Timeline);
    QCOMPARE(documentKindOf(dir.path()), DocumentKind::Scenario); // a folder
}

QTEST_GUILESS_MAIN(TstDocumentKind)
#include "tst_documentkind.moc"
