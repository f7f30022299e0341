#include "whatifcommands.h"

#include "export/comparisonexporter.h"
#include "export/exporter.h"
#include "faults/faultreader.h"
#include "scenario/overrideoptions.h"
#include "scenario/scenarioloader.h"
#include "whatif/comparisonreport.h"
#include "whatif/overridetext.h"

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

int fail(const QString &line, int code = 2)
{
    QTextStream(stderr) << "idemlab-cli: " << line << Qt::endl;
    return code;
}

bool wantsHelp(const QStringList &args)
{
    return args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h"));
}

// The command's help: a usage line, a paragraph, then the parser's own option list.
int help(const QCommandLineParser &parser, const QString &usage, const QString &about,
         const QString &more = {})
{
    QString text = parser.helpText();
    text = text.mid(text.indexOf(QLatin1Char('\n')) + 1); // Qt's usage line names argv[0]
    out() << "Usage: " << usage << "\n\n" << about << "\n" << text << more;
    out().flush();
    return 0;
}

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

// The scenario a what-if command starts from: its one positional argument, the common
// overrides and faults applied. An error line on failure.
std::optional<Scenario> loadScenario(const QCommandLineParser &parser, const QString &command,
                                     QString *error)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        *error = positional.isEmpty()
                     ? QStringLiteral("%1 needs a preset or a scenario file (see 'idemlab-cli "
                                      "list')")
                           .arg(command)
                     : QStringLiteral("%1 takes one scenario, got %2: %3")
                           .arg(command)
                           .arg(positional.size())
                           .arg(positional.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    const ScenarioLoad load = ScenarioLoader::load(positional.first());
    if (!load.scenario) {
        *error = load.error;
        return std::nullopt;
    }
    Scenario scenario = *load.scenario;
    if (auto e = OverrideOptions::apply(parser, scenario.settings)) {
        *error = *e;
        return std::nullopt;
    }
    if (auto e = FaultReader::addSpecs(parser.values(QStringLiteral("fault")), scenario)) {
        *error = *e;
        return std::nullopt;
    }
    return scenario;
}

} // namespace

int compare(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("scenario"),
                                 QStringLiteral("A preset name or number, or a scenario file"));
    parser.addOption({QStringLiteral("left"),
                      QStringLiteral("The left run's overrides, as one argument: \"--mutex off\""),
                      QStringLiteral("OVERRIDES")});
    parser.addOption({QStringLiteral("right"),
                      QStringLiteral("The right run's overrides, as one argument: \"--mutex on\""),
                      QStringLiteral("OVERRIDES")});
    parser.addOption(
        {QStringLiteral("json"), QStringLiteral("Print the comparison as one JSON object")});
    parser.addOption({QStringLiteral("export"),
                      QStringLiteral("Write both timelines on one time axis, the first "
                                     "difference marked: .svg or .html"),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("fault"),
                      QStringLiteral("Inject a fault in both runs (repeatable), as 'run' does"),
                      QStringLiteral("SPEC")});
    OverrideOptions::addTo(parser);
    if (wantsHelp(args))
        return help(parser,
                    QStringLiteral("idemlab-cli compare <preset|file> [common overrides] --left "
                                   "\"OVERRIDES\" --right \"OVERRIDES\"\n       [--json] "
                                   "[--export FILE.html|.svg]"),
                    QStringLiteral("Runs one scenario twice on the same seed, each side with its "
                                   "own overrides (the words of\n'run': --left \"--mutex off\" "
                                   "--right \"--mutex on\"), and prints the first event where "
                                   "the\ntwo logs differ, both verdicts and the responses side by "
                                   "side. Overrides given outside\n--left and --right apply to "
                                   "both runs."),
                    QStringLiteral("\nExample: idemlab-cli compare 5 --left \"--mutex off\" "
                                   "--right \"--mutex on\" --export compare.html\n"));
    QString error;
    if (!parse(parser, QStringLiteral("compare"), args, &error))
        return fail(error);
    for (const char *side : {"left", "right"})
        if (parser.values(QLatin1String(side)).size() > 1)
            return fail(QStringLiteral("--%1 given %2 times; give all its overrides in one "
                                       "argument (\"--mutex on --lag-ms 500\")")
                            .arg(QLatin1String(side))
                            .arg(parser.values(QLatin1String(side)).size()));
    const QString exportPath = parser.value(QStringLiteral("export"));
    if (!exportPath.isEmpty())
        if (auto formatError = ComparisonExporter::formatError(exportPath))
            return fail(*formatError);
    const std::optional<Scenario> scenario =
        loadScenario(parser, QStringLiteral("compare"), &error);
    if (!scenario)
        return fail(error);

    const ComparisonOutcome outcome = Comparison::run(
        *scenario, parser.value(QStringLiteral("left")), parser.value(QStringLiteral("right")));
    if (!outcome.comparison)
        return fail(outcome.error);
    const Comparison &c = *outcome.comparison;
    const bool json = parser.isSet(QStringLiteral("json"));
    if (json)
        out() << QJsonDocument(ComparisonReport::toJson(c)).toJson(QJsonDocument::Indented);
    else
        out() << ComparisonReport::render(c);
    if (!exportPath.isEmpty()) {
        QString renderError;
        const auto bytes =
            ComparisonExporter::render(ComparisonReport::page(c), exportPath, &renderError);
        if (!bytes)
            return fail(renderError);
        if (auto writeError = Exporter::writeFile(exportPath, *bytes))
            return fail(*writeError, 1);
        if (!json)
            out() << "Comparison written to " << exportPath << Qt::endl;
    }
    out().flush();
    return 0;
}

} // namespace idem::cli
