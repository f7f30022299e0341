pragma Singleton
import QtQuick
import IdemLab

// Colours and sizes in one place. The colours are the core's palette (core/export/palette.h,
// Okabe–Ito, colour-blind safe), light or dark, through the Palettes singleton.
// Every size scales with `scale`: the presenter's text scale times a gentle zoom that
// follows the window size, so a 1920×1080 projector gets proportionally larger type.
QtObject {
    property bool dark: false
    property real textScale: 1.0
    /// Set by the main window from its size: 1 at 1280×720, up to 1.5 on big screens.
    property real zoom: 1.0
    readonly property real scale: textScale * zoom
    /// The scale of the window's chrome that the class reads too (the caption, the ☰ menu):
    /// the text scale up to 1.5, past it half as fast (3 → 2.25), so the scene keeps the
    /// height the presenter asked the large text for.
    readonly property real chromeScale: zoom * Math.min(textScale, 0.75 + textScale / 2)

    /// The palette of the current theme: colour name → "#rrggbb".
    readonly property var colours: dark ? Palettes.dark : Palettes.light

    readonly property color background: colours.background
    readonly property color panel: colours.panel
    readonly property color panelAlt: colours.panelAlt
    readonly property color toolbar: colours.toolbar
    readonly property color toolbarText: colours.toolbarText
    readonly property color toolbarMuted: colours.toolbarMuted
    readonly property color text: colours.text
    readonly property color mutedText: colours.mutedText
    readonly property color border: colours.border
    readonly property color strongBorder: colours.strongBorder
    readonly property color link: colours.link
    readonly property color accent: colours.accent
    readonly property color accentText: colours.accentText
    readonly property color busyFill: colours.busyFill
    readonly property color clusterFill: colours.clusterFill
    readonly property color captionFill: colours.captionFill

    readonly property color request: colours.request
    readonly property color requestText: colours.requestText
    readonly property color status201: colours.status201
    readonly property color status200: colours.status200
    readonly property color status409: colours.status409
    readonly property color status400: colours.status400
    readonly property color status422: colours.status422
    readonly property color statusOther: colours.statusOther
    readonly property color created: colours.created
    readonly property color consumed: colours.consumed
    readonly property color anomaly: colours.anomaly
    readonly property color anomalyFill: colours.anomalyFill
    readonly property color anomalyText: colours.anomalyText
    /// Live mode: the servers are real and running.
    readonly property color live: colours.live
    readonly property color liveFill: colours.liveFill
    readonly property color cacheOffFill: colours.cacheOffFill
    readonly property color cacheAccent: colours.cacheAccent
    readonly property color replicationLine: colours.replicationLine

    /// Controls: text on an accent or status fill, the toolbar's buttons, switches, sliders.
    readonly property color onColour: colours.onColour
    readonly property color createdText: colours.createdText
    readonly property color toolbarControl: colours.toolbarControl
    readonly property color toolbarControlHover: colours.toolbarControlHover
    readonly property color toolbarControlDown: colours.toolbarControlDown
    readonly property color toolbarControlBorder: colours.toolbarControlBorder
    readonly property color track: colours.track
    readonly property color knob: colours.knob
    readonly property color knobDown: colours.knobDown
    readonly property color tooltipFill: colours.tooltipFill
    readonly property color tooltipText: colours.tooltipText

    readonly property int fontSize: Math.max(12, Math.round(14 * scale))
    readonly property int smallFont: Math.max(12, Math.round(12 * scale))
    readonly property int titleFont: Math.round(17 * scale)
    readonly property int tokenFont: Math.max(12, Math.round(13 * scale))
    readonly property int bannerFont: Math.round(22 * scale)
    readonly property string monoFamily: "DejaVu Sans Mono"
    readonly property string fontFamily: "DejaVu Sans"
    /// Height of one table row (DB keys, ledger, cache entries).
    /// The editor panel's scale: it follows the chrome, up to 1.75 (at the largest text its
    /// fields and buttons still fit a panel 42 % of a 720 px window wide).
    readonly property real panelScale: Math.min(chromeScale, 1.75)
    readonly property int panelFont: Math.max(12, Math.round(13 * panelScale))
    readonly property int panelTitleFont: Math.round(16 * panelScale)

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
