#pragma once

#include "playback.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace idem {

/// One side of the Compare mode as the window shows it: the overrides typed for it (as
/// `idemlab-cli compare --left` takes them), why the last text was refused, its verdict,
/// what it did at the first divergence, and a playback of its own that its lane timeline
/// draws (CompareController keeps it on the window's playhead and on one time axis).
class CompareSide : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by CompareController")

    /// "Left" or "Right", as the scene names the side shown.
    Q_PROPERTY(QString name READ name CONSTANT FINAL)
    /// The overrides in force for this side ("--mutex on"); empty: the common settings.
    Q_PROPERTY(QString overrides READ overrides NOTIFY changed FINAL)
    /// Why the last text typed was refused (one line), or empty; the run stays the previous.
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged FINAL)
    /// The verdict's one line ("OK: every key took effect at most once") and whether it is OK.
    Q_PROPERTY(QString verdict READ verdict NOTIFY changed FINAL)
    Q_PROPERTY(bool ok READ ok NOTIFY changed FINAL)
    /// The answers of the run by status: "201 ×2" or "201, 409".
    Q_PROPERTY(QString answers READ answers NOTIFY changed FINAL)
    /// What this side did at the first divergence, in words; empty when there is none.
    Q_PROPERTY(QString step READ step NOTIFY stepChanged FINAL)
    /// How many times this side has run since the mode was entered (a run per change of its
    /// overrides or of the common settings; the other side's changes do not run it).
    Q_PROPERTY(int runs READ runs NOTIFY changed FINAL)
    /// The side's run on the common time axis, for its lane timeline.
    Q_PROPERTY(idem::Playback *playback READ playback CONSTANT FINAL)
    /// The nodes of this side's run that an event of either run is on (by index in this
    /// side's run): the lanes its timeline keeps when not every lane fits.
    Q_PROPERTY(QList<int> busyLanes READ busyLanes NOTIFY busyLanesChanged FINAL)
    /// The nodes of this side's run: its lanes when every lane is drawn.
    Q_PROPERTY(int nodeCount READ nodeCount NOTIFY changed FINAL)

public:
    explicit CompareSide(const QString &name, QObject *parent = nullptr)
        : QObject(parent), m_name(name)
    {}

    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] QString overrides() const { return m_overrides; }
    [[nodiscard]] QString errorText() const { return m_error; }
    [[nodiscard]] QString verdict() const { return m_verdict; }
    [[nodiscard]] bool ok() const { return m_ok; }
    [[nodiscard]] QString answers() const { return m_answers; }
    [[nodiscard]] QString step() const { return m_step; }
    [[nodiscard]] int runs() const { return m_runs; }
    [[nodiscard]] Playback *playback() { return &m_playback; }
    [[nodiscard]] QList<int> busyLanes() const { return m_busyLanes; }
    [[nodiscard]] int nodeCount() const { return m_nodeCount; }
    void setBusyLanes(const QList<int> &lanes);

    /// A new run of this side with `overrides`: its verdict and answers are taken from it.
    void ran(const QString &overrides, const RunResult &run);
    void setErrorText(const QString &error);
    void setStep(const QString &step);
    /// Back to no run (the mode is left).
    void reset();

signals:
    void changed();
    void errorTextChanged();
    void stepChanged();
    void busyLanesChanged();

private:
    QString m_name;
    QString m_overrides;
    QString m_error;
    QString m_verdict;
    bool m_ok = true;
    QString m_answers;
    QString m_step;
    int m_runs = 0;
    QList<int> m_busyLanes;
    int m_nodeCount = 0;
    Playback m_playback;
};

} // namespace idem
