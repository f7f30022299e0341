#pragma once

#include "model/runresult.h"

#include <QCoreApplication>
#include <QString>
#include <QVector>

#include <optional>

namespace idem {

/// One line of the fault menu: what it does in plain words, and the faults and drops the
/// scenario has once it is chosen.
struct FaultChoice
{
    QString id;      ///< "crash-now", "crash-next", "restart", "cache-down-5000", ...
    QString text;    ///< "Crash Server A1 now (down 5 s)"
    QString refusal; ///< why it cannot be done here; empty when it can
    QString done;    ///< what the toast says once it is injected
    QString what;    ///< the fault as a noun, for its undo: "the crash of Server A1 at 1.2 s"
    QVector<FaultSpec> faults;
    QVector<DropSpec> drops;
    /// A crash the run must then show: the server's node and when (a crash after a step is
    /// found from the run's events; the new run confirms it).
    int crashNode = -1;
    qint64 crashUs = -1;

    [[nodiscard]] bool enabled() const { return refusal.isEmpty(); }
};

/// The next protocol step a server performs, after which a crash fault can strike.
struct ServerStep
{
    FaultStep step = FaultStep::Claim;
    int attempt = -1; ///< index into RunResult::attempts
    qint64 atUs = 0;  ///< when the server is past it: the crash happens then
};

/// Turns "this target, this kind of fault, at this playhead, in this run" into the scenario's
/// faults[] (or drops[]): what right-clicking a server, the cache or the replication link
/// offers. Times are whole milliseconds at or just before the playhead, as a scenario file
/// writes them, so a saved scenario holds exactly what was injected.
class FaultInjection
{
    Q_DECLARE_TR_FUNCTIONS(FaultInjection)

public:
    /// The target id of the replication link (servers and the cache go by their node id).
    static inline const QString linkTarget = QStringLiteral("replication-link");
    static constexpr qint64 crashDownUs = 5'000'000; ///< "Crash now": down 5 s

    FaultInjection(const Scenario &scenario, const RunResult &run, qint64 playheadUs);

    /// The menu for `target`: a server's node id ("server-a1"), "cache" or linkTarget; empty
    /// for anything else.
    [[nodiscard]] QVector<FaultChoice> choices(const QString &target) const;
    /// The first step `server` (node index) finishes at or after the playhead, from the run's
    /// events; none when it does nothing more.
    [[nodiscard]] std::optional<ServerStep> nextStep(int server) const;
    /// The playhead, down to a whole millisecond.
    [[nodiscard]] qint64 atUs() const { return m_atUs; }

private:
    [[nodiscard]] QVector<FaultChoice> serverChoices(int server) const;
    [[nodiscard]] QVector<FaultChoice> cacheChoices() const;
    [[nodiscard]] QVector<FaultChoice> linkChoices() const;
    [[nodiscard]] FaultChoice crashNow(int server) const;
    [[nodiscard]] FaultChoice crashAfterNextStep(int server) const;
    [[nodiscard]] FaultChoice restart(const Event &crash) const;
    /// What the network does to the next request sent to a server.
    enum class FaultMessageFate
    {
        Lost,
        Doubled,
    };
    [[nodiscard]] FaultChoice nextRequest(int server, FaultMessageFate fate) const;
    /// A window fault (cache outage, partition) from the playhead for `forUs`.
    [[nodiscard]] FaultChoice windowFrom(FaultKind kind, qint64 forUs) const;
    /// Ends every window of `kind` open at the playhead there.
    [[nodiscard]] FaultChoice windowEnd(FaultKind kind) const;
    /// The crash that has `server` down at the playhead, if it is down.
    [[nodiscard]] const Event *downSince(int server) const;
    /// The scenario's fault (index into its faults) that caused the crash event `crash`, -1.
    [[nodiscard]] int faultOf(const Event &crash) const;
    /// The next attempt a server is sent after the playhead (index into the attempts), -1.
    [[nodiscard]] int nextIncoming(int server) const;
    [[nodiscard]] bool windowOpen(FaultKind kind) const;
    [[nodiscard]] FaultChoice choice(const QString &id) const;
    [[nodiscard]] QString requestText(int attempt) const;
    [[nodiscard]] static QString moment(qint64 us);
    [[nodiscard]] static QString span(qint64 us);

    const Scenario &m_scenario;
    const RunResult &m_run;
    qint64 m_playheadUs = 0;
    qint64 m_atUs = 0;
};

} // namespace idem
