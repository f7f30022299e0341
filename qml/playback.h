#pragma once

#include "playback/scenestate.h"
#include "shownrun.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace idem {

/// The run on screen and the playhead moving through its event log: time, speed, steps,
/// the marks of a part to export, the compressed time axis, and the clock that plays the
/// run or follows a live session. Knows nothing of where the run came from (Session).
class Playback : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SimulationController")

    Q_PROPERTY(double timeUs READ timeUs WRITE seek NOTIFY timeChanged FINAL)
    Q_PROPERTY(double endUs READ endUs NOTIFY endChanged FINAL)
    Q_PROPERTY(bool playing READ playing WRITE setPlaying NOTIFY playingChanged FINAL)
    Q_PROPERTY(double speed READ speed WRITE setSpeed NOTIFY speedChanged FINAL)
    Q_PROPERTY(int currentEvent READ currentEvent NOTIFY timeChanged FINAL)
    Q_PROPERTY(int eventCount READ eventCount NOTIFY runChanged FINAL)
    Q_PROPERTY(int highlightedEvent READ highlightedEvent WRITE setHighlightedEvent NOTIFY
                   highlightedEventChanged FINAL)
    /// The playhead follows a running live session: play and speed do not apply.
    Q_PROPERTY(bool live READ live NOTIFY liveChanged FINAL)
    /// Where on the axis ([0, 1]) the run's moments (at most one per 1/4096 of it) and its
    /// anomalies are, for the scrub bar.
    Q_PROPERTY(QVariantList eventTicks READ eventTicks NOTIFY runChanged FINAL)
    Q_PROPERTY(QVariantList anomalyTicks READ anomalyTicks NOTIFY runChanged FINAL)
    /// Two marks on the scrub bar bound the part of the run to export; -1 while unset (an
    /// unset in mark is the start, an unset out mark the end).
    Q_PROPERTY(double markInUs READ markInUs NOTIFY marksChanged FINAL)
    Q_PROPERTY(double markOutUs READ markOutUs NOTIFY marksChanged FINAL)
    Q_PROPERTY(bool hasMarks READ hasMarks NOTIFY marksChanged FINAL)

