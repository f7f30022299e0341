// One screenshot per preset at its key moment, rendered by the real `idemlab` binary
// offscreen: the PNG exists, has the requested size and is not blank.
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
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
    QTest::addColumn<bool>("timelineShown");
    // The moment each preset is about: claims in flight, the duplicate, the replay, ...
    const QList<QPair<QString, QStringList>> moments{
        {"1 single-request", {"single-request", "--at-ms", "30"}},
        {"2 missing-key", {"missing-key", "--at-ms", "22"}},
        {"3 retry-after-success", {"retry-after-success", "--at-ms", "1030"}},
        {"4 retry-while-processing", {"retry-while-processing", "--at-ms", "125"}},
        {"5 parallel-same-cluster", {"parallel-same-cluster", "--at-ms", "330"}},
        {"6 parallel-two-clusters", {"parallel-two-clusters", "--at-ms", "330"}},
        {"7 failover-retry, cache on", {"failover-retry", "--cache", "on", "--at-ms", "5030"}},
        {"8 lost-response", {"lost-response", "--at-ms", "360"}},
        {"9 burst, mutex on", {"burst", "--mutex", "on", "--at-ms", "25"}},
        {"10 payload-mismatch", {"payload-mismatch", "--at-ms", "1025"}},
    };
    // Each at both projector sizes, light at text scale 1 (scene and lane timeline both
    // shown) and dark at the largest (they take turns: the scene shows).
    struct Look
    {
        const char *name;
        QSize size;
        QStringList args;
        bool timelineShown;
    };
    const QList<Look> looks{
        {"1280x720 light 1x", {1280, 720}, {}, true},
        {"1920x1080 light 1x", {1920, 1080}, {}, true},
        {"1280x720 dark 3x", {1280, 720}, {"--dark", "--text-scale", "3"}, false},
        {"1920x1080 dark 3x", {1920, 1080}, {"--dark", "--text-scale", "3"}, false},
    };
    for (const auto &[name, args] : moments)
        for (const Look &look : looks)
            QTest::addRow("%s, %s", qPrintable(name), look.name)
                << args + look.args << look.size << look.timelineShown;
}

void TstScreenshots::preset()
{
    QFETCH(QStringList, args);
    QFETCH(QSize, size);
    QFETCH(bool, timelineShown);
    QTemporaryDir dir;
    // IDEMLAB_SHOTS_DIR=/some/folder keeps every screenshot there, to look at.
    const QString keep = qEnvironmentVariable("IDEMLAB_SHOTS_DIR");
    const QString file =
        keep.isEmpty()
            ? dir.filePath(QStringLiteral("shot.png"))
            : QDir(keep).filePath(QString::fromLatin1(QTest::currentDataTag())
                                      .replace(QRegularExpression("[^A-Za-z0-9]+"), "-") +
                                  QStringLiteral(".png"));
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
    // The lane timeline fills the bottom of the window when it is shown (lane labels, arrows,
    // tick labels in many shades), and only the switch button's few colours when not.
    QSet<QRgb> bottom;
    for (int y = image.height() * 85 / 100; y < image.height() - 2; y += 2)
        for (int x = 0; x < image.width(); x += 2)
            bottom.insert(image.pixel(x, y));
    if (timelineShown)
        QVERIFY2(bottom.size() > 60, qPrintable(QString::number(bottom.size())));
    else
        QVERIFY2(bottom.size() > 8, qPrintable(QString::number(bottom.size())));
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
