#include "clicommands.h"

#include "cliio.h"

#include "bench/enginebenchmark.h"
#include "export/exporter.h"
#include "faults/faultreader.h"
#include "report/textreport.h"
#include "report/whytext.h"
#include "scenario/overrideoptions.h"
#include "scenario/scenarioloader.h"
#include "sim/simulation.h"
#include "timeline/documentkind.h"
#include "timeline/timelinereader.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cmath>

namespace idem::cli {

namespace {

std::optional<qint64> msOption(const QCommandLineParser &parser, const QString &name,
                               QString *error)
{
    if (!parser.isSet(name) || !error->isEmpty())
        return std::nullopt;
    bool ok = false;
    const double ms = parser.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(ms) || ms < 0 || ms > 1e12) {
        *error = QStringLiteral("--%1 takes a time in ms (a number ≥ 0), got \"%2\"")
                     .arg(name, parser.value(name));
        return std::nullopt;
    }
    return qint64(std::llround(ms * 1000.0));
}

// Prints the report (or --json) of a run, simulated or replayed, and writes --export.
int report(const QCommandLineParser &parser, const RunResult &result, const ExportRange &range)
{
    const bool json = parser.isSet(QStringLiteral("json"));
    if (json) {
        QJsonObject summary = result.summaryJson();
        summary.insert(QStringLiteral("keyEvents"), keyEventsJson(result)); // the why beside each
        out() << QJsonDocument(summary).toJson(QJsonDocument::Indented);
    } else
        out() << TextReport::render(result);
    const QString dbDir = parser.value(QStringLiteral("db-dir"));
    if (!dbDir.isEmpty() && !json)
        out() << "Databases kept in " << dbDir << " (cluster-a.sqlite, cluster-b.sqlite)"
              << Qt::endl;
    const QString exportPath = parser.value(QStringLiteral("export"));
    if (!exportPath.isEmpty()) {
        if (auto writeError = Exporter::write(result, exportPath, range))
            return fail(*writeError, 1);
        if (!json)
            out() << "Timeline written to " << exportPath << Qt::endl;
    }
    out().flush();
    return 0;
}

// `run FILE.json` with a timeline: replays the recorded run, without the engine. Its range is
// the file's unless --from-ms / --to-ms say otherwise.
int replay(const QCommandLineParser &parser, const QString &path, std::optional<qint64> from,
           std::optional<qint64> to)
{
    for (const SettingInfo &info : settingInfos())
        if (!info.flag.isEmpty() && parser.isSet(info.flag))
            return fail(QStringLiteral("--%1: a timeline replays a recorded run as it was; "
                                       "overrides apply to scenarios only")
                            .arg(info.flag));
    if (parser.isSet(QStringLiteral("db-dir")))
        return fail(QStringLiteral("--db-dir: a timeline replays a recorded run without "
                                   "databases; it applies to scenarios only"));
    const TimelineLoad load = TimelineReader::fromFile(path);
    if (!load.run)
        return fail(load.error);
    ExportRange range = load.range;
    range.fromUs = from.value_or(range.fromUs);
    range.toUs = to.value_or(range.toUs);
    return report(parser, *load.run, range);
}

// The formats --export writes, from the exporter's table: ".json (Timeline JSON), …".
QString exportFormatList()
{
    QStringList parts;
    for (const ExportFormat &f : Exporter::table())
        parts << QStringLiteral(".%1 (%2)").arg(f.suffix, f.name);
    return parts.join(QStringLiteral(", "));
}

// `run --help`: the command's own arguments and every override, from the parser itself.
int runHelp(const QCommandLineParser &parser)
{
    QString text = parser.helpText();
    text = text.mid(text.indexOf(QLatin1Char('\n')) + 1); // Qt's usage line names argv[0]
    out() << "Usage: idemlab-cli run <preset|file.json> [overrides] [--json] [--export FILE]\n"
          << "\n"
          << "Simulates a preset or a scenario file and prints a report (or --json); with a "
             "timeline file,\nreplays the recorded run. Every override also exists as a "
             "scenario-file setting.\n"
          << text << "\n"
          << FaultReader::specHelp();
    out().flush();
    return 0;
}

} // namespace

