#include "cliio.h"

#include "faults/faultreader.h"
#include "scenario/overrideoptions.h"
#include "scenario/scenarioloader.h"

#include <QCommandLineParser>

namespace idem::cli {

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

int fail(const QString &line, int code)
{
    err() << "idemlab-cli: " << line << Qt::endl;
    return code;
}

bool wantsHelp(const QStringList &args)
{
    return args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h"));
}

int help(const QCommandLineParser &parser, const QString &usage, const QString &about,
         const QString &more)
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

std::optional<QString> scenarioArgument(const QCommandLineParser &parser, const QString &command,
                                        QString *error)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() == 1)
        return positional.first();
    *error = positional.isEmpty()
                 ? QStringLiteral("%1 needs a preset or a scenario file (see 'idemlab-cli list')")
                       .arg(command)
                 : QStringLiteral("%1 takes one scenario, got %2: %3")
                       .arg(command)
                       .arg(positional.size())
                       .arg(positional.join(QStringLiteral(", ")));
    return std::nullopt;
}

std::optional<Scenario> loadScenario(const QString &input, const QCommandLineParser &parser,
                                     QString *error)
{
    const ScenarioLoad load = ScenarioLoader::load(input);
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

} // namespace idem::cli
