// One screenshot per preset at its key moment, rendered by the real `idemlab` binary
// offscreen: the PNG exists, has the requested size and is not blank.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TstScreenshots : public QObject
{
    Q_OBJECT

private slots:
    void preset_data();
    void preset();
    void badArguments_data();
    void badArguments();
};

void TstScreenshots::preset_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QSize>("size");
    const QSize hd(1280, 720);
    // The moment each preset is about: claims in flight, the duplicate, the replay, ...
    QTest::addRow("1 single-request") << QStringList{"single-request", "--at-ms", "30"} << hd;
    QTest::addRow("2 missing-key") << QStringList{"missing-key", "--at-ms", "22"} << hd;
    QTest::addRow("3 retry-after-success")
        << QStringList{"retry-after-success", "--at-ms", "1030"} << hd;
    QTest::addRow("4 retry-while-processing")
        << QStringList{"retry-while-processing", "--at-ms", "125"} << hd;
    QTest::addRow("5 parallel-same-cluster")
        << QStringList{"parallel-same-cluster", "--at-ms", "330"} << hd;
    QTest::addRow("6 parallel-two-clusters")
        << QStringList{"parallel-two-clusters", "--at-ms", "330"} << QSize(1920, 1080);
    QTest::addRow("7 failover-retry, cache on")
        << QStringList{"failover-retry", "--cache", "on", "--at-ms", "5030"} << hd;
    QTest::addRow("8 lost-response") << QStringList{"lost-response", "--at-ms", "360"} << hd;
    QTest::addRow("9 burst, mutex on")
        << QStringList{"burst", "--mutex", "on", "--at-ms", "25"} << hd;
    QTest::addRow("10 payload-mismatch, dark")
        << QStringList{"payload-mismatch", "--at-ms", "1025", "--dark"} << hd;
}

void TstScreenshots::preset()
{
    QFETCH(QStringList, args);
    QFETCH(QSize, size);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("shot.png"));
    QProcess p;
    p.start(QStringLiteral(IDEMLAB_GUI),
            args + QStringList{"--screenshot", file, "--size",
                               QStringLiteral("%1x%2").arg(size.width()).arg(size.height())});
    QVERIFY(p.waitForFinished(60'000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QImage image(file);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), size);
    // Not blank: many distinct colours, and a fair share of pixels off the background.
    QSet<QRgb> colours;
    const QRgb background = image.pixel(2, image.height() / 2);
    int differing = 0;
    for (int y = 0; y < image.height(); y += 4) {
        for (int x = 0; x < image.width(); x += 4) {
            const QRgb c = image.pixel(x, y);
            colours.insert(c);
            differing += c != background;
        }
    }
    QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
    QVERIFY(differing > (image.width() / 4) * (image.height() / 4) / 20);
}

void TstScreenshots::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::addRow("bad toggle") << QStringList{"--mutex", "maybe"} << "--mutex takes on or off";
    QTest::addRow("bad size") << QStringList{"--size", "10x10"} << "--size takes WIDTHxHEIGHT";
    QTest::addRow("not png") << QStringList{"--screenshot", "x.jpg"} << "--screenshot writes PNG";
    QTest::addRow("unknown preset")
        << QStringList{"nosuch", "--screenshot", "x.png"} << "unknown preset or file \"nosuch\"";
    QTest::addRow("bad time") << QStringList{"--at-ms", "soon"} << "--at-ms takes a time in ms";
}

void TstScreenshots::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QProcess p;
    p.start(QStringLiteral(IDEMLAB_GUI), args);
    QVERIFY(p.waitForFinished(60'000));
    QCOMPARE(p.exitCode(), 2);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
}

QTEST_MAIN(TstScreenshots)
#include "tst_screenshots.moc"
