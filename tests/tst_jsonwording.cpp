// The one wording of core/json: what every reader of untrusted JSON says, on one line.

#include "json/jsondocument.h"
#include "json/jsonwording.h"

#include <QJsonArray>
#include <QtTest>

using namespace idem;

class TstJsonWording : public QObject
{
    Q_OBJECT

private slots:
    void quoted_data();
    void quoted();
    void at_data();
    void at();
    void alternatives_data();
    void alternatives();
    void unknownField_data();
    void unknownField();
    void parseObject_data();
    void parseObject();
};

void TstJsonWording::quoted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addRow("plain") << QStringLiteral("K1") << QStringLiteral("\"K1\"");
    QTest::addRow("quote and backslash")
        << QStringLiteral("a\"b\\c") << QStringLiteral(R"("a\"b\\c")");
    QTest::addRow("line break") << QStringLiteral("a\nb\r\tc") << QStringLiteral(R"("a\nb\r\tc")");
    QTest::addRow("control") << QStringLiteral("a") + QChar(0x07) + QChar(0x7f) + QChar(0x85)
                             << QStringLiteral(R"("a\u0007\u007f\u0085")");
    QTest::addRow("separators") << QString(QChar(0x2028)) + QChar(0x2029)
                                << QStringLiteral(R"("\u2028\u2029")");
    QTest::addRow("long") << QString(100, QLatin1Char('x'))
                          << QStringLiteral("\"") + QString(37, QLatin1Char('x')) +
                                 QStringLiteral("...\"");
    // A character outside the BMP is never cut in two.
    QTest::addRow("surrogate at the cut")
        << QString(36, QLatin1Char('x')) + QStringLiteral("\U0001F600") + QString(10, 'y')
        << QStringLiteral("\"") + QString(36, QLatin1Char('x')) + QStringLiteral("...\"");
}

void TstJsonWording::quoted()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(JsonWording::quoted(text), expected);
}

void TstJsonWording::at_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");
    QTest::addRow("top") << QString() << QStringLiteral("name") << QStringLiteral("name");
    QTest::addRow("nested") << QStringLiteral("settings") << QStringLiteral("delayMs")
                            << QStringLiteral("settings.delayMs");
    QTest::addRow("odd name") << QStringLiteral("settings") << QStringLiteral("a b")
                              << QStringLiteral(R"(settings["a b"])");
    QTest::addRow("digits first") << QStringLiteral("v") << QStringLiteral("201")
                                  << QStringLiteral(R"(v["201"])");
    QTest::addRow("line break") << QString() << QStringLiteral("a\nb")
                                << QStringLiteral(R"(["a\nb"])");
}

void TstJsonWording::at()
{
    QFETCH(QString, path);
    QFETCH(QString, field);
    QFETCH(QString, expected);
    QCOMPARE(JsonWording::at(path, field), expected);
}

void TstJsonWording::alternatives_data()
{
    QTest::addColumn<QStringList>("choices");
    QTest::addColumn<bool>("orNull");
    QTest::addColumn<QString>("expected");
    QTest::addRow("one") << QStringList{"A"} << false << QStringLiteral("\"A\"");
    QTest::addRow("two") << QStringList{"A", "B"} << false << QStringLiteral(R"("A" or "B")");
    QTest::addRow("three") << QStringList{"a", "b", "c"} << false
                           << QStringLiteral(R"("a", "b" or "c")");
    QTest::addRow("or null") << QStringList{"A", "B"} << true
                             << QStringLiteral(R"("A", "B" or null)");
}

void TstJsonWording::alternatives()
{
    QFETCH(QStringList, choices);
    QFETCH(bool, orNull);
    QFETCH(QString, expected);
    QCOMPARE(JsonWording::alternatives(choices, orNull), expected);
}

void TstJsonWording::unknownField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");
    const QString list = QStringLiteral("unknown field (expected one of: delayMs, mutex)");
    QTest::addRow("typo") << QStringLiteral("dealyMs")
                          << QStringLiteral("unknown field (did you mean \"delayMs\"?)");
    QTest::addRow("case") << QStringLiteral("DELAYMS")
                          << QStringLiteral("unknown field (did you mean \"delayMs\"?)");
    QTest::addRow("far") << QStringLiteral("latency") << list;
    QTest::addRow("short") << QStringLiteral("m") << list;
    QTest::addRow("huge") << QString(1'000'000, QLatin1Char('x')) << list;
    QTest::addRow("huge near a name") << QStringLiteral("mutex") + QString(1'000'000, 'x') << list;
}

void TstJsonWording::unknownField()
{
    QFETCH(QString, field);
    QFETCH(QString, expected);
    QCOMPARE(JsonWording::unknownField(field, {"delayMs", "mutex"}, QStringLiteral("field")),
             expected);
}

void TstJsonWording::parseObject_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::addRow("object") << QByteArray(R"({"a": 1})") << QString();
    QTest::addRow("byte order mark") << QByteArray("\xEF\xBB\xBF{}") << QString();
    QTest::addRow("empty") << QByteArray(" \n")
                           << QStringLiteral(
                                  "f: empty (expected a JSON object describing a thing)");
    QTest::addRow("number") << QByteArray("5")
                            << QStringLiteral("f: top level: must be a JSON object, got 5");
    QTest::addRow("array") << QByteArray("[]")
                           << QStringLiteral("f: top level: must be a JSON object, got an empty "
                                             "array");
    QTest::addRow("malformed") << QByteArray("{\n  \"a\": 1,\n}")
                               << QStringLiteral("f: line 3, column 2: malformed JSON (object is "
                                                 "missing after a comma)");
    QTest::addRow("duplicate") << QByteArray(R"({"a": {"b": 1, "b": 2}})")
                               << QStringLiteral("f: line 1, column 16: duplicate field \"b\" "
                                                 "(each field may appear once)");
    QTest::addRow("escaped duplicate") << QByteArray(R"({"a": 1, "\u0061": 2})")
                                       << QStringLiteral("f: line 1, column 10: duplicate field "
                                                         "\"a\" (each field may appear once)");
    QTest::addRow("same name, other objects")
        << QByteArray(R"({"a": {"b": 1}, "c": [{"b": 2}, {"b": 3}]})") << QString();
    QTest::addRow("too large") << QByteArray(2000, ' ')
                               << QStringLiteral("f: too large (2000 bytes; a thing may be at "
                                                 "most 1 KiB)");
}

void TstJsonWording::parseObject()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const JsonObjectLoad load =
        JsonDocumentReader::parseObject(json, {QStringLiteral("f"), QStringLiteral("thing"), 1024});
    QCOMPARE(load.error, expected);
    QCOMPARE(bool(load.object), expected.isEmpty());
}

QTEST_GUILESS_MAIN(TstJsonWording)
#include "tst_jsonwording.moc"
