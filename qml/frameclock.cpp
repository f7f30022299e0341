#include "frameclock.h"

#include "playback.h"

#include <QQuickWindow>

namespace idem {

FrameClock::FrameClock(QQuickWindow &window, Playback &playback, QObject *parent) : QObject(parent)
{
    playback.setFrameDriven(true);
    // frameSwapped comes from the render thread: queued to this (the GUI) thread.
    connect(
        &window, &QQuickWindow::frameSwapped, this,
        [&window, &playback] {
            if (!playback.playing())
                return;
            playback.frameDrawn();
            window.update(); // the next frame, even where nothing moved (a compressed gap)
        },
        Qt::QueuedConnection);
    connect(&playback, &Playback::playingChanged, this, [&window, &playback] {
        if (playback.playing())
            window.update();
    });
}

} // namespace idem
