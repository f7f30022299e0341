#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace idem {

class Playback;
class Session;
class SceneText;

/// The scene's sentences at the playhead, for QML (SceneText does the wording): the
/// caption, the run's verdict, the duplicate-charge banner, each cluster's lock line and
/// balances.
class SceneCaptions : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SimulationController")

    Q_PROPERTY(QString caption READ caption NOTIFY timeChanged FINAL)
    /// Why the caption's event matters, a second line under it; "" for most events.
    Q_PROPERTY(QString why READ why NOTIFY timeChanged FINAL)
    /// The run's verdict, or the error when nothing could run.
    Q_PROPERTY(QString verdictText READ verdictText NOTIFY runChanged FINAL)
    Q_PROPERTY(QString anomalyText READ anomalyText NOTIFY timeChanged FINAL)
    /// Beside the replication link while it is cut: "partitioned — 2 rows waiting · …".
    Q_PROPERTY(QString linkText READ linkText NOTIFY timeChanged FINAL)
    Q_PROPERTY(QString lockTextA READ lockTextA NOTIFY timeChanged FINAL)
    Q_PROPERTY(QString lockTextB READ lockTextB NOTIFY timeChanged FINAL)
    Q_PROPERTY(QString balancesA READ balancesA NOTIFY timeChanged FINAL)
    Q_PROPERTY(QString balancesB READ balancesB NOTIFY timeChanged FINAL)

public:
    /// Words for `playback`'s moment; `session` says whether the mutex is on and what
    /// went wrong.
    SceneCaptions(const Playback &playback, const Session &session, QObject *parent = nullptr);

    [[nodiscard]] QString caption() const;
    [[nodiscard]] QString why() const;
    [[nodiscard]] QString verdictText() const;
    [[nodiscard]] QString anomalyText() const;
    [[nodiscard]] QString linkText() const;
    [[nodiscard]] QString lockTextA() const { return lockText(0); }
    [[nodiscard]] QString lockTextB() const { return lockText(1); }
    [[nodiscard]] QString balancesA() const { return balancesText(0); }
    [[nodiscard]] QString balancesB() const { return balancesText(1); }

signals:
    void runChanged();
    void timeChanged();

private:
    [[nodiscard]] SceneText text() const;
    [[nodiscard]] QString lockText(int cluster) const;
    [[nodiscard]] QString balancesText(int cluster) const;

    const Playback &m_playback;
    const Session &m_session;
    /// The banner, worded again only when what it words grew: the duplicate keys and rows,
    /// the ledgers and the verdicts only grow as the playhead moves on (a large run's banner
    /// looks at 20,000 ledger rows), so their sizes tell one moment's banner from another's
    /// within a run.
    struct AnomalyCache
    {
        bool valid = false;
        qsizetype sizes[5] = {};
        QString text;
    };
    mutable AnomalyCache m_anomaly;
};

} // namespace idem
