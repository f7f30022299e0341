#include "huntcommand.h"

#include "cliio.h"

#include "export/exporter.h"
#include "model/settingfield.h"
#include "scenario/overrideoptions.h"
#include "scenario/scenarioloader.h"
#include "timeline/durationtext.h"
#include "whatif/hunt.h"
#include "json/jsonwording.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <unistd.h>

namespace idem::cli {

namespace {

QString requestLine(const Scenario &s, const RequestSpec &r)
{
    const QString target =
        r.cluster < 0 ? QStringLiteral("the router's choice")
                      : QStringLiteral("cluster %1").arg(QLatin1Char(r.cluster == 0 ? 'A' : 'B'));
    return QStringLiteral("%1 at %2 from %3, key %4, %5 → %6 %7, to %8")
        .arg(r.id, durationText(r.atUs), s.clients.value(r.client).name,
             r.key.value_or(QStringLiteral("(none)")), r.body.from, r.body.to)
        .arg(r.body.amount)
        .arg(target);
}

QJsonObject toJson(const HuntSpec &spec, const HuntResult &r)
{
    QJsonObject o{{QStringLiteral("schema"), QStringLiteral("idemlab.hunt/1")},
                  {QStringLiteral("scenario"), spec.scenario.name},
                  {QStringLiteral("invariant"), Hunt::invariantWord(spec.invariant)},
                  {QStringLiteral("budget"), spec.budget},
                  {QStringLiteral("found"), r.found},
                  {QStringLiteral("searchRuns"), r.searchRuns},
                  {QStringLiteral("shrinkRuns"), r.shrinkRuns},
                  {QStringLiteral("searched"), QJsonArray::fromStringList(r.searched)}};
    if (!r.found)
        return o;
    o.insert(QStringLiteral("candidate"), r.candidate);
    QJsonArray steps;
    for (const HuntStep &step : r.steps)
        steps.append(QJsonObject{{QStringLiteral("what"), step.what},
                                 {QStringLiteral("left"), Hunt::sizeText(step.scenario)}});
    o.insert(QStringLiteral("steps"), steps);
    o.insert(QStringLiteral("minimal"), ScenarioLoader::toJson(r.minimal));
    o.insert(QStringLiteral("verdict"), r.minimalRun.verdict.toJson());
    return o;
}

QString report(const HuntSpec &spec, const HuntResult &r, const QString &budgetWord)
{
    QString text;
    QTextStream t(&text);
    if (!r.found) {
        t << "hunt: " << spec.scenario.name << " " << Hunt::holdingText(spec.invariant)
          << " within the budget (" << budgetWord << ").\n"
          << "Searched: " << r.searched.join(QStringLiteral("; ")) << ".\n"
          << "This is not a proof that the design is safe: a larger --budget, other --vary "
             "settings or other faults may still break it.\n";
        return text;
    }
    t << "hunt: " << spec.scenario.name << " " << Hunt::breakingText(spec.invariant) << " in run "
      << r.searchRuns << " of " << spec.budget << ": " << r.candidate << "\n";
    t << "Shrunk in " << r.steps.size() << " step" << (r.steps.size() == 1 ? "" : "s") << " ("
      << r.shrinkRuns << " runs), each still failing:\n";
    t << "  0. as found: " << Hunt::sizeText(r.failing) << "\n";
    for (int i = 0; i < r.steps.size(); ++i)
        t << "  " << (i + 1) << ". " << r.steps[i].what << " — "
          << Hunt::sizeText(r.steps[i].scenario) << "\n";
    t << "Smallest failure (seed " << r.minimal.settings.seed << "): " << Hunt::sizeText(r.minimal)
      << "\n";
    for (const RequestSpec &req : r.minimal.requests)
        t << "  " << requestLine(r.minimal, req) << "\n";
    const QJsonArray faults =
        ScenarioLoader::toJson(r.minimal).value(QStringLiteral("faults")).toArray();
    for (const QJsonValue &f : faults)
        t << "  fault: " << QJsonDocument(f.toObject()).toJson(QJsonDocument::Compact) << "\n";
    Verdict broken;
    broken.anomalies = r.broken;
    t << "  " << broken.summary() << "\n";
    return text;
}

} // namespace

int hunt(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("scenario"),
                                 QStringLiteral("A preset name or number, or a scenario file"));
    parser.addOption(
        {QStringLiteral("vary"),
         QStringLiteral("Settings the search may pick (once or twice): ") + VaryAxis::grammar(),
         QStringLiteral("NAME=VALUES")});
    parser.addOption({QStringLiteral("invariant"),
                      QStringLiteral("What must not happen: duplicate (a key charged twice), "
                                     "stuck (a key left CREATED), collision (two payments "
                                     "under one key) or any (default)"),
                      QStringLiteral("WHAT"), QStringLiteral("any")});
    parser.addOption({QStringLiteral("budget"),
                      QStringLiteral("Runs the search may spend (default 1000; the shrink's "
                                     "runs are counted apart)"),
                      QStringLiteral("N"), QStringLiteral("1000")});
    parser.addOption({QStringLiteral("seed-from"),
                      QStringLiteral("The first seed the search tries (default 1)"),
                      QStringLiteral("S"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("save"),
                      QStringLiteral("Write the smallest failing scenario as a scenario file "
                                     "(run it, open it in the app)"),
                      QStringLiteral("FILE.json")});
    parser.addOption({QStringLiteral("export"),
                      QStringLiteral("Write the smallest failing run's timeline, narrated; the "
                                     "extension picks the format (.html, .mmd, ...)"),
                      QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("json"), QStringLiteral("Print the result as one JSON object (schema "
                                                "idemlab.hunt/1)")});
    parser.addOption({QStringLiteral("fault"),
                      QStringLiteral("Inject a fault in every run (repeatable), as 'run' does"),
                      QStringLiteral("SPEC")});
    OverrideOptions::addTo(parser);
    if (wantsHelp(args))
        return help(
            parser,
            QStringLiteral("idemlab-cli hunt <preset|file> [overrides] [--vary ...] [--invariant "
                           "duplicate|stuck|collision|any]\n       [--budget N] [--seed-from S] "
                           "[--save FILE.json] [--export FILE] [--json]"),
            QStringLiteral("Searches for a run that breaks the invariant: first the scenario as "
                           "it is on a few seeds (at every\npoint of the --vary grid), then "
                           "small random changes of it (a request moved next to another,\n"
                           "jitter, loss, a crash, a cache outage, a partition, a duplicated or "
                           "lost message, a failed\ncharge). A failure found is shrunk step by "
                           "step (fewer requests, faults, scripted losses and\nclients; less "
                           "jitter and loss; rounder times), each step run again by the engine, "
                           "to the\nsmallest scenario that still fails. Finding nothing within "
                           "the budget is not a proof of safety."),
            QStringLiteral("\nExamples:\n  idemlab-cli hunt burst --mutex off --save "
                           "smallest.json --export smallest.html\n  idemlab-cli hunt "
                           "parallel-two-clusters --vary lag-ms=0,1000,60000 --invariant "
                           "duplicate\n"));
    QString error;
    if (!parse(parser, QStringLiteral("hunt"), args, &error))
        return fail(error);
    if (!givenOnce(parser, {"invariant", "budget", "seed-from", "save", "export"}, &error))
        return fail(error);
    if (parser.isSet(QStringLiteral("seed")))
        return fail(QStringLiteral("--seed: a hunt tries seeds S, S+1, ... (expected --seed-from "
                                   "S)"));
    HuntSpec spec;
    const auto invariant = Hunt::invariantNamed(parser.value(QStringLiteral("invariant")), &error);
    if (!invariant)
        return fail(QStringLiteral("--invariant: ") + error);
    spec.invariant = *invariant;
    const auto budget = wholeNumber(parser, QStringLiteral("budget"), 1, 10'000'000, &error);
    if (!budget)
        return fail(error);
    spec.budget = int(*budget);
    const auto seedFrom = wholeNumber(parser, QStringLiteral("seed-from"), 0,
                                      qint64(maxSettingSeed) - *budget, &error);
    if (!seedFrom)
        return fail(error);
    spec.seedFrom = quint64(*seedFrom);
    if (parser.isSet(QStringLiteral("vary"))) {
        const auto axes = VaryAxis::parseAll(parser.values(QStringLiteral("vary")), &error);
        if (!axes)
            return fail(error);
        spec.axes = *axes;
    }
    const QString savePath = parser.value(QStringLiteral("save"));
    if (!savePath.isEmpty() && !savePath.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return fail(QStringLiteral("--save %1: a scenario file is written as .json")
                        .arg(JsonWording::typed(savePath)));
    const QString exportPath = parser.value(QStringLiteral("export"));
    if (!exportPath.isEmpty())
        if (auto formatError = Exporter::formatError(exportPath))
            return fail(*formatError);
    const auto input = scenarioArgument(parser, QStringLiteral("hunt"), &error);
    const auto scenario = input ? loadScenario(*input, parser, &error) : std::nullopt;
    if (!scenario)
        return fail(error);
    spec.scenario = *scenario;

    // A progress line where a person watches; never in a pipe or a log.
    const bool terminal = isatty(fileno(stderr));
    QString shownPhase;
    const Hunt::Progress progress = [&](const QString &phase, int runs, int of) {
        if (runs % 50 != 0 && runs != of)
            return;
        if (phase != shownPhase && !shownPhase.isEmpty())
            std::fputc('\n', stderr);
        shownPhase = phase;
        if (phase == QLatin1String("search"))
            std::fprintf(stderr, "\rhunt: searching, %d of %d runs", runs, of);
        else
            std::fprintf(stderr, "\rhunt: shrinking, %d runs", runs);
        std::fflush(stderr);
    };
    const auto result = Hunt::run(spec, terminal ? progress : Hunt::Progress(), &error);
    if (terminal && !shownPhase.isEmpty())
        std::fputc('\n', stderr);
    if (!result)
        return fail(error, 1);

    if (result->found && !savePath.isEmpty()) {
        const QByteArray json =
            QJsonDocument(ScenarioLoader::toJson(result->minimal)).toJson(QJsonDocument::Indented);
        if (auto writeError = Exporter::writeFile(savePath, json))
            return fail(*writeError, 1);
    }
    if (result->found && !exportPath.isEmpty())
        if (auto writeError = Exporter::write(result->minimalRun, exportPath, ExportRange{}))
            return fail(*writeError, 1);

    if (parser.isSet(QStringLiteral("json"))) {
        out() << QJsonDocument(toJson(spec, *result)).toJson(QJsonDocument::Indented);
    } else {
        out() << report(
            spec, *result,
            QStringLiteral("%1 run%2").arg(spec.budget).arg(spec.budget == 1 ? "" : "s"));
        if (result->found && !savePath.isEmpty())
            out() << "Saved to " << savePath << " (idemlab-cli run " << savePath
                  << "; File ▸ Open in the app)\n";
        if (result->found && !exportPath.isEmpty())
            out() << "Exported to " << exportPath << "\n";
        if (!result->found && (!savePath.isEmpty() || !exportPath.isEmpty()))
            out() << "Nothing found, so nothing was saved or exported.\n";
    }
    out().flush();
    return 0;
}

} // namespace idem::cli
