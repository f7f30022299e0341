// The SVG export as a renderer sees it: QSvgRenderer (SVG Tiny 1.2) loads every preset's
// timeline and draws it. Needs Qt Svg and Qt Gui, so it is its own target.

#include "export/svgexporter.h"
#include "exportfixtures.h"
#include "scenario/scenarioloader.h"

#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QtTest>

using namespace idem;

class TstSvgRender : public QObject
{
    Q_OBJECT

private slots:
    void loads_data();
    void loads();
};

void TstSvgRender::loads_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<bool>("guarded");
    QTest::addRow("hand-built run") << QString() << false;
    for (const QString &preset : ScenarioLoader::presetNames()) {
        QTest::addRow("%s", qPrintable(preset)) << preset << false;
        QTest::addRow("%s guarded", qPrintable(preset)) << preset << true;
    }
}

void TstSvgRender::loads()
{
    QFETCH(QString, preset);
    QFETCH(bool, guarded);
    const RunResult run = preset.isEmpty() ? sampleRun() : simulate(preset, guarded);
    const QByteArray svg = SvgExporter::render(run);
    QSvgRenderer renderer(svg);
    QVERIFY(renderer.isValid());
    const QRectF box = renderer.viewBoxF();
    QVERIFY(box.width() > 800 && box.height() > 200);
    QCOMPARE(renderer.defaultSize(), box.size().toSize());

    // Drawn at twice the size it is as sharp as at one: a vector picture with ink in it.
    QImage image((box.size() * 2).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    int inked = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            inked += qGray(image.pixel(x, y)) < 128 && qAlpha(image.pixel(x, y)) > 0;
    QVERIFY2(inked > 200, qPrintable(QString::number(inked)));
}

QTEST_MAIN(TstSvgRender)
#include "tst_svgrender.moc"
