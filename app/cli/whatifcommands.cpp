#include "whatifcommands.h"

#include "export/comparisonexporter.h"
#include "export/exporter.h"
#include "model/settingfield.h"
#include "scenario/overrideoptions.h"
#include "whatif/comparisonreport.h"
#include "whatif/overridetext.h"
#include "whatif/sweep.h"
#include "whatif/sweepplot.h"

#include "cliio.h"
#include "plotimage.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTextStream>

#include <cstdio>
#include <mutex>
#include <unistd.h>

namespace idem::cli {

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
    const auto input = scenarioArgument(parser, QStringLiteral("compare"), &error);
    const auto scenario = input ? loadScenario(*input, parser, &error) : std::nullopt;
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

namespace {

std::optional<QString> plotFormatError(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg") || suffix == QLatin1String("png"))
        return {};
    return QStringLiteral("--plot %1: the plot is written as .svg or .png, got \"%2\"")
        .arg(path, suffix.isEmpty() ? QStringLiteral("no extension") : QLatin1Char('.') + suffix);
}

std::optional<QString> writeOutputs(const QCommandLineParser &parser, const SweepResult &r)
{
    const QString csv = parser.value(QStringLiteral("csv"));
    if (!csv.isEmpty())
        if (auto error = Exporter::writeFile(csv, r.toCsv()))
            return error;
    const QString plot = parser.value(QStringLiteral("plot"));
    if (!plot.isEmpty()) {
        const QByteArray svg = SweepPlot::svg(r);
        if (QFileInfo(plot).suffix().toLower() == QLatin1String("png")) {
            if (auto error = writePng(svg, plot))
                return error;
        } else if (auto error = Exporter::writeFile(plot, svg))
            return error;
    }
    return {};
}

int printResult(const QCommandLineParser &parser, const SweepResult &r)
{
    if (auto error = writeOutputs(parser, r))
        return fail(*error, 1);
    if (parser.isSet(QStringLiteral("json")))
        out() << QJsonDocument(r.toJson()).toJson(QJsonDocument::Indented);
    else {
        out() << r.render();
        for (const char *option : {"csv", "plot"})
            if (parser.isSet(QLatin1String(option)))
                out() << (option[0] == 'c' ? "Table" : "Plot") << " written to "
                      << parser.value(QLatin1String(option)) << Qt::endl;
    }
    out().flush();
    return 0;
}

int merge(const QCommandLineParser &parser)
{
    for (const char *option : {"vary", "trials", "seed-from", "jobs", "shard", "fault"})
        if (parser.isSet(QLatin1String(option)))
            return fail(QStringLiteral("--merge joins finished parts; --%1 belongs to the sweep "
                                       "that made them")
                            .arg(QLatin1String(option)));
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return fail(QStringLiteral("sweep --merge needs the parts' JSON files (from 'sweep "
                                   "--shard K/N --json')"));
    QVector<SweepResult> parts;
    for (const QString &path : files) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return fail(QStringLiteral("%1: not JSON (%2)")
                            .arg(path, parseError.error != QJsonParseError::NoError
                                           ? parseError.errorString()
                                           : QStringLiteral("expected one object")));
        QString error;
        auto part = SweepResult::fromJson(doc.object(), &error);
        if (!part)
            return fail(path + QStringLiteral(": ") + error);
        parts.append(*part);
    }
    QString error;
    const auto whole = SweepResult::merge(parts, &error);
    if (!whole)
        return fail(QStringLiteral("--merge: ") + error);
    return printResult(parser, *whole);
}

} // namespace

