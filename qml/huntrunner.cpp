#include "huntrunner.h"

#include "scenarioeditor.h"
#include "session.h"

#include <QLocale>

namespace idem {

HuntRunner::HuntRunner(Session &session, QObject *parent)
    : BackgroundRun(parent), m_session(session)
{}

HuntRunner::~HuntRunner()
{
    stop();
}

bool HuntRunner::start(const QString &invariant, int budget)
{
    if (running())
        return false;
    QString error;
    const auto inv = Hunt::invariantNamed(invariant, &error);
    if (!inv || m_session.recorded() || m_session.liveRecord()) {
        setStatus(inv ? QStringLiteral("A recorded or live run is on screen: open a preset or a "
                                       "scenario to hunt in.")
                      : error);
        return false;
    }
    m_spec = HuntSpec();
    m_spec.scenario = m_session.scenario();
    m_spec.invariant = *inv;
    m_spec.budget = std::max(1, budget);
    m_spec.seedFrom = 1;
    m_spec.cancel = cancelFlag();
    m_found = false;
    m_steps.clear();
    launch(QStringLiteral("Searching…"), [this]() -> std::function<void()> {
        QString error;
        const auto result = Hunt::run(
            m_spec, [this](const QString &phase, int runs, int of) { report(phase, runs, of); },
            &error);
        return [this, result, error] { done(result, error); };
    });
    emit finished(); // the last hunt's steps and outcome are gone
    return true;
}

void HuntRunner::report(const QString &phase, int runs, int budget)
{
    // On the hunt's thread: at most a hundred updates a search, each posted to the window.
    const bool search = phase == QLatin1String("search");
    const int step = search ? runs * 100 / std::max(1, budget) : 101 + runs;
    const QLocale locale = QLocale::system();
    const QString text =
        search ? QStringLiteral("Searching: %1 of %2 runs")
                     .arg(locale.toString(runs), locale.toString(budget))
               : QStringLiteral("Found one. Shrinking it: %1 runs").arg(locale.toString(runs));
    post(step, text, search ? double(runs) / std::max(1, budget) : -1.0);
}

void HuntRunner::done(const std::optional<HuntResult> &result, const QString &error)
{
    const QLocale locale = QLocale::system();
    if (!result) {
        setStatus(QStringLiteral("The hunt stopped: %1").arg(error));
    } else if (!result->found) {
        setStatus(QStringLiteral("%1 %2 in %3 runs%4. That is not a proof that the design is "
                                 "safe: a larger budget or other settings may still break it.")
                      .arg(m_spec.scenario.title.isEmpty() ? QStringLiteral("The scenario")
                                                           : m_spec.scenario.title,
                           Hunt::holdingText(m_spec.invariant), locale.toString(result->searchRuns),
                           result->cancelled ? QStringLiteral(" (cancelled)") : QString()));
    } else {
        m_found = true;
        for (int i = 0; i < result->steps.size(); ++i)
            m_steps << QStringLiteral("%1. %2 — %3")
                           .arg(i + 1)
                           .arg(result->steps[i].what, Hunt::sizeText(result->steps[i].scenario));
        const qsizetype steps = result->steps.size();
        const QString shrunk = steps == 0   ? QStringLiteral("already as small as it gets")
                               : steps == 1 ? QStringLiteral("shrunk in 1 step")
                                            : QStringLiteral("shrunk in %1 steps").arg(steps);
        setStatus(QStringLiteral("Found in run %1 (%2), %3: %4, %5. It is on screen now.")
                      .arg(locale.toString(result->searchRuns), result->candidate, shrunk,
                           Hunt::sizeText(result->minimal), result->brokenText()));
        // Unsaved edits of the scenario on screen are not lost: the window asks first.
        const Scenario minimal = result->minimal;
        Session &session = m_session;
        session.editor()->unlessEditsAreLost([&session, minimal] { session.setScenario(minimal); });
    }
    emit finished();
}

} // namespace idem
