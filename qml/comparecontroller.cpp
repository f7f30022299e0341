#include "comparecontroller.h"

#include "session.h"

#include "timeline/timelineaxis.h"
#include "whatif/comparisonreport.h"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace idem {

CompareController::CompareController(Session &session, Playback &playback, QObject *parent)
    : QObject(parent), m_session(session), m_playback(playback)
{
    // A run the session put on screen (a setting of the toolbar, another preset, an edit):
    // the common scenario changed.
    connect(&session, &Session::runChanged, this, [this] {
        if (m_active && !m_presenting)
            followSession();
    });
    connect(&session, &Session::liveChanged, this, [this] {
        if (m_active && m_session.live())
            leave();
    });
    // One playhead: the window's moves both sides'; a click on a side's timeline moves it.
    connect(&playback, &Playback::timeChanged, this, [this] {
        if (!m_active)
            return;
        m_left.playback()->seek(m_playback.timeUs());
        m_right.playback()->seek(m_playback.timeUs());
    });
    for (CompareSide *s : {&m_left, &m_right})
        connect(s->playback(), &Playback::timeChanged, this, [this, s] {
            if (m_active && !m_presenting && s->playback()->timeUs() != m_playback.timeUs())
                m_playback.seek(s->playback()->timeUs());
        });
}

double CompareController::divergenceUs() const
{
    return hasDivergence() ? double(m_comparison.divergence->timeUs) : -1.0;
}

QString CompareController::divergenceNode() const
{
    return hasDivergence() ? m_comparison.divergence->node : QString();
}

QString CompareController::divergenceText() const
{
    if (!m_active)
        return {};
    QString line = ComparisonReport::divergenceLine(m_comparison);
    if (!line.isEmpty())
        line[0] = line[0].toUpper();
    return line;
}

void CompareController::setError(const QString &error)
{
    if (error == m_error)
        return;
    m_error = error;
    emit errorTextChanged();
}

bool CompareController::enter(const QString &leftText, const QString &rightText)
{
    if (m_session.live() || m_session.liveRecord() || m_session.recorded() || !m_playback.run()) {
        setError(tr("Compare runs the scenario again under two settings: a recorded or live run "
                    "has no scenario to run (pick a preset or open a scenario file first)."));
        return false;
    }
    const Scenario common = m_session.scenario();
    ComparisonSide sides[2] = {Comparison::runSide(common, leftText, m_left.name()),
                               Comparison::runSide(common, rightText, m_right.name())};
    for (const ComparisonSide &s : sides)
        if (!s.run) {
            setError(s.error);
            return false;
        }
    setError({});
    m_common = common;
    m_comparison.leftText = leftText.trimmed();
    m_comparison.rightText = rightText.trimmed();
    m_comparison.left = std::move(*sides[0].run);
    m_comparison.right = std::move(*sides[1].run);
    m_left.reset();
    m_right.reset();
    m_left.ran(m_comparison.leftText, m_comparison.left);
    m_right.ran(m_comparison.rightText, m_comparison.right);
    const bool was = m_active;
    m_active = true;
    compared();
    if (!was)
        emit activeChanged();
    return true;
}

bool CompareController::enterFlippingMutex()
{
    return enter(QString(), m_session.scenario().settings.mutex ? QStringLiteral("--mutex off")
                                                                : QStringLiteral("--mutex on"));
}

void CompareController::leave()
{
    if (!m_active)
        return;
    m_active = false;
    const Settings leftSettings = m_comparison.left.scenario.settings;
    m_left.reset();
    m_right.reset();
    emit activeChanged();
    emit comparisonChanged();
    // The one-run view: the left side's run, from the session, at the same moment.
    if (leftSettings != m_session.scenario().settings)
        m_session.setSettings(leftSettings);
    else
        m_session.runEdited(m_session.scenario());
}

bool CompareController::runSide(int index, const QString &text)
{
    CompareSide &s = side(index);
    ComparisonSide outcome = Comparison::runSide(m_common, text, s.name());
    if (!outcome.run) {
        s.setErrorText(outcome.error);
        return false;
    }
    s.setErrorText({});
    (index == 0 ? m_comparison.leftText : m_comparison.rightText) = text.trimmed();
    runOf(index) = std::move(*outcome.run);
    s.ran(text.trimmed(), runOf(index));
    return true;
}

bool CompareController::setOverrides(int index, const QString &text)
{
    if (!m_active || (index != 0 && index != 1))
        return false;
    if (!runSide(index, text))
        return false;
    compared();
    return true;
}

void CompareController::followSession()
{
    if (m_session.recorded() || m_session.liveRecord() || m_session.live()) {
        leave();
        return;
    }
    m_common = m_session.scenario();
    // A side whose overrides the new scenario refuses keeps no stale run: the mode ends.
    for (int index = 0; index < 2; ++index)
        if (!runSide(index, index == 0 ? m_comparison.leftText : m_comparison.rightText)) {
            setError(side(index).errorText());
            leave();
            return;
        }
    compared();
}

void CompareController::compared()
{
    m_comparison.divergence = Divergence::find(m_comparison.left, m_comparison.right);
    const std::optional<Divergence> &d = m_comparison.divergence;
    m_left.setStep(d ? ComparisonReport::sideStep(d->left) : QString());
    m_right.setStep(d ? ComparisonReport::sideStep(d->right) : QString());
    // The lanes either run uses, by node id: the sides may differ in their servers.
    QSet<QString> busy;
    for (const RunResult *run : {&m_comparison.left, &m_comparison.right}) {
        const QVector<bool> used = run->nodesInLog();
        for (int i = 0; i < run->nodes.size(); ++i)
            if (used[i])
                busy.insert(run->nodes[i].id);
    }
    for (int index = 0; index < 2; ++index) {
        QList<int> lanes;
        const RunResult &run = runOf(index);
        for (int i = 0; i < run.nodes.size(); ++i)
            if (busy.contains(run.nodes[i].id))
                lanes.append(i);
        side(index).setBusyLanes(lanes);
    }
    present();
    emit comparisonChanged();
}

void CompareController::present()
{
    const qint64 end = std::max(m_comparison.left.endUs, m_comparison.right.endUs);
    const QVector<qint64> moments[2] = {TimelineAxis::momentsOf(m_comparison.left),
                                        TimelineAxis::momentsOf(m_comparison.right)};
    // Display copies that end together, so one playhead reaches the end of the longer run.
    auto shown = [&](int index) {
        RunResult run = runOf(index);
        run.endUs = end;
        return run;
    };
    // A side's playback starts at 0 when it is first shown: that is not a seek by the user.
    m_presenting = true;
    m_playback.show(shown(m_shown), moments[1 - m_shown]);
    for (int index = 0; index < 2; ++index) {
        Playback *p = side(index).playback();
        p->show(shown(index), moments[1 - index]);
        p->seek(m_playback.timeUs());
    }
    m_presenting = false;
}

void CompareController::setShownSide(int index)
{
    index = std::clamp(index, 0, 1);
    if (index == m_shown)
        return;
    m_shown = index;
    if (m_active)
        present();
    emit shownSideChanged();
}

bool CompareController::jumpToDivergence()
{
    if (!hasDivergence())
        return false;
    m_playback.setPlaying(false);
    m_playback.seek(double(m_comparison.divergence->timeUs));
    return true;
}

} // namespace idem
