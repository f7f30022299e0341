#include "live/liverecorder.h"

#include <QMutexLocker>

namespace idem {

LiveRecorder::LiveRecorder(bool recording, qsizetype capacity)
    : m_recording(recording), m_capacity(capacity)
{
    m_clock.start();
}

void LiveRecorder::setListener(Listener listener)
{
    QMutexLocker locker(&m_mutex);
    m_listener = std::move(listener);
}

void LiveRecorder::setAttemptListener(AttemptListener listener)
{
    QMutexLocker locker(&m_mutex);
    m_attemptListener = std::move(listener);
}

bool LiveRecorder::append(Event e)
{
    if (!m_recording)
        return false;
    QMutexLocker locker(&m_mutex);
    if (m_events.size() >= m_capacity) {
        m_truncated = true;
        return false;
    }
    // Stamped under the lock: times never go back along the log, as in a simulated run.
    e.t = nowUs();
    e.seq = m_events.size();
    if (e.endUs >= 0 && e.endUs < e.t)
        e.endUs = e.t; // planned before the stamp; an event never ends before it is logged
    m_events.append(std::move(e));
    if (m_listener)
        m_listener(m_events.constLast());
    return true;
}

int LiveRecorder::beginAttempt(const Attempt &attempt)
{
    if (!m_recording)
        return -1;
    QMutexLocker locker(&m_mutex);
    if (m_events.size() >= m_capacity) {
        m_truncated = true;
        return -1;
    }
    m_attempts.append(attempt);
    const int index = int(m_attempts.size() - 1);
    if (m_attemptListener)
        m_attemptListener(index, m_attempts.constLast());
    return index;
}

void LiveRecorder::endAttempt(int request, int status)
{
    if (request < 0)
        return;
    QMutexLocker locker(&m_mutex);
    Attempt &a = m_attempts[request];
    a.status = status;
    a.outcome = AttemptOutcome::Answered;
    a.receivedUs = nowUs();
    if (m_attemptListener)
        m_attemptListener(request, a);
}

QString LiveRecorder::labelOf(const QString &rawKey)
{
    constexpr qsizetype shown = 12;
    if (rawKey.size() <= shown || !m_recording)
        return rawKey; // short keys (and every key of an unrecorded run) are their own label
    QMutexLocker locker(&m_mutex);
    const auto it = m_labels.constFind(rawKey);
    if (it != m_labels.cend())
        return *it;
    // A stored key is printable ASCII, so a label with "…" never equals a short key.
    const QString stem = rawKey.left(shown - 2) + QStringLiteral("…");
    QString label = stem;
    for (int n = 2; m_usedLongLabels.contains(label); ++n)
        label = stem + QLatin1Char('#') + QString::number(n);
    m_usedLongLabels.insert(label);
    m_labels.insert(rawKey, label);
    return label;
}

QStringList LiveRecorder::charged(const QString &label, const QString &ledgerId)
{
    QMutexLocker locker(&m_mutex);
    QStringList &ids = m_charges[label];
    ids.append(ledgerId);
    return ids;
}

LiveRecorder::Snapshot LiveRecorder::snapshot() const
{
    QMutexLocker locker(&m_mutex);
    return {m_events, m_attempts, m_truncated};
}

QHash<QString, QString> LiveRecorder::labels() const
{
    QMutexLocker locker(&m_mutex);
    return m_labels;
}

void LiveRecorder::addRequestsOfAttempts(RunResult &run, bool renumber)
{
    for (qsizetype i = 0; i < run.attempts.size(); ++i) {
        Attempt &a = run.attempts[i];
        if (renumber || a.request.isEmpty())
            a.request = QStringLiteral("H%1").arg(i + 1);
        RequestSpec spec;
        spec.id = a.request;
        spec.client = a.client;
        spec.atUs = a.sentUs;
        if (!a.key.isEmpty())
            spec.key = a.key;
        if (!a.rawKey.isEmpty())
            spec.rawKey = a.rawKey;
        spec.body = a.body;
        spec.cluster = a.cluster;
        run.scenario.requests.append(spec);
    }
}

} // namespace idem
