import QtQuick
import IdemLab

// The Compare mode's keys: Ctrl+Shift+C in and out (in: the right side with the mutex
// flipped), J to the first divergence, Ctrl+← / Ctrl+→ the side the scene shows.
Item {
    id: keys

    required property CompareController compare
    /// Why the mode could not be entered, for a toast.
    signal refused(string message)

    function toggle() {
        if (compare.active)
            compare.leave()
        else if (!compare.enterFlippingMutex())
            refused(compare.errorText)
    }

    Shortcut { sequence: "Ctrl+Shift+C"; onActivated: keys.toggle() }
    Shortcut {
        sequence: "J"
        enabled: keys.compare.active
        onActivated: keys.compare.jumpToDivergence()
    }
    Shortcut {
        sequence: "Ctrl+Left"
        enabled: keys.compare.active
        onActivated: keys.compare.shownSide = 0
    }
    Shortcut {
        sequence: "Ctrl+Right"
        enabled: keys.compare.active
        onActivated: keys.compare.shownSide = 1
    }
}
