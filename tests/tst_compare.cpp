// compare: two runs of one scenario on the same seed, where their logs part, the verdicts side
// by side, the override text read as 'run' reads its flags, and the export of both timelines.
#include "presetrun.h"

#include "export/comparisonexporter.h"
#include "whatif/comparison.h"
#include "whatif/comparisonreport.h"
#include "whatif/overridetext.h"

#include <QJsonArray>
#include <QXmlStreamReader>
#include <QtTest>

using namespace idem;

namespace {

Comparison compared(const QString &preset, const QString &left, const QString &right)
{
    const ComparisonOutcome outcome = Comparison::run(presetScenario(preset), left, right);
    if (!outcome.comparison)
        qFatal("compare failed: %s", qPrintable(outcome.error));
    return *outcome.comparison;
}

bool hasAnomaly(const RunResult &run, const QString &type)
{
    return std::any_of(run.verdict.anomalies.cbegin(), run.verdict.anomalies.cend(),
                       [&](const Anomaly &a) { return a.type == type; });
}

// Reads `bytes` as XML to the end; the error, or empty when it is well-formed.
QString xmlError(const QByteArray &bytes)
{
    QXmlStreamReader xml(bytes);
    while (!xml.atEnd())
        xml.readNext();
    return xml.hasError() ? xml.errorString() : QString();
}

} // namespace

class TstCompare : public QObject
{
    Q_OBJECT

private slots:
    void divergence_data();
    void divergence();
    void identicalSettingsNoDifference();
    void shorterLogEndsFirst();
    void sidesKeepTheirOwnSettings();
    void badOverrideText_data();
    void badOverrideText();
    void reportText();
    void jsonSchema();
    void exportParses_data();
    void exportParses();
};

void TstCompare::divergence_data()
{
    addCompareFixRows();
}

void TstCompare::divergence()
{
    QFETCH(QString, preset);
    QFETCH(QString, left);
    QFETCH(QString, right);
    const Comparison c = compared(preset, left, right);
    QVERIFY(c.divergence);
    const Divergence &d = *c.divergence;
    // The engine's logs, not a number per preset: equal up to the divergence, different at it.
    QVERIFY(d.index > 0);
    for (int i = 0; i < d.index; ++i)
        QVERIFY2(Divergence::sameStep(c.left, c.left.events[i], c.right, c.right.events[i]),
                 qPrintable(QString::number(i)));
    QVERIFY(d.left && d.right);
    QVERIFY(!Divergence::sameStep(c.left, *d.left, c.right, *d.right));
    QCOMPARE(d.timeUs, std::min(d.left->t, d.right->t));
    QVERIFY(!d.node.isEmpty());
    // Without the guard a duplicate charge; with it, none.
    QVERIFY(hasAnomaly(c.left, QStringLiteral("DUPLICATE_EFFECT")));
    QVERIFY(c.right.verdict.ok());
    QCOMPARE(c.left.scenario.settings.seed, c.right.scenario.settings.seed);
}

void TstCompare::identicalSettingsNoDifference()
{
    for (const auto &[left, right] : {std::pair{"", ""}, std::pair{"--mutex on", "--mutex on"},
                                      std::pair{"--delay-ms 20", ""}}) {
        const Comparison c = compared(QStringLiteral("parallel-same-cluster"), QLatin1String(left),
                                      QLatin1String(right));
        QVERIFY2(!c.divergence, left);
        QVERIFY(ComparisonReport::divergenceLine(c).startsWith(QLatin1String("no difference")));
        QVERIFY(ComparisonReport::toJson(c).value("divergence").isNull());
    }
}

void TstCompare::shorterLogEndsFirst()
{
    // A log that is the other's beginning parts where it ends: the longer side's next event.
    RunResult a = runPreset(QStringLiteral("single-request"));
    RunResult b = a;
    b.events.removeLast();
    const auto d = Divergence::find(a, b);
    QVERIFY(d);
    QCOMPARE(d->index, int(b.events.size()));
    QVERIFY(d->left && !d->right);
    QCOMPARE(d->timeUs, a.events.last().t);
    QCOMPARE(ComparisonReport::sideStep(d->right), QStringLiteral("nothing: its log had ended"));
}

void TstCompare::sidesKeepTheirOwnSettings()
{
    Scenario s = presetScenario(QStringLiteral("parallel-same-cluster"));
    s.settings.seed = 7; // a common override: both sides run on it
    const auto outcome = Comparison::run(s, QStringLiteral("--lag-ms 500 --op-ms 100"),
                                         QStringLiteral("--mutex=on"));
    QVERIFY(outcome.comparison);
    QCOMPARE(outcome.comparison->left.scenario.settings.lagUs, 500'000);
    QCOMPARE(outcome.comparison->left.scenario.settings.opUs, 100'000);
    QVERIFY(!outcome.comparison->left.scenario.settings.mutex);
    QVERIFY(outcome.comparison->right.scenario.settings.mutex);
    QCOMPARE(outcome.comparison->right.scenario.settings.lagUs, s.settings.lagUs);
    QCOMPARE(outcome.comparison->right.scenario.settings.seed, quint64(7));
}

void TstCompare::badOverrideText_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<QStringList>("mentions");
    QTest::addRow("unknown override")
        << "--mutx on"
        << "" << QStringList{"--left \"--mutx on\"", "mutx", "--mutex on|off"};
    QTest::addRow("bad value") << ""
                               << "--mutex maybe"
                               << QStringList{"--right", "--mutex takes on or off", "maybe"};
    QTest::addRow("not an override")
        << "mutex on"
        << "" << QStringList{"\"mutex\" is not an override", "--NAME VALUE"};
    QTest::addRow("missing value") << "--lag-ms"
                                   << "" << QStringList{"--left", "lag-ms", "--lag-ms N"};
    QTest::addRow("out of range") << ""
                                  << "--delay-ms -5"
                                  << QStringList{"--right", "--delay-ms must be between"};
    QTest::addRow("seed on one side")
        << "--seed 3"
        << "" << QStringList{"--left", "--seed is common to both runs"};
    QTest::addRow("twice") << "--mutex on --mutex off"
                           << "" << QStringList{"--left", "--mutex given 2 times"};
}

void TstCompare::badOverrideText()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(QStringList, mentions);
    const auto outcome =
        Comparison::run(presetScenario(QStringLiteral("parallel-same-cluster")), left, right);
    QVERIFY(!outcome.comparison);
    QVERIFY(!outcome.error.contains(QLatin1Char('\n')));
    for (const QString &m : mentions)
        QVERIFY2(outcome.error.contains(m), qPrintable(outcome.error));
}

