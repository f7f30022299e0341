import QtQuick
import QtQuick.Controls.Basic

// A slider over a setting's stops (SettingsModel's "stops"): it moves from stop to stop,
// arrow keys one stop, PageUp / PageDown a tenth of the way, Home / End to the ends, and
// says which stop was chosen; the owner sets the value, and `stopIndex` follows it.
Slider {
    id: track

    property var stops: []
    property int stopIndex: 0

    signal chosen(int stop)

    readonly property int page: Math.max(1, Math.round(stops.length / 10))

    function go(stop) {
        const s = Math.max(0, Math.min(stops.length - 1, stop))
        if (s !== stopIndex)
            chosen(s)
    }

    from: 0
    to: Math.max(1, stops.length - 1)
    stepSize: 1
    snapMode: Slider.SnapAlways
    value: stopIndex
    focusPolicy: Qt.StrongFocus
    hoverEnabled: true
    onMoved: go(Math.round(value))

    // The window's shortcuts (arrows step through the run, Home / End jump) must not take
    // the keys this slider uses while it has the focus.
    Keys.onShortcutOverride: (event) => {
        event.accepted = [Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down, Qt.Key_PageUp,
                          Qt.Key_PageDown, Qt.Key_Home, Qt.Key_End].indexOf(event.key) >= 0
    }
    Keys.onPressed: (event) => {
        switch (event.key) {
        case Qt.Key_Left: case Qt.Key_Down: go(stopIndex - 1); break
        case Qt.Key_Right: case Qt.Key_Up: go(stopIndex + 1); break
        case Qt.Key_PageDown: go(stopIndex - page); break
        case Qt.Key_PageUp: go(stopIndex + page); break
        case Qt.Key_Home: go(0); break
        case Qt.Key_End: go(stops.length - 1); break
        default: return
        }
        event.accepted = true
    }
}
