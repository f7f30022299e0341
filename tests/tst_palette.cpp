#include "export/palette.h"

#include <QFile>
#include <QRegularExpression>
#include <QtTest>

using namespace idem;

// The one palette: both themes name the same colours, each a "#rrggbb", and Theme.qml takes
// every colour it shows from it (a misspelt name would silently draw black).
class TstPalette : public QObject
{
    Q_OBJECT

private slots:
    void everyColourIsHex_data();
    void everyColourIsHex();
    void statusColours_data();
    void statusColours();
    void themeReadsOnlyPaletteColours();
};

void TstPalette::everyColourIsHex_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addRow("light") << false;
    QTest::addRow("dark") << true;
}

void TstPalette::everyColourIsHex()
{
    QFETCH(bool, dark);
    const QVariantMap colours = Palette::of(dark).toVariantMap();
    QCOMPARE(colours.keys(), Palette::light().toVariantMap().keys());
    QVERIFY(colours.size() > 30);
    static const QRegularExpression hex(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    for (auto it = colours.cbegin(); it != colours.cend(); ++it)
        QVERIFY2(hex.match(it.value().toString()).hasMatch(), qPrintable(it.key()));
}

void TstPalette::statusColours_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("colour");
    QTest::addRow("request") << 0 << QStringLiteral("#3b4656");
    QTest::addRow("200") << 200 << QStringLiteral("#0072B2");
    QTest::addRow("201") << 201 << QStringLiteral("#009E73");
    QTest::addRow("400") << 400 << QStringLiteral("#D55E00");
    QTest::addRow("409") << 409 << QStringLiteral("#E69F00");
    QTest::addRow("422") << 422 << QStringLiteral("#CC79A7");
    QTest::addRow("other") << 500 << QStringLiteral("#56B4E9");
}

void TstPalette::statusColours()
{
    QFETCH(int, status);
    QFETCH(QString, colour);
    QCOMPARE(QString(Palette::light().statusColor(status)), colour);
}

void TstPalette::themeReadsOnlyPaletteColours()
{
    QFile theme(QStringLiteral(IDEMLAB_TEST_DATA "/../../qml/Theme.qml"));
    QVERIFY2(theme.open(QIODevice::ReadOnly), qPrintable(theme.fileName()));
    const QString qml = QString::fromUtf8(theme.readAll());
    const QVariantMap colours = Palette::light().toVariantMap();
    static const QRegularExpression property(
        QStringLiteral(R"(readonly property color (\w+): (.*))"));
    int count = 0;
    for (auto it = property.globalMatch(qml); it.hasNext(); ++count) {
        const QRegularExpressionMatch m = it.next();
        QCOMPARE(m.captured(2), QStringLiteral("colours.") + m.captured(1));
        QVERIFY2(colours.contains(m.captured(1)), qPrintable(m.captured(1)));
    }
    QVERIFY(count > 30);
    QVERIFY(!qml.contains(QRegularExpression(QStringLiteral("\"#[0-9a-fA-F]{3,8}\""))));
}

QTEST_GUILESS_MAIN(TstPalette)
#include "tst_palette.moc"
