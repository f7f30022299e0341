pragma Singleton
import QtQuick

// Colours and sizes in one place. Okabe–Ito palette (colour-blind safe).
QtObject {
    property bool dark: false
    property real textScale: 1.0

    readonly property color background: dark ? "#16191f" : "#f3f5f8"
    readonly property color panel: dark ? "#20242c" : "#ffffff"
    readonly property color text: dark ? "#e8ebf0" : "#1c2430"
    readonly property color mutedText: dark ? "#9aa3b2" : "#5b6676"
    readonly property color border: dark ? "#3a4150" : "#c5ccd6"
    readonly property color accent: "#0072B2"

    readonly property color request: dark ? "#9aa3b2" : "#3b4656"
    readonly property color status201: "#009E73"
    readonly property color status200: "#0072B2"
    readonly property color status409: "#E69F00"
    readonly property color status400: "#D55E00"
    readonly property color status422: "#CC79A7"
    readonly property color statusOther: "#56B4E9"
    readonly property color created: "#E69F00"
    readonly property color consumed: "#009E73"
    readonly property color anomaly: "#D55E00"

    readonly property int fontSize: Math.round(14 * textScale)
    readonly property int smallFont: Math.round(12 * textScale)
    readonly property int titleFont: Math.round(17 * textScale)

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
}
