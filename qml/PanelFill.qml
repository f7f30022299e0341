import QtQuick

// The inside of a rounded Rectangle (its parent), drawn opaque under it: the parent keeps
// its antialiased border but no fill (color "transparent"), and this fill, not antialiased,
// goes under the middle of that border, which hides its stepped edge. The scene graph draws
// an antialiased Rectangle blended, an opaque plain one in its opaque pass: under Mesa
// llvmpipe the scene's stacked panels cost most of a frame when blended (docs/BENCHMARKS.md).
Rectangle {
    readonly property Item panel: parent

    z: -1
    anchors.fill: parent
    anchors.margins: panel ? panel.border.width / 2 : 0
    radius: panel ? Math.max(0, panel.radius - anchors.margins) : 0
    // With no border to hide its edge it stays smooth (and blended), as the parent was.
    antialiasing: !panel || panel.border.width === 0
}
