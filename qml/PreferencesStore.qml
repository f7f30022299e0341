import QtQuick

// Remembers the presenter's choices between launches through a QML Settings object when
// the platform has one: QtCore's (Qt 6.5+) or Qt.labs.settings (Debian package
// qml6-module-qt-labs-settings). Qt 6.4's QtCore module has no Settings, so the backend is
// created at run time and the app still starts, without memory, when neither exists.
// Offscreen runs (tests) neither read nor write preferences, so they stay reproducible
// and leave the presenter's choices alone; the window also skips them for --screenshot.
QtObject {
    id: store

    property QtObject backend: null
    readonly property bool available: backend !== null

    function open() {
        const platform = Qt.platform.pluginName
        if (platform === "offscreen" || platform === "minimal")
            return false
        const imports = ["import QtCore\n", "import Qt.labs.settings\n"]
        for (const header of imports) {
            try {
                backend = Qt.createQmlObject(header + "Settings { category: \"presenter\" }",
                                             store, "PreferencesStore")
                return true
            } catch (error) {
                // Not installed: try the next one.
            }
        }
        console.info("Idempotency Lab: no QML Settings module (install qml6-module-qt-labs-settings); preferences are not remembered")
        return false
    }

    function value(key, fallback) {
        if (!backend)
            return fallback
        const v = backend.value(key, fallback)
        return v === undefined || v === null ? fallback : v
    }

    // QSettings hands back strings from its INI files: turn them into the fallback's type.
    function boolValue(key, fallback) {
        const v = value(key, fallback)
        return typeof v === "boolean" ? v : String(v) === "true"
    }

    function numberValue(key, fallback) {
        const v = Number(value(key, fallback))
        return isNaN(v) ? fallback : v
    }

    function setValue(key, v) {
        if (backend)
            backend.setValue(key, v)
    }
}
