#include "whatif/comparison.h"

#include "sim/simulation.h"
#include "whatif/overridetext.h"

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

ComparisonOutcome Comparison::run(const Scenario &scenario, const QString &leftText,
                                  const QString &rightText)
{
    Scenario sides[2] = {scenario, scenario};
    if (auto error = sideSettings(scenario, leftText, QStringLiteral("--left"), &sides[0].settings))
        return {std::nullopt, *error};
    if (auto error =
            sideSettings(scenario, rightText, QStringLiteral("--right"), &sides[1].settings))
        return {std::nullopt, *error};
    ComparisonOutcome outcome;
    outcome.comparison.emplace();
    Comparison &c = *outcome.comparison;
    c.leftText = leftText;
    c.rightText = rightText;
    for (int side = 0; side < 2; ++side) {
        Simulation::RunOrError run = Simulation::run(sides[side]);
        if (!run.result)
            return {std::nullopt, run.error};
        (side == 0 ? c.left : c.right) = std::move(*run.result);
    }
    c.divergence = Divergence::find(c.left, c.right);
    return outcome;
}

} // namespace idem
