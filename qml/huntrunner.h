#pragma once

#include "whatif/hunt.h"

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <memory>

class QThread;

namespace idem {

class Session;

/// "Find a failure": the hunt (idemlab-cli hunt) on the scenario and settings on screen, on
/// a thread of its own so the window stays alive, with its progress and a Cancel. A failure
/// found is shrunk and opened in the scene; finding nothing says what was searched and that
/// it is no proof.
class HuntRunner : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("made by SimulationController")

    Q_PROPERTY(bool running READ running NOTIFY runningChanged FINAL)
    /// 0 to 1 over the search's budget; the shrink that follows shows as busy (-1).
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged FINAL)
    /// "Searching: 120 of 1,000 runs", then the outcome in one or two sentences.
    Q_PROPERTY(QString status READ status NOTIFY progressChanged FINAL)
    /// The accepted shrink steps of the last hunt, "1. dropped request R5 — 4 requests, …".
    Q_PROPERTY(QStringList steps READ steps NOTIFY finished FINAL)
    Q_PROPERTY(bool found READ found NOTIFY finished FINAL)

public:
    explicit HuntRunner(Session &session, QObject *parent = nullptr);
    ~HuntRunner() override;

    [[nodiscard]] bool running() const { return m_thread != nullptr; }
    [[nodiscard]] double progress() const { return m_progress; }
    [[nodiscard]] QString status() const { return m_status; }
    [[nodiscard]] QStringList steps() const { return m_steps; }
    [[nodiscard]] bool found() const { return m_found; }

    /// Starts a hunt for `invariant` ("duplicate", "stuck", "collision", "any") with a budget
    /// of `budget` runs; false (and the reason in status) when one is running or the scene
    /// shows a live or recorded run rather than a scenario.
    Q_INVOKABLE bool start(const QString &invariant, int budget);
    /// Stops the hunt before its next run; a failure already found is still shrunk as far
    /// as it got and opened.
    Q_INVOKABLE void cancel();
    /// Waits for the hunt to end and delivers its result (tests, --show hunt-run, the
    /// destructor).
    Q_INVOKABLE void wait();

signals:
    void runningChanged();
    void progressChanged();
    /// The hunt ended; when it found a failure the scene already shows it.
    void finished();

private:
    void report(const QString &phase, int runs, int budget);
    void done(const std::optional<HuntResult> &result, const QString &error);

    Session &m_session;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    std::atomic<int> m_lastShown{-1};
    double m_progress = 0;
    QString m_status;
    QStringList m_steps;
    bool m_found = false;
    HuntSpec m_spec;
};

} // namespace idem
