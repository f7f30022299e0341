pragma Singleton
import QtQuick
import IdemLab

// Colours and sizes in one place. Okabe–Ito palette (colour-blind safe).
// Every size scales with `scale`: the presenter's text scale times a gentle zoom that
// follows the window size, so a 1920×1080 projector gets proportionally larger type.
QtObject {
    property bool dark: false
    property real textScale: 1.0
    /// Set by the main window from its size: 1 at 1280×720, up to 1.5 on big screens.
    property real zoom: 1.0
    readonly property real scale: textScale * zoom

    readonly property color background: dark ? "#16191f" : "#eef1f5"
    readonly property color panel: dark ? "#20242c" : "#ffffff"
    readonly property color panelAlt: dark ? "#1b1f26" : "#f7f9fb"
    readonly property color toolbar: dark ? "#0f1216" : "#1f2a37"
    readonly property color toolbarText: "#eef2f7"
    readonly property color toolbarMuted: "#a9b4c2"
    readonly property color text: dark ? "#e8ebf0" : "#1c2430"
    readonly property color mutedText: dark ? "#9aa3b2" : "#5b6676"
    readonly property color border: dark ? "#3a4150" : "#c5ccd6"
    readonly property color strongBorder: dark ? "#5a6478" : "#8a96a8"
    readonly property color link: dark ? "#4a5263" : "#b7c0cc"
    readonly property color accent: "#0072B2"
    readonly property color accentText: dark ? "#56B4E9" : "#0072B2"
    readonly property color busyFill: dark ? "#1d3346" : "#e3f0f9"
    readonly property color clusterFill: dark ? "#1c2027" : "#f6f8fb"
    readonly property color captionFill: dark ? "#1a2430" : "#e6eef8"

    readonly property color request: dark ? "#c9d1dc" : "#3b4656"
    readonly property color requestText: dark ? "#16191f" : "#ffffff"
    readonly property color status201: "#009E73"
    readonly property color status200: "#0072B2"
    readonly property color status409: "#E69F00"
    readonly property color status400: "#D55E00"
    readonly property color status422: "#CC79A7"
    readonly property color statusOther: "#56B4E9"
    readonly property color created: "#E69F00"
    readonly property color consumed: "#009E73"
    readonly property color anomaly: "#D55E00"
    readonly property color anomalyFill: dark ? "#3a2216" : "#fdeee4"
    readonly property color anomalyText: dark ? "#ff9a5c" : "#b34700"
    /// Live mode: the servers are real and running.
    readonly property color live: "#D81B60"
    readonly property color liveFill: dark ? "#3a1826" : "#fce8f0"
    readonly property color cacheOffFill: dark ? "#221f1c" : "#faf6f1"

    readonly property int fontSize: Math.max(12, Math.round(14 * scale))
    readonly property int smallFont: Math.max(12, Math.round(12 * scale))
    readonly property int titleFont: Math.round(17 * scale)
    readonly property int tokenFont: Math.max(12, Math.round(13 * scale))
    readonly property int bannerFont: Math.round(22 * scale)
    readonly property string monoFamily: "DejaVu Sans Mono"
    readonly property string fontFamily: "DejaVu Sans"
    /// Height of one table row (DB keys, ledger, cache entries).
    readonly property int rowHeight: Math.round(fontSize * 1.55)

    /// Spacing unit and corner radius, scaled with the text.
    readonly property real gap: Math.round(8 * scale)
    readonly property real radius: Math.round(6 * scale)

    function statusColor(status) {
        switch (status) {
        case 0: return request
        case 200: return status200
        case 201: return status201
        case 400: return status400
        case 409: return status409
        case 422: return status422
        default: return statusOther
        }
    }

    /// A status colour dark (light theme) or light (dark theme) enough for text on a panel.
    function statusTextColor(status) {
        const c = statusColor(status)
        return dark ? Qt.lighter(c, 1.25) : Qt.darker(c, status === 409 ? 1.55 : 1.25)
    }

    /// A faint wash of `c` for backgrounds.
    function wash(c, strength) {
        return Qt.rgba(c.r, c.g, c.b, strength === undefined ? 0.14 : strength)
    }

    /// "20 ms", "1.5 s", "5.03 s", "10 min": a duration given in ms, for labels, written
    /// by the app's one duration formatter (timeline/durationtext.h).
    function durationText(ms) {
        return DurationFormat.brief(ms * 1000)
    }

    /// Milliseconds in a duration the engine wrote ("86399.5 s", "350 ms").
    function parseDuration(text) {
        const value = parseFloat(text)
        if (isNaN(value))
            return 0
        return text.endsWith(" s") ? value * 1000 : value
    }
}
