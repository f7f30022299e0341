import QtQuick
import QtQuick.Shapes

// A rounded rectangle outline drawn dashed: for things that are switched off.
Shape {
    id: frame

    property color color: Theme.border
    property real lineWidth: 1.5
    property real radius: Theme.radius

    readonly property real r: Math.min(radius, width / 2, height / 2)
    readonly property real o: lineWidth / 2

    ShapePath {
        strokeColor: frame.color
        strokeWidth: frame.lineWidth
        strokeStyle: ShapePath.DashLine
        dashPattern: [4, 3]
        fillColor: "transparent"
        PathSvg {
            readonly property real w: frame.width - frame.o
            readonly property real h: frame.height - frame.o
            readonly property real o: frame.o
            readonly property real r: frame.r
            path: "M %1 %2 H %3 A %4 %4 0 0 1 %5 %6 V %7 A %4 %4 0 0 1 %3 %8 H %1 A %4 %4 0 0 1 %2 %7 V %6 A %4 %4 0 0 1 %1 %2 Z"
                  .replace(/%1/g, o + r).replace(/%2/g, o).replace(/%3/g, w - r)
                  .replace(/%4/g, r).replace(/%5/g, w).replace(/%6/g, o + r)
                  .replace(/%7/g, h - r).replace(/%8/g, h)
        }
    }
}
