#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <functional>

class QThread;

namespace idem {

/// What the window's long what-if runs share (Find a failure, Sweep a setting): the work on
/// a thread of its own so that the window stays alive, its progress and status for a bar and
/// a line, and a Cancel the work reads between its runs.
class BackgroundRun : public QObject
{
    Q_OBJECT
    QML_ANONYMOUS

    Q_PROPERTY(bool running READ running NOTIFY runningChanged FINAL)
    /// 0 to 1; below 0 while the work cannot say how far it is (a busy bar).
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged FINAL)
    /// What the work is doing, then its outcome or what was wrong, in a sentence or two.
    Q_PROPERTY(QString status READ status NOTIFY progressChanged FINAL)

public:
    [[nodiscard]] bool running() const { return m_thread != nullptr; }
    [[nodiscard]] double progress() const { return m_progress; }
    [[nodiscard]] QString status() const { return m_status; }

    /// Asks the work to stop before its next run.
    Q_INVOKABLE void cancel() { m_cancel = true; }
    /// Waits for the work to end and delivers its outcome (tests, screenshots, shutdown).
    Q_INVOKABLE void wait();

signals:
    void runningChanged();
    void progressChanged();

protected:
    explicit BackgroundRun(QObject *parent = nullptr) : QObject(parent) {}
    /// Cancels and waits; a subclass calls it in its destructor, while its members the work
    /// uses are still there.
    void stop();

    /// Runs `work` on a new thread (call when not running()). The function it returns is
    /// then called on this object's thread, after which running() is false and progress 1.
    void launch(const QString &status, std::function<std::function<void()>()> work);
    /// From the work's thread: shows `text` and `progress`, unless the last one shown had
    /// the same `step` (so that a run posts at most one update per step).
    void post(int step, const QString &text, double progress);
    /// Says why nothing started, or the outcome (on this object's thread).
    void setStatus(const QString &status);
    [[nodiscard]] const std::atomic<bool> *cancelFlag() const { return &m_cancel; }
    [[nodiscard]] bool cancelled() const { return m_cancel; }

private:
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    std::atomic<int> m_lastShown{-1};
    double m_progress = 0;
    QString m_status;
};

} // namespace idem