void TstCompare::reportText()
{
    const Comparison c =
        compared(QStringLiteral("parallel-same-cluster"), "--mutex off", "--mutex on");
    const QString text = ComparisonReport::render(c);
    const QString line = ComparisonReport::divergenceLine(c);
    QVERIFY(line.startsWith(
        QStringLiteral("first difference: event #%1 at ").arg(c.divergence->index + 1)));
    QVERIFY2(text.contains(QLatin1String("First difference: event #")), qPrintable(text));
    QVERIFY(text.contains(c.divergence->left->caption));
    QVERIFY(text.contains(c.divergence->right->caption));
    QVERIFY(text.contains(QLatin1String("left:  ") + c.left.verdict.summary()));
    QVERIFY(text.contains(QLatin1String("right: ") + c.right.verdict.summary()));
    QVERIFY(text.contains(QLatin1String("Responses (left | right)")));
    QVERIFY(text.contains(QStringLiteral("← differs"))); // a 201 on the left is a 409 on the right
    const auto rows = ComparisonReport::responseRows(c);
    QCOMPARE(rows.size(), 2);
    QVERIFY(rows[0].left && rows[0].right);
}

void TstCompare::jsonSchema()
{
    const Comparison c =
        compared(QStringLiteral("parallel-two-clusters"), "--cache off", "--cache on");
    const QJsonObject o = ComparisonReport::toJson(c);
    for (const char *field : {"scenario", "seed", "left", "right", "divergence", "responses"})
        QVERIFY2(o.contains(QLatin1String(field)), field);
    for (const char *side : {"left", "right"}) {
        const QJsonObject s = o.value(QLatin1String(side)).toObject();
        for (const char *field : {"overrides", "settings", "verdict", "ok", "statusCounts",
                                  "sideEffects", "anomalies", "stuckKeys", "events"})
            QVERIFY2(s.contains(QLatin1String(field)), field);
    }
    QCOMPARE(o.value("left").toObject().value("ok").toBool(), false);
    QCOMPARE(o.value("right").toObject().value("ok").toBool(), true);
    QCOMPARE(o.value("right").toObject().value("overrides").toString(),
             QStringLiteral("--cache on"));
    const QJsonObject d = o.value("divergence").toObject();
    QCOMPARE(d.value("event").toInt(), c.divergence->index + 1);
    QCOMPARE(qint64(d.value("timeUs").toDouble()), c.divergence->timeUs);
    for (const char *side : {"left", "right"})
        for (const char *field : {"t", "type", "node", "label", "status", "caption"})
            QVERIFY2(d.value(QLatin1String(side)).toObject().contains(QLatin1String(field)), field);
    const QJsonArray responses = o.value("responses").toArray();
    QCOMPARE(responses.size(), 2);
    const QJsonObject first = responses.first().toObject();
    QCOMPARE(first.value("request").toString(), QStringLiteral("R1"));
    QVERIFY(first.value("left").toObject().contains("status"));
}

void TstCompare::exportParses_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("same");
    QTest::addRow("svg, differing") << "c.svg" << false;
    QTest::addRow("html, differing") << "c.html" << false;
    QTest::addRow("svg, same") << "c.svg" << true;
    QTest::addRow("html, same") << "c.HTML" << true;
}

void TstCompare::exportParses()
{
    QFETCH(QString, file);
    QFETCH(bool, same);
    const Comparison c = compared(QStringLiteral("parallel-same-cluster"), "--mutex off",
                                  same ? "--mutex off" : "--mutex on");
    QString error;
    const auto bytes = ComparisonExporter::render(ComparisonReport::page(c), file, &error);
    QVERIFY2(bytes, qPrintable(error));
    QVERIFY2(xmlError(*bytes).isEmpty(), qPrintable(xmlError(*bytes)));
    QCOMPARE(bytes->contains("first difference"), !same);
    QVERIFY(bytes->contains("left: --mutex off"));
    QVERIFY(bytes->contains(c.left.verdict.summary().toUtf8()));
    QVERIFY(bytes->contains(c.right.verdict.summary().toUtf8()));
    if (file.endsWith(QLatin1String("html"), Qt::CaseInsensitive))
        QVERIFY(bytes->startsWith("<!DOCTYPE html>\n"));
    QVERIFY(ComparisonExporter::formatError(QStringLiteral("c.png")));
    QVERIFY(ComparisonExporter::formatError(QStringLiteral("c.png"))->contains(".svg or .html"));
}

QTEST_GUILESS_MAIN(TstCompare)
#include "tst_compare.moc"
