import QtQuick
import QtTest
import IdemLab

// The scene's geometry keeps the status legend: a scene at its minimum size (the smallest
// it is laid out at before it scales down as a whole) still shows the legend under the
// cache, in full or as pills only, at text scale 1 to 3 and 1280 and 1920 px wide.
Item {
    id: root
    width: 1920
    height: 1080

    SceneLayout {
        id: layout
        scale: Theme.scale
        headerHeight: Math.round(Theme.titleFont * 1.3 + Theme.fontSize * 1.4 + 4 * Theme.scale)
        legendFullHeight: full.implicitHeight
        legendCompactHeight: compact.implicitHeight
    }
    Legend {
        id: full
        width: layout.legendRect.width
    }
    Legend {
        id: compact
        compact: true
        width: layout.legendRect.width
    }

    TestCase {
        name: "SceneLayout"
        when: windowShown

        function test_legend_at_minimum_size_data() {
            const rows = []
            for (const s of [1.0, 1.5, 2.0, 2.5, 3.0])
                for (const w of [1280, 1920])
                    rows.push({ tag: w + " px at " + s + "×", scale: s, width: w })
            return rows
        }

        function test_legend_at_minimum_size(data) {
            Theme.textScale = data.scale
            // As SceneView lays the stage out: never narrower than the minimum width.
            layout.width = Math.max(data.width, layout.minimumWidth)
            layout.height = layout.minimumHeight
            wait(0) // the legends' Flow lays out on the next polish
            tryVerify(() => compact.implicitHeight > 0 && full.implicitHeight > compact.implicitHeight)
            verify(layout.legendShown, "legend hidden at " + layout.width + "×" + layout.height)
            const cache = layout.cacheRect()
            const r = layout.legendRect
            verify(cache.y + cache.height <= r.y, "cache panel runs into the legend")
            verify(cache.height >= layout.cacheMinimumHeight, "cache panel below its minimum")
            verify(r.y + r.height <= layout.bodyBottom + 0.5, "legend below the scene")
        }

        function cleanup() {
            Theme.textScale = 1.0
        }
    }
}
