import QtQuick
import QtTest
import IdemLab

// The scene's geometry keeps the status legend: a scene at its minimum size (the smallest
// it is laid out at before it scales down as a whole) still shows the legend under the
// cache, in full or as pills only, at text scale 1 to 3 and 1280 and 1920 px wide; and
// the dense form (large text on a small screen) keeps every box apart and whole.
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

        // The dense form at its own minimum size (large text on a small screen): every box
        // inside the scene, the clusters apart with room for a replication between them,
        // the columns in order without overlapping, and the DB as wide as its rows need.
        function test_dense_form_at_minimum_size_data() {
            const rows = []
            for (const s of [1.0, 2.0, 3.0, 4.05])
                rows.push({ tag: s + "×", scale: s })
            return rows
        }

        function test_dense_form_at_minimum_size(data) {
            Theme.textScale = data.scale
            layout.dense = true
            layout.narrow = true
            layout.width = layout.denseWidth
            layout.height = layout.denseHeight
            verify(layout.denseWidth < layout.comfortableWidth, "dense form not narrower")
            verify(layout.denseHeight < layout.comfortableHeight, "dense form not shorter")
            const a = layout.clusterRect(0)
            const b = layout.clusterRect(1)
            const client = layout.clientRect(0, 2)
            const router = layout.routerRect()
            const db = layout.databaseRect(0)
            const server = layout.serverRect(0, 1, 2)
            const cache = layout.cacheRect()
            verify(b.y - (a.y + a.height) >= Theme.tokenFont * 1.2, "no room for a replication")
            verify(client.x + client.width < router.x, "clients run into the router")
            verify(router.x + router.width < a.x, "router runs into the clusters")
            verify(a.x + a.width < cache.x, "clusters run into the cache")
            verify(server.x + server.width < db.x, "servers run into the DB")
            verify(cache.x + cache.width <= layout.width - layout.pad + 0.5, "cache off the scene")
            verify(b.y + b.height <= layout.bodyBottom + 0.5, "cluster B below the scene")
            verify(db.width >= layout.dbDenseWidth * Theme.scale - 1, "DB narrower than its rows")
            // A DB keeps its header, its table headings and one whole row.
            verify(db.height >= Theme.fontSize * 1.6 + Theme.smallFont * 1.3 + Theme.rowHeight,
                   "DB too short for one row: " + db.height)
        }

        function cleanup() {
            layout.dense = false
            layout.narrow = false
            Theme.textScale = 1.0
        }
    }
}
