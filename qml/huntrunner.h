#pragma once

#include "backgroundrun.h"
#include "whatif/hunt.h"

#include <QStringList>

namespace idem {

class Session;

/// "Find a failure": the hunt (idemlab-cli hunt) on the scenario and settings on screen, on
/// a thread of its own so the window stays alive, with its progress and a Cancel. A failure
/// found is shrunk and opened in the scene; finding nothing says what was searched and that
/// it is no proof.
///
/// Its progress goes from 0 to 1 over the search's budget; the shrink that follows shows as
/// busy (-1). Its status reads "Searching: 120 of 1,000 runs", then the outcome.
class HuntRunner : public BackgroundRun
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("made by SimulationController")

    /// The accepted shrink steps of the last hunt, "1. dropped request R5 — 4 requests, …".
    Q_PROPERTY(QStringList steps READ steps NOTIFY finished FINAL)
    Q_PROPERTY(bool found READ found NOTIFY finished FINAL)

public:
    explicit HuntRunner(Session &session, QObject *parent = nullptr);
    ~HuntRunner() override;

    [[nodiscard]] QStringList steps() const { return m_steps; }
    [[nodiscard]] bool found() const { return m_found; }

    /// Starts a hunt for `invariant` ("duplicate", "stuck", "collision", "any") with a budget
    /// of `budget` runs; false (and the reason in status) when one is running or the scene
    /// shows a live or recorded run rather than a scenario.
    /// cancel() stops the hunt before its next run; a failure already found is still shrunk
    /// as far as it got and opened.
    Q_INVOKABLE bool start(const QString &invariant, int budget);

signals:
    /// The hunt ended; when it found a failure the scene already shows it.
    void finished();

private:
    void report(const QString &phase, int runs, int budget);
    void done(const std::optional<HuntResult> &result, const QString &error);

    Session &m_session;
    QStringList m_steps;
    bool m_found = false;
    HuntSpec m_spec;
};

} // namespace idem
