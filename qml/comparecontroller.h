#pragma once

#include "compareside.h"

#include "whatif/comparison.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace idem {

class Session;

/// The Compare mode: the scenario on screen run twice on its seed, each side with overrides
/// of its own (`idemlab-cli compare`'s --left and --right, read by the same parser), on one
/// playhead. The scene shows one side (shownSide) on the window's playback; each side's
/// own playback carries its run for the stacked timelines, all three on one time axis
/// through both runs' moments and kept at the same time. The settings on the toolbar are
/// the common ones: changing them runs both sides; a side's new overrides run that side only.
class CompareController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SimulationController")

    Q_PROPERTY(bool active READ active NOTIFY activeChanged FINAL)
    Q_PROPERTY(idem::CompareSide *left READ left CONSTANT FINAL)
    Q_PROPERTY(idem::CompareSide *right READ right CONSTANT FINAL)
    /// 0: the scene shows the left side's run, 1: the right side's.
    Q_PROPERTY(int shownSide READ shownSide WRITE setShownSide NOTIFY shownSideChanged FINAL)
    /// Where the two logs first differ: its time and node; hasDivergence false when the two
    /// logs are the same step for step.
    Q_PROPERTY(bool hasDivergence READ hasDivergence NOTIFY comparisonChanged FINAL)
    Q_PROPERTY(double divergenceUs READ divergenceUs NOTIFY comparisonChanged FINAL)
    Q_PROPERTY(QString divergenceNode READ divergenceNode NOTIFY comparisonChanged FINAL)
    /// "First difference: event #6 at 21 ms, at Server A1" or "No difference: …".
    Q_PROPERTY(QString divergenceText READ divergenceText NOTIFY comparisonChanged FINAL)
    /// Why the mode could not be entered, or empty.
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged FINAL)

public:
    CompareController(Session &session, Playback &playback, QObject *parent = nullptr);

    [[nodiscard]] bool active() const { return m_active; }
    [[nodiscard]] CompareSide *left() { return &m_left; }
    [[nodiscard]] CompareSide *right() { return &m_right; }
    [[nodiscard]] int shownSide() const { return m_shown; }
    void setShownSide(int side);
    [[nodiscard]] bool hasDivergence() const { return m_active && m_comparison.divergence; }
    [[nodiscard]] double divergenceUs() const;
    [[nodiscard]] QString divergenceNode() const;
    [[nodiscard]] QString divergenceText() const;
    [[nodiscard]] QString errorText() const { return m_error; }
    /// Both runs and where they part (valid while active).
    [[nodiscard]] const Comparison &comparison() const { return m_comparison; }

    /// Enters the mode on the scenario on screen with these overrides for each side; false
    /// with errorText when a text is refused or the run on screen is a record (recorded or
    /// live: there is no scenario to run again).
    Q_INVOKABLE bool enter(const QString &leftText, const QString &rightText);
    /// enter() with the left side as on screen and the right side's mutex flipped.
    Q_INVOKABLE bool enterFlippingMutex();
    /// Back to one run: the session takes the left side's settings.
    Q_INVOKABLE void leave();
    /// New overrides for side 0 (left) or 1 (right): that side runs again, the other does not.
    /// False with the side's errorText when the text is refused; its previous run stays.
    Q_INVOKABLE bool setOverrides(int side, const QString &text);
    /// Moves the playhead to the first divergence; false when there is none.
    Q_INVOKABLE bool jumpToDivergence();

signals:
    void activeChanged();
    void shownSideChanged();
    void comparisonChanged();
    void errorTextChanged();

private:
    [[nodiscard]] CompareSide &side(int index) { return index == 0 ? m_left : m_right; }
    [[nodiscard]] RunResult &runOf(int index)
    {
        return index == 0 ? m_comparison.left : m_comparison.right;
    }
    /// Runs side `index` of the common scenario with `text`; false + its errorText if refused.
    bool runSide(int index, const QString &text);
    /// The common settings changed (a run of the session's): both sides run again.
    void followSession();
    void compared();
    /// Puts the runs on the three playbacks, on one axis and one end.
    void present();
    void setError(const QString &error);

    Session &m_session;
    Playback &m_playback;
    CompareSide m_left{tr("Left")};
    CompareSide m_right{tr("Right")};
    Scenario m_common; ///< the session's scenario: what both sides share
    Comparison m_comparison;
    bool m_active = false;
    /// present() is showing the runs: the session's runChanged and the sides' first times
    /// are its own, not a new common scenario or a seek.
    bool m_presenting = false;
    int m_shown = 0;
    QString m_error;
};

} // namespace idem