public:
    explicit Playback(QObject *parent = nullptr);
    ~Playback() override;

    /// Longest a compressed idle gap takes to play, in wall time, whatever the speed.
    static constexpr qint64 gapPlayUs = 1'000'000;

    /// The run on screen (nullptr before the first one).
    [[nodiscard]] const RunResult *run() const { return m_shown ? &m_shown->run : nullptr; }
    /// What the scene shows at the playhead.
    [[nodiscard]] const SceneState &state() const { return m_state; }
    /// The scrub bar's axis on [0, 1]: long idle stretches (replication lag) are compressed
    /// so the busy parts stay readable; the lane timeline draws the same one on its pixels.
    [[nodiscard]] const TimelineAxis &axis() const { return m_shown ? m_shown->axis : m_noAxis; }

    /// Shows `run` at the same moment as the run before (a teacher flips a toggle and looks
    /// at the same instant again), or at its end if it is shorter. `alignWith`: the moments
    /// of a run drawn beside this one (Compare), which the axis runs through too, so that
    /// both line up on one time axis.
    void show(RunResult run, const QVector<qint64> &alignWith = {});
    /// The same with a run made ready beforehand (on any thread: ShownRun::prepare).
    void show(std::unique_ptr<ShownRun> shown);
    /// The next run shown starts at 0 (a new scenario); the run on screen is about to go.
    void rewind() { m_time = 0; }
    /// Makes the playhead follow a live session whose "now" is `frontUs` on the run's clock
    /// (see followLive()); play stops.
    void follow(qint64 frontUs);
    /// The playhead stops following (the session stopped, or another run came).
    void stopFollowing() { setLive(false); }

    [[nodiscard]] double timeUs() const { return double(m_time); }
    Q_INVOKABLE void seek(double timeUs);
    [[nodiscard]] double endUs() const { return m_shown ? double(m_shown->run.endUs) : 0.0; }
    [[nodiscard]] bool playing() const { return m_playing; }
    void setPlaying(bool playing);
    [[nodiscard]] double speed() const { return m_speed; }
    void setSpeed(double speed);
    [[nodiscard]] int currentEvent() const { return m_state.lastEvent; }
    [[nodiscard]] int eventCount() const { return m_shown ? int(m_shown->run.events.size()) : 0; }
    [[nodiscard]] int highlightedEvent() const { return m_highlighted; }
    void setHighlightedEvent(int event);
    [[nodiscard]] bool live() const { return m_live; }
    [[nodiscard]] QVariantList eventTicks() const
    {
        return m_shown ? m_shown->eventTicks : QVariantList();
    }
    [[nodiscard]] QVariantList anomalyTicks() const
    {
        return m_shown ? m_shown->anomalyTicks : QVariantList();
    }

    [[nodiscard]] double markInUs() const { return double(m_markIn); }
    [[nodiscard]] double markOutUs() const { return double(m_markOut); }
    [[nodiscard]] bool hasMarks() const { return m_markIn >= 0 || m_markOut >= 0; }
    /// Sets the in or out mark at the playhead (keys I and O); the two stay in order.
    Q_INVOKABLE void setMarkIn();
    Q_INVOKABLE void setMarkOut();
    Q_INVOKABLE void clearMarks();

    Q_INVOKABLE void togglePlaying() { setPlaying(!m_playing); }
    /// Plays from the playhead and stops at `timeUs` (a lesson's next step); seeks back
    /// when `timeUs` is behind the playhead. Pausing or seeking forgets the stop.
    Q_INVOKABLE void playTo(double timeUs);
    Q_INVOKABLE void stepNext();
    Q_INVOKABLE void stepPrevious();
    Q_INVOKABLE void restart();
    Q_INVOKABLE void seekToEvent(int event);
    Q_INVOKABLE void faster();
    Q_INVOKABLE void slower();

    /// The scrub bar's anomaly marks on a track `trackWidth` px wide, each `markSize` px: the
    /// anomaly ticks in order, those closer than a mark's width (wider by the digits of its
    /// count) merged into the first of them, as {x: px from the track's start, count}.
    /// Grouped here once per run and width (a large run has 5,000 anomalies).
    Q_INVOKABLE QVariantList anomalyGroups(double trackWidth, double markSize) const;

    /// Both map [0, endUs] onto [0, 1] monotonically (see axis()).
    Q_INVOKABLE double axisPosition(double timeUs) const;
    Q_INVOKABLE double axisTime(double position) const;

    /// A frame of the window was drawn (FrameClock): while playing, the playhead moves on by
    /// the wall time since it last moved, so the run plays at the display's own pace, one new
    /// moment per frame, not at the 16 ms timer's (which stands in while no frame comes).
    void frameDrawn();
    /// Frames drive the playhead from now on (FrameClock); without, the timer does.
    void setFrameDriven(bool driven) { m_frameDriven = driven; }

    /// Advances the playhead by `realNs` of wall time (the timer's tick; public for tests):
    /// where something happens, the run plays at `speed` in real time (0.05×: 1 s of the
    /// run takes 20 s); a compressed idle gap is crossed in at most gapPlayUs.
    void advance(qint64 realNs);
    /// While live: moves the playhead `realNs` on, following the session's clock a little
    /// behind (the timer's tick; public for tests).
    void followLive(qint64 realNs);

signals:
    /// Another run is on screen (its nodes, events and axis); timeChanged follows.
    void runChanged();
    void timeChanged();
    void endChanged();
    void playingChanged();
    void speedChanged();
    void highlightedEventChanged();
    void marksChanged();
    void liveChanged();

private:
    void setLive(bool live);
    void setTime(qint64 t, bool force = false);

    /// The run on screen with its index, axis and ticks (null before the first one).
    std::unique_ptr<ShownRun> m_shown;
    SceneState m_state;
    /// The axis while there is no run.
    TimelineAxis m_noAxis{QVector<qint64>{0}, 0.0, 1.0};
    qint64 m_time = 0;
    bool m_playing = false;
    qint64 m_stopAtUs = -1; ///< playTo's stop, or -1
    double m_speed = 0.05;
    int m_highlighted = -1;
    qint64 m_markIn = -1;
    qint64 m_markOut = -1;
    bool m_live = false;
    bool m_frameDriven = false;
    qint64 m_liveFront = 0;    ///< the session's "now" when the record was last shown
    QElapsedTimer m_liveClock; ///< since then
    QTimer m_timer;
    QElapsedTimer m_clock;
};

} // namespace idem
