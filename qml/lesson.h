#pragma once

#include "model/lesson.h"

#include <QObject>
#include <QVector>
#include <QtQml/qqmlregistration.h>

namespace idem {

class Playback;

/// Lesson mode: the guided tour of the scenario on screen (its `lesson[]`). Next runs the
/// player to the next step's moment and stops there; Previous goes back to the step before;
/// a step's question is revealed on demand, then its answer. The tour follows the run on
/// screen, so a setting flipped mid-lesson keeps the step, and another preset starts its
/// own tour from the beginning.
class Lesson : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("made by SimulationController")

    Q_PROPERTY(bool available READ available NOTIFY stepsChanged FINAL)
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged FINAL)
    Q_PROPERTY(int count READ count NOTIFY stepsChanged FINAL)
    /// The step shown: 0 to count - 1, or -1 before the first.
    Q_PROPERTY(int index READ index NOTIFY stepChanged FINAL)
    Q_PROPERTY(QString title READ title NOTIFY stepChanged FINAL)
    Q_PROPERTY(QString text READ text NOTIFY stepChanged FINAL)
    Q_PROPERTY(QString question READ question NOTIFY stepChanged FINAL)
    Q_PROPERTY(QString answer READ answer NOTIFY stepChanged FINAL)
    /// 0: nothing revealed; 1: the question; 2: the question and its answer.
    Q_PROPERTY(int revealed READ revealed NOTIFY stepChanged FINAL)
    Q_PROPERTY(bool hasNext READ hasNext NOTIFY stepChanged FINAL)
    Q_PROPERTY(bool hasPrevious READ hasPrevious NOTIFY stepChanged FINAL)

public:
    explicit Lesson(Playback &playback, QObject *parent = nullptr);

    [[nodiscard]] bool available() const { return !m_steps.isEmpty(); }
    [[nodiscard]] bool active() const { return m_active; }
    void setActive(bool active);
    [[nodiscard]] int count() const { return int(m_steps.size()); }
    [[nodiscard]] int index() const { return m_index; }
    [[nodiscard]] QString title() const;
    [[nodiscard]] QString text() const;
    [[nodiscard]] QString question() const;
    [[nodiscard]] QString answer() const;
    [[nodiscard]] int revealed() const { return m_revealed; }
    [[nodiscard]] bool hasNext() const { return m_index + 1 < count(); }
    [[nodiscard]] bool hasPrevious() const { return m_index > 0; }

    /// Runs to the next step's moment and stops there.
    Q_INVOKABLE void next();
    /// Back to the step before (its moment, paused); before the first, to the start.
    Q_INVOKABLE void previous();
    /// Reveals the step's question, then its answer.
    Q_INVOKABLE void reveal();
    /// Lesson mode at the last step at or before `timeUs`, the playhead left where it is,
    /// its question and answer revealed (a screenshot of a step: --show lesson --at-ms T).
    Q_INVOKABLE void showAt(double timeUs);

signals:
    void stepsChanged();
    void activeChanged();
    void stepChanged();

private:
    void runChanged();
    void show(int index);
    [[nodiscard]] const LessonStep *step() const;
    /// How much of the step can be revealed: 0 (no question), 1 (a question), 2 (and its answer).
    [[nodiscard]] int revealable() const;

    Playback &m_playback;
    QVector<LessonStep> m_steps;
    bool m_active = false;
    int m_index = -1;
    int m_revealed = 0;
};

} // namespace idem
