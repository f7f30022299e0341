#include "huntrunner.h"

#include "scenarioeditor.h"
#include "session.h"

#include <QCoreApplication>
#include <QLocale>
#include <QThread>

namespace idem {

HuntRunner::HuntRunner(Session &session, QObject *parent) : QObject(parent), m_session(session) {}

HuntRunner::~HuntRunner()
{
    m_cancel = true;
    wait();
}

void HuntRunner::wait()
{
    if (!m_thread)
        return;
    m_thread->wait();
    QCoreApplication::sendPostedEvents(this); // deliver done() now
}

bool HuntRunner::start(const QString &invariant, int budget)
{
    if (m_thread)
        return false;
    QString error;
    const auto inv = Hunt::invariantNamed(invariant, &error);
    if (!inv || m_session.recorded() || m_session.liveRecord()) {
        m_status = inv ? QStringLiteral("A recorded or live run is on screen: open a preset or a "
                                        "scenario to hunt in.")
                       : error;
        emit progressChanged();
        return false;
    }
    m_spec = HuntSpec();
    m_spec.scenario = m_session.scenario();
    m_spec.invariant = *inv;
    m_spec.budget = std::max(1, budget);
    m_spec.seedFrom = 1;
    m_spec.cancel = &m_cancel;
    m_cancel = false;
    m_lastShown = -1;
    m_found = false;
    m_steps.clear();
    m_progress = 0;
    m_status = QStringLiteral("Searching…");
    m_thread = QThread::create([this] {
        QString error;
        const auto result = Hunt::run(
            m_spec, [this](const QString &phase, int runs, int of) { report(phase, runs, of); },
            &error);
        QMetaObject::invokeMethod(
            this, [this, result, error] { done(result, error); }, Qt::QueuedConnection);
    });
    m_thread->start();
    emit runningChanged();
    emit progressChanged();
    emit finished(); // the last hunt's steps and outcome are gone
    return true;
}

void HuntRunner::cancel()
{
    m_cancel = true;
}

void HuntRunner::report(const QString &phase, int runs, int budget)
{
    // On the hunt's thread: at most a hundred updates a search, each posted to the window.
    const bool search = phase == QLatin1String("search");
    const int step = search ? runs * 100 / std::max(1, budget) : 100 + runs;
    if (step == m_lastShown.exchange(step) && runs != budget)
        return;
    const QLocale locale = QLocale::system();
    const QString text =
        search ? QStringLiteral("Searching: %1 of %2 runs")
                     .arg(locale.toString(runs), locale.toString(budget))
               : QStringLiteral("Found one. Shrinking it: %1 runs").arg(locale.toString(runs));
    const double progress = search ? double(runs) / std::max(1, budget) : -1.0;
    QMetaObject::invokeMethod(
        this,
        [this, text, progress] {
            if (!m_thread)
                return;
            m_status = text;
            m_progress = progress;
            emit progressChanged();
        },
        Qt::QueuedConnection);
}

void HuntRunner::done(const std::optional<HuntResult> &result, const QString &error)
{
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_progress = 1;
    const QLocale locale = QLocale::system();
    if (!result) {
        m_status = QStringLiteral("The hunt stopped: %1").arg(error);
    } else if (!result->found) {
        m_status =
            QStringLiteral("%1 %2 in %3 runs%4. That is not a proof that the design is "
                           "safe: a larger budget or other settings may still break it.")
                .arg(m_spec.scenario.title.isEmpty() ? QStringLiteral("The scenario")
                                                     : m_spec.scenario.title,
                     Hunt::holdingText(m_spec.invariant), locale.toString(result->searchRuns),
                     result->cancelled ? QStringLiteral(" (cancelled)") : QString());
    } else {
        m_found = true;
        for (int i = 0; i < result->steps.size(); ++i)
            m_steps << QStringLiteral("%1. %2 — %3")
                           .arg(i + 1)
                           .arg(result->steps[i].what, Hunt::sizeText(result->steps[i].scenario));
        QStringList broken;
        for (const Anomaly &a : result->broken)
            broken << QStringLiteral("%1 on %2").arg(a.type, a.key);
        const qsizetype steps = result->steps.size();
        const QString shrunk = steps == 0   ? QStringLiteral("already as small as it gets")
                               : steps == 1 ? QStringLiteral("shrunk in 1 step")
                                            : QStringLiteral("shrunk in %1 steps").arg(steps);
        m_status = QStringLiteral("Found in run %1 (%2), %3: %4, %5. It is on screen now.")
                       .arg(locale.toString(result->searchRuns), result->candidate, shrunk,
                            Hunt::sizeText(result->minimal), broken.join(QStringLiteral(", ")));
        // Unsaved edits of the scenario on screen are not lost: the window asks first.
        const Scenario minimal = result->minimal;
        Session &session = m_session;
        session.editor()->unlessEditsAreLost([&session, minimal] { session.setScenario(minimal); });
    }
    emit runningChanged();
    emit progressChanged();
    emit finished();
}

} // namespace idem
