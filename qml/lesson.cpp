#include "lesson.h"

#include "playback.h"

#include "model/runresult.h"

namespace idem {

namespace {

bool sameSteps(const QVector<LessonStep> &a, const QVector<LessonStep> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (a[i].atUs != b[i].atUs || a[i].title != b[i].title || a[i].text != b[i].text)
            return false;
    return true;
}

} // namespace

Lesson::Lesson(Playback &playback, QObject *parent) : QObject(parent), m_playback(playback)
{
    connect(&m_playback, &Playback::runChanged, this, &Lesson::runChanged);
    runChanged();
}

void Lesson::runChanged()
{
    const RunResult *run = m_playback.run();
    const QVector<LessonStep> steps = run ? run->scenario.lesson : QVector<LessonStep>();
    if (sameSteps(steps, m_steps))
        return; // a setting flipped mid-lesson: the same tour, the same step
    m_steps = steps;
    m_index = -1;
    m_revealed = 0;
    emit stepsChanged();
    emit stepChanged();
    if (m_steps.isEmpty())
        setActive(false);
}

void Lesson::setActive(bool active)
{
    active = active && available();
    if (active == m_active)
        return;
    m_active = active;
    emit activeChanged();
    if (active) {
        m_playback.seek(0); // a tour starts at the beginning, before its first step
        show(-1);
    }
}

const LessonStep *Lesson::step() const
{
    return m_index >= 0 && m_index < m_steps.size() ? &m_steps[m_index] : nullptr;
}

QString Lesson::title() const
{
    return step() ? step()->title : QString();
}

QString Lesson::text() const
{
    return step() ? step()->text : QString();
}

QString Lesson::question() const
{
    return step() ? step()->question : QString();
}

QString Lesson::answer() const
{
    return step() ? step()->answer : QString();
}

int Lesson::revealable() const
{
    if (!step() || step()->question.isEmpty())
        return 0;
    return step()->answer.isEmpty() ? 1 : 2;
}

void Lesson::show(int index)
{
    m_index = index;
    m_revealed = 0;
    emit stepChanged();
}

void Lesson::next()
{
    if (!m_active || !hasNext())
        return;
    show(m_index + 1);
    m_playback.playTo(double(m_steps[m_index].atUs));
}

void Lesson::previous()
{
    if (!m_active || m_index < 0)
        return;
    show(m_index - 1);
    m_playback.setPlaying(false);
    m_playback.seek(m_index >= 0 ? double(m_steps[m_index].atUs) : 0.0);
}

void Lesson::showAt(double timeUs)
{
    if (!available())
        return;
    int index = -1;
    while (index + 1 < count() && double(m_steps[index + 1].atUs) <= timeUs)
        ++index;
    if (!m_active) {
        m_active = true;
        emit activeChanged();
    }
    show(index);
    m_revealed = revealable();
    emit stepChanged();
}

void Lesson::reveal()
{
    if (!step() || m_revealed >= revealable())
        return;
    ++m_revealed;
    emit stepChanged();
}

} // namespace idem