bool wantsPngPlot(const QStringList &args)
{
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        const QString value = a.startsWith(QLatin1String("--plot="))
                                  ? a.mid(7)
                                  : (a == QLatin1String("--plot") ? args.value(i + 1) : QString());
        if (value.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

int sweep(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("scenario"),
        QStringLiteral("A preset name or number, or a scenario file (with --merge: the parts)"));
    parser.addOption({QStringLiteral("vary"),
                      QStringLiteral("A setting to vary (once or twice): ") + VaryAxis::grammar(),
                      QStringLiteral("NAME=VALUES")});
    parser.addOption({QStringLiteral("trials"), QStringLiteral("Seeded trials per grid point"),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("seed-from"),
                      QStringLiteral("The first trial's seed; trial i runs seed S+i (default 1)"),
                      QStringLiteral("S"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("jobs"),
                      QStringLiteral("Threads to run trials on (default: every core); the "
                                     "result does not depend on it"),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("shard"),
                      QStringLiteral("Run only the K-th of N slices of the trials, for "
                                     "--merge to join"),
                      QStringLiteral("K/N")});
    parser.addOption({QStringLiteral("merge"),
                      QStringLiteral("Join the parts' JSON files (given as the positional "
                                     "arguments) into the result of one run")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the result as one JSON "
                                                             "object (schema idemlab.sweep/1)")});
    parser.addOption({QStringLiteral("csv"), QStringLiteral("Write one row per grid point"),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("plot"),
                      QStringLiteral("Plot the anomaly rate: a line chart for one setting, a "
                                     "heat map for two (.svg or .png)"),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("fault"),
                      QStringLiteral("Inject a fault in every trial (repeatable), as 'run' does"),
                      QStringLiteral("SPEC")});
    OverrideOptions::addTo(parser);
    if (wantsHelp(args))
        return help(
            parser,
            QStringLiteral("idemlab-cli sweep <preset|file> --vary NAME=FROM:TO:STEP|V1,V2,... "
                           "[--vary ...] --trials N\n       [--seed-from S] [--jobs N] [--shard "
                           "K/N] [--json] [--csv FILE] [--plot FILE.svg|.png]\n       "
                           "idemlab-cli sweep --merge PART.json... [--json] [--csv FILE] "
                           "[--plot FILE]"),
            QStringLiteral("Runs N seeded trials (seeds S, S+1, ...: the same at every point) at "
                           "every point of a grid of\none or two settings of the settings table, "
                           "and prints per point the share of trials with each\nanomaly and its "
                           "95 % Wilson interval, the answers by status, and the median and p99 "
                           "latency\nof the answered attempts. Other overrides apply to every "
                           "trial."),
            QStringLiteral("\nExamples:\n  idemlab-cli sweep failover-retry --vary "
                           "lag-ms=0:10000:500 --trials 20 --plot lag.svg\n  idemlab-cli sweep "
                           "burst --vary jitter-ms=0,5,20 --vary mutex=off,on --trials 200 "
                           "--json\n  idemlab-cli sweep 7 --vary lag-ms=0:10000:500 --trials 1000 "
                           "--shard 2/8 --json > part2.json\n  idemlab-cli sweep --merge "
                           "part*.json --csv lag.csv\n"));
    QString error;
    if (!parse(parser, QStringLiteral("sweep"), args, &error))
        return fail(error);
    if (!givenOnce(parser, {"trials", "seed-from", "jobs", "shard", "csv", "plot"}, &error))
        return fail(error);
    if (parser.isSet(QStringLiteral("plot")))
        if (auto e = plotFormatError(parser.value(QStringLiteral("plot"))))
            return fail(*e);
    if (parser.isSet(QStringLiteral("merge")))
        return merge(parser);
    if (parser.isSet(QStringLiteral("seed")))
        return fail(QStringLiteral("--seed: a sweep's trials run seeds S, S+1, ... (expected "
                                   "--seed-from S)"));

    const auto axes = VaryAxis::parseAll(parser.values(QStringLiteral("vary")), &error);
    if (!axes)
        return fail(error);
    if (!parser.isSet(QStringLiteral("trials")))
        return fail(QStringLiteral("sweep needs --trials N (seeded trials per grid point)"));
    SweepSpec spec;
    spec.axes = *axes;
    const auto trials = wholeNumber(parser, QStringLiteral("trials"), 1, 1'000'000, &error);
    if (!trials)
        return fail(error);
    spec.trials = int(*trials);
    const auto seedFrom = wholeNumber(parser, QStringLiteral("seed-from"), 0,
                                      qint64(maxSettingSeed) - *trials, &error);
    if (!seedFrom)
        return fail(error);
    spec.seedFrom = quint64(*seedFrom);
    if (parser.isSet(QStringLiteral("jobs"))) {
        const auto jobs = wholeNumber(parser, QStringLiteral("jobs"), 1, 1024, &error);
        if (!jobs)
            return fail(error);
        spec.jobs = int(*jobs);
    }
    if (parser.isSet(QStringLiteral("shard"))) {
        static const QRegularExpression shape(QStringLiteral("^(\\d{1,6})/(\\d{1,6})$"));
        const QString text = parser.value(QStringLiteral("shard"));
        const QRegularExpressionMatch m = shape.match(text);
        const int k = m.hasMatch() ? m.captured(1).toInt() : 0;
        const int n = m.hasMatch() ? m.captured(2).toInt() : 0;
        if (!m.hasMatch() || n < 1 || k < 1 || k > n)
            return fail(QStringLiteral("--shard takes K/N with 1 ≤ K ≤ N (e.g. 2/8), got \"%1\"")
                            .arg(text));
        spec.shardIndex = k;
        spec.shardCount = n;
    }
    const auto input = scenarioArgument(parser, QStringLiteral("sweep"), &error);
    const auto scenario = input ? loadScenario(*input, parser, &error) : std::nullopt;
    if (!scenario)
        return fail(error);
    spec.scenario = *scenario;

    // A progress line where a person watches; never in a pipe or a log.
    const bool terminal = isatty(fileno(stderr));
    std::mutex printing;
    qint64 shown = -1;
    const Sweep::Progress progress = [&](qint64 done, qint64 total) {
        const qint64 percent = total ? done * 100 / total : 100;
        if (percent == shown && done != total)
            return;
        shown = percent;
        std::fprintf(stderr, "\rsweep: %lld of %lld trials (%lld %%)", static_cast<long long>(done),
                     static_cast<long long>(total), static_cast<long long>(percent));
        if (done == total)
            std::fputc('\n', stderr);
        std::fflush(stderr);
    };
    const auto result = Sweep::run(spec, terminal ? progress : Sweep::Progress(), &error);
    if (!result)
        return fail(error, 1);
    return printResult(parser, *result);
}

} // namespace idem::cli
