#include "clicommands.h"

#include "enginebenchmark.h"
#include "exporter.h"
#include "overrideoptions.h"
#include "scenarioloader.h"
#include "simulation.h"
#include "textreport.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

namespace idem::cli {

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString &line, int code = 2)
{
    err() << "idemlab-cli: " << line << Qt::endl;
    return code;
}

// Parses `args` (the command's own words, without the program and command names).
bool parse(QCommandLineParser &parser, const QString &command, const QStringList &args,
           QString *error)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(QStringList{QStringLiteral("idemlab-cli ") + command} + args)) {
        *error = parser.errorText().replace(QLatin1Char('\n'), QLatin1Char(' '));
        return false;
    }
    return true;
}

std::optional<qint64> msOption(const QCommandLineParser &parser, const QString &name,
                               QString *error)
{
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    const double ms = parser.value(name).toDouble(&ok);
    if (!ok || ms < 0 || ms > 1e12) {
        *error = QStringLiteral("--%1 takes a time in ms (a number ≥ 0), got \"%2\"")
                     .arg(name, parser.value(name));
        return std::nullopt;
    }
    return qint64(ms * 1000.0);
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
    parser.addPositionalArgument(QStringLiteral("scenario"),
                                 QStringLiteral("A preset name or number, or a scenario file"));
    parser.addOption(
        {QStringLiteral("json"), QStringLiteral("Print the result as one JSON object")});
    parser.addOption({QStringLiteral("export"),
                      QStringLiteral("Write the timeline; the extension picks the format (%1)")
                          .arg(Exporter::formats().join(QStringLiteral(", "))),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("from-ms"), QStringLiteral("Export events from this time"),
                      QStringLiteral("T")});
    parser.addOption({QStringLiteral("to-ms"), QStringLiteral("Export events up to this time"),
                      QStringLiteral("T")});
    parser.addOption({QStringLiteral("db-dir"),
                      QStringLiteral("Keep the cluster DBs as SQLite files in DIR"),
                      QStringLiteral("DIR")});
    OverrideOptions::addTo(parser);
    QString error;
    if (!parse(parser, QStringLiteral("run"), args, &error))
        return fail(error);
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(
            QStringLiteral("run needs a preset or a scenario file (see 'idemlab-cli list')"));
    if (positional.size() > 1)
        return fail(QStringLiteral("run takes one scenario, got %1: %2")
                        .arg(positional.size())
                        .arg(positional.join(QStringLiteral(", "))));

    const ScenarioLoad load = ScenarioLoader::load(positional.first());
    if (!load.scenario)
        return fail(load.error);
    Scenario scenario = *load.scenario;
    if (auto overrideError = OverrideOptions::apply(parser, scenario.settings))
        return fail(*overrideError);

    ExportRange range;
    const auto from = msOption(parser, QStringLiteral("from-ms"), &error);
    const auto to = msOption(parser, QStringLiteral("to-ms"), &error);
    if (!error.isEmpty())
        return fail(error);
    if (from)
        range.fromUs = *from;
    if (to)
        range.toUs = *to;
    if (range.fromUs > range.toUs)
        return fail(QStringLiteral("--from-ms must not be after --to-ms"));
    const QString exportPath = parser.value(QStringLiteral("export"));
    if (parser.isSet(QStringLiteral("export"))) {
        QString formatError;
        // Check the format before running, so a typo costs nothing.
        if (!Exporter::formats().contains(exportPath.section(QLatin1Char('.'), -1).toLower()) ||
            !exportPath.contains(QLatin1Char('.')))
            return fail(QStringLiteral("cannot export to \"%1\": unknown format (expected one "
                                       "of: .%2)")
                            .arg(exportPath, Exporter::formats().join(QStringLiteral(", ."))));
    }

    SimulationOptions options;
    options.dbDir = parser.value(QStringLiteral("db-dir"));
    const Simulation::Outcome outcome = Simulation::run(scenario, options);
    if (!outcome.result)
        return fail(outcome.error, 1);
    const RunResult &result = *outcome.result;

    if (parser.isSet(QStringLiteral("json")))
        out() << QJsonDocument(result.summaryJson()).toJson(QJsonDocument::Indented);
    else
        out() << TextReport::render(result);
    if (!options.dbDir.isEmpty() && !parser.isSet(QStringLiteral("json")))
        out() << "Databases kept in " << options.dbDir << " (cluster-a.sqlite, cluster-b.sqlite)"
              << Qt::endl;
    if (!exportPath.isEmpty()) {
        if (auto writeError = Exporter::write(result, exportPath, range))
            return fail(*writeError, 1);
        if (!parser.isSet(QStringLiteral("json")))
            out() << "Timeline written to " << exportPath << Qt::endl;
    }
    out().flush();
    return 0;
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
