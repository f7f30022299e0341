import QtQuick
import QtQuick.Shapes

// Player glyphs drawn as shapes (crisp at any scale, no icon font needed):
// "restart", "back", "play", "pause", "forward", "export", "menu".
Shape {
    id: icon

    property string kind: "play"
    property color color: Theme.text

    implicitWidth: Math.round(16 * Theme.scale)
    implicitHeight: implicitWidth

    readonly property real w: width
    readonly property real h: height

    ShapePath {
        strokeWidth: 0
        strokeColor: "transparent"
        fillColor: icon.color
        PathSvg {
            readonly property real w: icon.w
            readonly property real h: icon.h
            path: {
                const bar = w * 0.18
                switch (icon.kind) {
                case "play":
                    return `M ${w * 0.18} 0 L ${w * 0.95} ${h / 2} L ${w * 0.18} ${h} Z`
                case "pause":
                    return `M ${w * 0.15} 0 h ${w * 0.25} v ${h} h ${-w * 0.25} Z `
                         + `M ${w * 0.6} 0 h ${w * 0.25} v ${h} h ${-w * 0.25} Z`
                case "restart":
                    return `M 0 0 h ${bar} v ${h} h ${-bar} Z `
                         + `M ${w} 0 L ${bar + w * 0.05} ${h / 2} L ${w} ${h} Z`
                case "back":
                    return `M ${w * 0.82} 0 L ${w * 0.1} ${h / 2} L ${w * 0.82} ${h} Z `
                         + `M ${w * 0.82} ${h * 0.3} h ${w * 0.18} v ${h * 0.4} h ${-w * 0.18} Z`
                case "menu": {
                    const t = h * 0.16
                    return `M 0 ${h * 0.1} h ${w} v ${t} h ${-w} Z `
                         + `M 0 ${h / 2 - t / 2} h ${w} v ${t} h ${-w} Z `
                         + `M 0 ${h * 0.9 - t} h ${w} v ${t} h ${-w} Z`
                }
                case "export": // a tray with an arrow leaving it
                    return `M ${w * 0.42} ${h * 0.62} V ${h * 0.25} H ${w * 0.25} L ${w / 2} 0 `
                         + `L ${w * 0.75} ${h * 0.25} H ${w * 0.58} V ${h * 0.62} Z `
                         + `M 0 ${h * 0.5} h ${w * 0.14} v ${h * 0.36} h ${w * 0.72} v ${-h * 0.36} `
                         + `h ${w * 0.14} v ${h * 0.5} h ${-w} Z`
                case "forward":
                    return `M ${w * 0.18} 0 L ${w * 0.9} ${h / 2} L ${w * 0.18} ${h} Z `
                         + `M 0 ${h * 0.3} h ${w * 0.18} v ${h * 0.4} h ${-w * 0.18} Z`
                }
                return ""
            }
        }
    }
}
