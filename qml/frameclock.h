#pragma once

#include <QObject>

class QQuickWindow;

namespace idem {

class Playback;

/// Plays the run at the display's pace: while the playback plays, each frame the window has
/// drawn moves the playhead on (Playback::frameDrawn) and asks for the next frame, as an
/// animation of the window itself would. A 16 ms timer drew at most 62.5 frames a second
/// whatever the display could do (a 120 Hz screen showed each moment twice, and the 200-request
/// burst could not pass 62.5 fps under xvfb, where a bare window draws 90-110:
/// docs/BENCHMARKS.md, Dec 8 2026).
class FrameClock : public QObject
{
    Q_OBJECT

public:
    FrameClock(QQuickWindow &window, Playback &playback, QObject *parent = nullptr);
};

} // namespace idem
