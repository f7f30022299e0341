#include "backgroundrun.h"

#include <QCoreApplication>
#include <QThread>

namespace idem {

void BackgroundRun::wait()
{
    if (!m_thread)
        return;
    m_thread->wait();
    QCoreApplication::sendPostedEvents(this); // deliver the outcome now
}

void BackgroundRun::stop()
{
    m_cancel = true;
    wait();
}

void BackgroundRun::launch(const QString &status, std::function<std::function<void()>()> work)
{
    m_cancel = false;
    m_lastShown = -1;
    m_progress = 0;
    m_status = status;
    m_thread = QThread::create([this, work = std::move(work)] {
        std::function<void()> outcome = work();
        QMetaObject::invokeMethod(
            this,
            [this, outcome = std::move(outcome)] {
                m_thread->wait();
                delete m_thread;
                m_thread = nullptr;
                m_progress = 1;
                outcome();
                emit runningChanged();
                emit progressChanged();
            },
            Qt::QueuedConnection);
    });
    m_thread->start();
    emit runningChanged();
    emit progressChanged();
}

void BackgroundRun::post(int step, const QString &text, double progress)
{
    if (step == m_lastShown.exchange(step))
        return;
    QMetaObject::invokeMethod(
        this,
        [this, text, progress] {
            if (!m_thread)
                return; // the outcome is already shown
            m_status = text;
            m_progress = progress;
            emit progressChanged();
        },
        Qt::QueuedConnection);
}

void BackgroundRun::setStatus(const QString &status)
{
    m_status = status;
    emit progressChanged();
}

} // namespace idem
