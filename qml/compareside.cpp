#include "compareside.h"

#include <QStringList>

namespace idem {

void CompareSide::ran(const QString &overrides, const RunResult &run)
{
    m_overrides = overrides;
    m_verdict = run.verdict.summary();
    m_ok = run.verdict.ok();
    m_nodeCount = int(run.nodes.size());
    QStringList answers;
    for (auto it = run.verdict.statusCounts.cbegin(); it != run.verdict.statusCounts.cend(); ++it)
        answers.append(it.value() == 1 ? QString::number(it.key())
                                       : QStringLiteral("%1 ×%2").arg(it.key()).arg(it.value()));
    if (run.verdict.timeouts > 0)
        answers.append(tr("%n timed out", nullptr, run.verdict.timeouts));
    m_answers = answers.join(QStringLiteral(", "));
    ++m_runs;
    emit changed();
}

void CompareSide::setErrorText(const QString &error)
{
    if (error == m_error)
        return;
    m_error = error;
    emit errorTextChanged();
}

void CompareSide::setStep(const QString &step)
{
    if (step == m_step)
        return;
    m_step = step;
    emit stepChanged();
}

void CompareSide::setBusyLanes(const QList<int> &lanes)
{
    if (lanes == m_busyLanes)
        return;
    m_busyLanes = lanes;
    emit busyLanesChanged();
}

void CompareSide::reset()
{
    m_overrides.clear();
    m_verdict.clear();
    m_ok = true;
    m_answers.clear();
    m_runs = 0;
    m_nodeCount = 0;
    setErrorText({});
    setStep({});
    setBusyLanes({});
    emit changed();
}

} // namespace idem