int list(const QStringList &args)
{
    if (!args.isEmpty())
        return fail(QStringLiteral("list takes no arguments, got \"%1\"").arg(args.join(' ')));
    for (const QString &name : ScenarioLoader::presetNames()) {
        const ScenarioLoad load = ScenarioLoader::load(name);
        if (!load.scenario)
            return fail(load.error, 1);
        out() << name << " — " << load.scenario->description << Qt::endl;
    }
    return 0;
}

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("scenario"),
        QStringLiteral("A preset name or number, a scenario file, or a timeline file to replay"));
    parser.addOption(
        {QStringLiteral("json"), QStringLiteral("Print the result as one JSON object")});
    parser.addOption({QStringLiteral("export"),
                      QStringLiteral("Write the timeline; the extension picks the format: %1")
                          .arg(exportFormatList()),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("from-ms"),
                      QStringLiteral("Export the events from this time on (ms, included)"),
                      QStringLiteral("T")});
    parser.addOption({QStringLiteral("to-ms"),
                      QStringLiteral("Export the events up to this time (ms, included)"),
                      QStringLiteral("T")});
    parser.addOption({QStringLiteral("db-dir"),
                      QStringLiteral("Keep the cluster DBs as SQLite files in DIR"),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("fault"),
                      QStringLiteral("Inject a fault (repeatable); see the grammar below"),
                      QStringLiteral("SPEC")});
    OverrideOptions::addTo(parser);
    if (wantsHelp(args))
        return runHelp(parser);
    QString error;
    if (!parse(parser, QStringLiteral("run"), args, &error))
        return fail(error);
    const auto input = scenarioArgument(parser, QStringLiteral("run"), &error);
    if (!input)
        return fail(error);

    const auto from = msOption(parser, QStringLiteral("from-ms"), &error);
    const auto to = msOption(parser, QStringLiteral("to-ms"), &error);
    if (!error.isEmpty())
        return fail(error);
    if (from && to && *from > *to)
        return fail(QStringLiteral("--from-ms must not be after --to-ms"));
    // Check the format before running, so a typo costs nothing.
    if (parser.isSet(QStringLiteral("export")))
        if (auto formatError = Exporter::formatError(parser.value(QStringLiteral("export"))))
            return fail(*formatError);

    if (documentKindOf(*input) == DocumentKind::Timeline)
        return replay(parser, *input, from, to);
    const auto scenario = loadScenario(*input, parser, &error);
    if (!scenario)
        return fail(error);

    SimulationOptions options;
    options.dbDir = parser.value(QStringLiteral("db-dir"));
    const Simulation::RunOrError outcome = Simulation::run(*scenario, options);
    if (!outcome.result)
        return fail(outcome.error, 1);
    ExportRange range;
    range.fromUs = from.value_or(range.fromUs);
    range.toUs = to.value_or(range.toUs);
    return report(parser, *outcome.result, range);
}

int bench(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("requests"), QStringLiteral("Requests to simulate"),
                      QStringLiteral("N"), QStringLiteral("20000")});
    QString error;
    if (!parse(parser, QStringLiteral("bench"), args, &error))
        return fail(error);
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("bench takes no positional arguments, got \"%1\"")
                        .arg(parser.positionalArguments().join(' ')));
    bool ok = false;
    const int requests = parser.value(QStringLiteral("requests")).toInt(&ok);
    if (!ok || requests < 1 || requests > 10'000'000)
        return fail(QStringLiteral("--requests takes a whole number from 1 to 10000000, got \"%1\"")
                        .arg(parser.value(QStringLiteral("requests"))));
    const EngineBenchmark::Figures figures = EngineBenchmark::measure(requests);
    if (!figures.error.isEmpty())
        return fail(figures.error, 1);
    out() << EngineBenchmark::format(figures);
    out().flush();
    return 0;
}

} // namespace idem::cli
