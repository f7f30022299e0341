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

bool givenOnce(const QCommandLineParser &parser, std::initializer_list<const char *> options,
               QString *error)
{
    for (const char *option : options) {
        const qsizetype times = parser.values(QLatin1String(option)).size();
        if (times > 1) {
            *error = QStringLiteral("--%1 given %2 times; give it once")
                         .arg(QLatin1String(option))
                         .arg(times);
            return false;
        }
    }
    return true;
}

std::optional<qint64> wholeNumber(const QCommandLineParser &parser, const QString &name, qint64 min,
                                  qint64 max, QString *error)
{
    bool ok = false;
    const qint64 n = parser.value(name).toLongLong(&ok);
    if (!ok || n < min || n > max) {
        *error = QStringLiteral("--%1 takes a whole number from %2 to %3, got \"%4\"")
                     .arg(name)
                     .arg(min)
                     .arg(max)
                     .arg(parser.value(name));
        return std::nullopt;
    }
    return n;
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
