#pragma once

#include "model/runresult.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QStringList>
#include <QVector>

#include <functional>

namespace idem {

/// What a live session has seen, for the GUI and the exporters: the event log, one Attempt
/// per `POST /payments`, the labels keys are shown by, and the charges per key (to report a
/// duplicate effect the moment it happens). Thread-safe; bounded by `capacity` events.
///
/// Time is the session clock: microseconds since the recorder was made.
class LiveRecorder
{
public:
    using Listener = std::function<void(const Event &)>;
    /// Told attempt `index` as it is now (it began, or it was answered).
    using AttemptListener = std::function<void(int index, const Attempt &)>;

    /// `recording` false: only the clock runs (benchmarks); `capacity`: events kept at most.
    LiveRecorder(bool recording, qsizetype capacity);

    [[nodiscard]] bool recording() const { return m_recording; }
    [[nodiscard]] qint64 nowUs() const { return m_clock.nsecsElapsed() / 1000; }

    /// Called with every event, in log order, under the log's lock: keep it short (post it).
    /// (May be changed while requests are recorded: it is set under the lock.)
    void setListener(Listener listener);
    /// Called as attempts begin and end, under the same lock (so in order with the events).
    void setAttemptListener(AttemptListener listener);

    /// Stamps `e` with the time and the next sequence number, keeps it and tells the
    /// listener. Returns false when not recording or full (the event is dropped).
    bool append(Event e);

    /// Registers a `POST /payments` that just arrived; returns its request index (the
    /// Event::request of its events), or -1 when not recording or full.
    int beginAttempt(const Attempt &attempt);
    /// Records the status the attempt was answered with.
    void endAttempt(int request, int status);

    /// The label a stored key is shown by: the key itself up to 12 characters, else its
    /// first 10 and "…" (made unique with "#2", "#3", ... if two keys share them).
    [[nodiscard]] QString labelOf(const QString &rawKey);

    /// Notes a charge of `label`; returns every ledger id charged for it so far.
    QStringList charged(const QString &label, const QString &ledgerId);

    /// The events and attempts so far, and whether some were dropped (capacity reached).
    struct Snapshot
    {
        QVector<Event> events;
        QVector<Attempt> attempts;
        bool truncated = false;
    };
    [[nodiscard]] Snapshot snapshot() const;
    /// The scenario of a live record: one request per attempt (a timeline file needs them to
    /// be read back), named "H1", "H2", ... in order (`renumber`: even those named already,
    /// as a record merged from several processes must).
    static void addRequestsOfAttempts(RunResult &run, bool renumber);
    /// The labels of every key seen, by stored key.
    [[nodiscard]] QHash<QString, QString> labels() const;

private:
    const bool m_recording;
    const qsizetype m_capacity;
    QElapsedTimer m_clock;
    Listener m_listener;
    AttemptListener m_attemptListener;

    mutable QMutex m_mutex;
    QVector<Event> m_events;
    QVector<Attempt> m_attempts;
    bool m_truncated = false;
    QHash<QString, QString> m_labels; ///< stored key → label
    QSet<QString> m_usedLongLabels;
    QHash<QString, QStringList> m_charges; ///< label → ledger ids
};

} // namespace idem
