#include "whatif/comparison.h"

#include "sim/simulation.h"
#include "whatif/overridetext.h"

#include <utility>

namespace idem {

namespace {

std::optional<QString> sideSettings(const Scenario &scenario, const QString &text,
                                    const QString &what, Settings *settings)
{
    *settings = scenario.settings;
    if (auto error = OverrideText::apply(text, what, *settings))
        return error;
    if (settings->seed != scenario.settings.seed)
        return QStringLiteral("%1 \"%2\": --seed is common to both runs (expected it before "
                              "--left and --right)")
            .arg(what, text);
    return {};
}

} // namespace

ComparisonSide Comparison::runSide(const Scenario &scenario, const QString &text,
                                   const QString &what)
{
    Scenario side = scenario;
    if (auto error = sideSettings(scenario, text, what, &side.settings))
        return {std::nullopt, *error};
    Simulation::RunOrError run = Simulation::run(side);
    if (!run.result)
        return {std::nullopt, run.error};
    return {std::move(*run.result), {}};
}

ComparisonOutcome Comparison::run(const Scenario &scenario, const QString &leftText,
                                  const QString &rightText)
{
    // Both texts are read before either side runs: a bad right text costs no left run.
    Settings probe;
    for (const auto &[text, what] : {std::pair{leftText, QStringLiteral("--left")},
                                     std::pair{rightText, QStringLiteral("--right")}})
        if (auto error = sideSettings(scenario, text, what, &probe))
            return {std::nullopt, *error};
    ComparisonSide left = runSide(scenario, leftText, QStringLiteral("--left"));
    if (!left.run)
        return {std::nullopt, left.error};
    ComparisonSide right = runSide(scenario, rightText, QStringLiteral("--right"));
    if (!right.run)
        return {std::nullopt, right.error};
    ComparisonOutcome outcome;
    outcome.comparison.emplace();
    Comparison &c = *outcome.comparison;
    c.leftText = leftText;
    c.rightText = rightText;
    c.left = std::move(*left.run);
    c.right = std::move(*right.run);
    c.divergence = Divergence::find(c.left, c.right);
    return outcome;
}

} // namespace idem
