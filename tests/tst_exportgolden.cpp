// Every export format against golden files for two presets, and the format rules checked on
// every preset. To accept new output after a deliberate change:
//   IDEMLAB_UPDATE_GOLDEN=1 ctest --test-dir build -R tst_exportgolden
// then review the diff of tests/data/golden/ before committing it.

#include "export/csvexporter.h"
#include "export/exporter.h"
#include "export/htmlexporter.h"
#include "export/mermaidexporter.h"
#include "export/plantumlexporter.h"
#include "export/svgexporter.h"
#include "exportfixtures.h"
#include "scenario/scenarioloader.h"
#include "sim/simulation.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

using namespace idem;

namespace {

const QString goldenDir = QStringLiteral(IDEMLAB_TEST_DATA "/golden");

// Two presets with something to show: a duplicate effect, and a lost response with a retry.
const QStringList goldenPresets = {QStringLiteral("parallel-same-cluster"),
                                   QStringLiteral("lost-response")};

bool updating()
{
    return qEnvironmentVariableIntValue("IDEMLAB_UPDATE_GOLDEN") == 1;
}

} // namespace

class TstExportGolden : public QObject
{
    Q_OBJECT

private slots:
    void golden_data();
    void golden();
    void everyPreset_data();
    void everyPreset();
};

void TstExportGolden::golden_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("format");
    for (const QString &preset : goldenPresets)
        for (const QString &format : Exporter::formats())
            QTest::addRow("%s.%s", qPrintable(preset), qPrintable(format)) << preset << format;
}

void TstExportGolden::golden()
{
    QFETCH(QString, preset);
    QFETCH(QString, format);
    const QString path = goldenDir + QLatin1Char('/') + preset + QLatin1Char('.') + format;
    QString error;
    const std::optional<QByteArray> bytes =
        Exporter::render(simulate(preset, false), path, ExportRange{}, &error);
    QVERIFY2(bytes, qPrintable(error));
    if (updating()) {
        QVERIFY(QDir().mkpath(goldenDir));
        const std::optional<QString> writeError = Exporter::writeFile(path, *bytes);
        QVERIFY2(!writeError, qPrintable(writeError.value_or(QString())));
        qInfo("updated %s", qPrintable(path));
        return;
    }
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly),
             qPrintable(path + QStringLiteral(" is missing; run with IDEMLAB_UPDATE_GOLDEN=1")));
    const QByteArray expected = file.readAll();
    if (*bytes != expected) {
        // Name the first line that differs, so the failure says what changed.
        const QList<QByteArray> got = bytes->split('\n');
        const QList<QByteArray> want = expected.split('\n');
        for (int i = 0; i < std::max(got.size(), want.size()); ++i) {
            if (got.value(i) != want.value(i))
                QFAIL(qPrintable(
                    QStringLiteral("%1 line %2:\n  got:  %3\n  want: %4\n(if the "
                                   "change is meant, run with "
                                   "IDEMLAB_UPDATE_GOLDEN=1)")
                        .arg(path)
                        .arg(i + 1)
                        .arg(QString::fromUtf8(got.value(i)), QString::fromUtf8(want.value(i)))));
        }
    }
}

void TstExportGolden::everyPreset_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<bool>("guarded");
    for (const QString &preset : ScenarioLoader::presetNames()) {
        QTest::addRow("%s", qPrintable(preset)) << preset << false;
        QTest::addRow("%s guarded", qPrintable(preset)) << preset << true;
    }
}

void TstExportGolden::everyPreset()
{
    QFETCH(QString, preset);
    QFETCH(bool, guarded);
    const RunResult run = simulate(preset, guarded);

    // SVG and HTML (as XHTML) are well-formed XML.
    for (const QByteArray &xml : {SvgExporter::render(run), HtmlExporter::render(run)}) {
        const std::optional<QString> error = xmlError(xml);
        QVERIFY2(!error, qPrintable(error.value_or(QString())));
    }

    // The CSV parses back to the same events.
    const auto rows = parseCsv(QString::fromUtf8(CsvExporter::render(run)));
    QVERIFY2(rows, "not RFC 4180");
    QCOMPARE(rows->size(), run.events.size() + 1);
    for (int i = 0; i < run.events.size(); ++i)
        QCOMPARE(rows->at(i + 1), expectedCsvRow(run, run.events[i]));

    // Mermaid: only documented sequence-diagram syntax; PlantUML: only the expected forms.
    const QString mmd = QString::fromUtf8(MermaidExporter::render(run));
    const std::optional<QString> badMermaid = undocumentedMermaidLine(mmd);
    QVERIFY2(!badMermaid, qPrintable(badMermaid.value_or(QString())));
    const QString puml = QString::fromUtf8(PlantUmlExporter::render(run));
    const std::optional<QString> badPuml = unexpectedPlantUmlLine(puml);
    QVERIFY2(!badPuml, qPrintable(badPuml.value_or(QString())));
    // Every message of the run is in the diagrams: an arrow per send and replication, two
    // per DB or cache command (the query and its result).
    int arrows = 0;
    for (const Event &e : run.events) {
        if (e.type == EventType::Send || e.type == EventType::Replicate)
            ++arrows;
        if (e.type == EventType::DbRead || e.type == EventType::DbWrite ||
            e.type == EventType::CacheOp)
            arrows += 2;
    }
    static const QRegularExpression mermaidArrow(QStringLiteral("^ +\\w+(->>|-->>|-x|--x)\\w+: "),
                                                 QRegularExpression::MultilineOption);
    static const QRegularExpression plantArrow(QStringLiteral("^ *\\w+ -\\[#\\w+\\]-?>x? \\w+ : "),
                                               QRegularExpression::MultilineOption);
    QCOMPARE(int(mmd.count(mermaidArrow)), arrows);
    QCOMPARE(int(puml.count(plantArrow)), arrows);
}

QTEST_GUILESS_MAIN(TstExportGolden)
#include "tst_exportgolden.moc"
