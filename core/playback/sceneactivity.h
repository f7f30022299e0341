#pragma once

#include "model/runresult.h"
#include "playback/scenestate.h"

#include <QMap>
#include <QString>
#include <QVector>

namespace idem {

/// What each server and each client is doing at the moment a scene is built for: the
/// servers' tasks by request ("K1 · charging"), the clients' lines ("K1 · got 201",
/// "K1 · retry, waiting"). Fed the run's events in order, up to that moment.
class SceneActivity
{
public:
    SceneActivity(const RunResult &run, qint64 t);

    /// A live record logs the reply's hop only (no Receive): a client has its answer once
    /// that hop has arrived, so what a client is doing depends on the moment shown, not
    /// only on the events applied.
    [[nodiscard]] static bool answersOnArrival(const RunResult &run);

    /// Takes one event (in the run's order, at or before the moment).
    void apply(const Event &e);
    /// A server crashed: its work in progress died with it.
    void serverDown(int server);
    /// Writes the servers' and clients' activity into `s`.
    void finish(SceneState &s) const;

private:
    void clientTask(const Event &e);

    struct Task
    {
        int server = -1;
        QString text;
    };

    struct ClientLine
    {
        QString text;
        bool waiting = false;
        QString request; ///< RequestSpec id: a retry updates its request's line
    };

    const RunResult &m_run;
    const qint64 m_t;
    const bool m_answerOnArrival;                 ///< answersOnArrival(m_run)
    QMap<int, Task> m_tasks;                      // ordered by request
    QMap<int, QVector<ClientLine>> m_clientLines; // by client node
};

} // namespace idem
