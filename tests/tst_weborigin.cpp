// serve --allow-origin: what webOrigin() takes, how it writes the origin a browser sends in
// its Origin header, and the one line it gives for anything else.
#include "live/weborigin.h"

#include <QtTest>

using namespace idem;

class TstWebOrigin : public QObject
{
    Q_OBJECT

private slots:
    void accepted_data();
    void accepted();
    void refused_data();
    void refused();
};

void TstWebOrigin::accepted_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QByteArray>("origin");
    QTest::addRow("plain") << "http://localhost:5173" << QByteArray("http://localhost:5173");
    QTest::addRow("upper case") << "HTTPS://Teach.Example.org"
                                << QByteArray("https://teach.example.org");
    QTest::addRow("default port dropped")
        << "https://a.example:443" << QByteArray("https://a.example");
    QTest::addRow("http default port") << "http://a.example:80/" << QByteArray("http://a.example");
    QTest::addRow("IPv4") << "http://127.0.0.1:8080" << QByteArray("http://127.0.0.1:8080");
    // Found by fuzz_liveaddress: the brackets were lost, so no browser's Origin matched.
    QTest::addRow("IPv6 keeps its brackets")
        << "http://[::1]:5173" << QByteArray("http://[::1]:5173");
    QTest::addRow("IPv6 upper case") << "http://[FE80::1]" << QByteArray("http://[fe80::1]");
}

void TstWebOrigin::accepted()
{
    QFETCH(QString, given);
    QFETCH(QByteArray, origin);
    QString error;
    const auto got = webOrigin(given, &error);
    QVERIFY2(got, qPrintable(error));
    QCOMPARE(*got, origin);
    const auto again = webOrigin(QString::fromLatin1(*got), &error); // what it writes, it reads
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(*again, origin);
}

void TstWebOrigin::refused_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("shown");
    QTest::addRow("star") << "*"
                          << "\"*\"";
    QTest::addRow("a path") << "http://a.example/page"
                            << "\"http://a.example/page\"";
    QTest::addRow("not web") << "ftp://a.example"
                             << "\"ftp://a.example\"";
    QTest::addRow("no host") << "http://"
                             << "\"http://\"";
    QTest::addRow("credentials") << "http://u:p@a.example"
                                 << "\"http://u:p@a.example\"";
    QTest::addRow("a line break, quoted") << "http://a\n.example"
                                          << "\"http://a\\n.example\"";
}

void TstWebOrigin::refused()
{
    QFETCH(QString, given);
    QFETCH(QString, shown);
    QString error;
    QVERIFY(!webOrigin(given, &error));
    QCOMPARE(error, QStringLiteral("--allow-origin %1 is not a web origin; expected "
                                   "http://HOST[:PORT] or https://HOST[:PORT] (one origin each, "
                                   "never *)")
                        .arg(shown));
}

QTEST_GUILESS_MAIN(TstWebOrigin)
#include "tst_weborigin.moc"
