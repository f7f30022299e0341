import QtQuick

// Where everything in the scene goes, from the scene's size alone: columns for the clients,
// the router, the two stacked clusters and the cache, and a rectangle for any node from its
// kind, cluster, index in its group and group size. Pure geometry; no drawing.
// Two forms: the comfortable one, and a dense one for large text on a small screen (tighter
// spacing, every column but the DB at its narrowest, one row per table with "N more", no
// description line), so the text keeps the size asked for wherever the dense form fits.
QtObject {
    id: layout

    /// Node items moved or resized (the scene recomputes the message paths), once for all the
    /// nodes that moved together.
    signal nodeMoved()
    /// A node item moved or resized: nodeMoved() follows once, however many nodes move at
    /// once. A new layout moves every node four times (x, y, width, height), and a scene of
    /// 50 clients spent 0.8 s working the paths out again after each of the 232 moves before
    /// its first frame (qmlprofiler, docs/BENCHMARKS.md).
    function noteNodeMoved() {
        Qt.callLater(layout.nodeMoved)
    }

    property real width: 800
    property real height: 400
    property real scale: 1
    /// The dense form (SceneView picks it when the comfortable one is too tall): tighter
    /// spacing, one row per table, fewer description lines.
    property bool dense: false
    /// The narrow form (SceneView picks it when the comfortable one is too wide): every
    /// column but the DB at its narrowest.
    property bool narrow: false
    /// Height of the strip above the nodes (scenario title or the anomaly banner).
    property real headerHeight: 40
    /// Height the legend needs under the cache, with its words and with its pills only.
    property real legendFullHeight: 60
    property real legendCompactHeight: 30
    /// The full legend leaves the cache room enough; else the compact one stands in.
    readonly property bool legendFullFits: bodyHeight - legendFullHeight - Math.round(12 * scale) >= cacheMinimumHeight
    readonly property real legendHeight: legendFullFits ? legendFullHeight : legendCompactHeight

    readonly property real pad: Math.round((dense || narrow ? 6 : 12) * scale)
    readonly property real gap: Math.round((dense || narrow ? 4 : 6) * scale)
    readonly property real linkGapMin: (narrow ? 18 : 26) * scale
    readonly property real linkGap: narrow ? linkGapMin : clamp(width * 0.035, linkGapMin, 70 * scale)

    readonly property real headerY: pad
    readonly property real bodyTop: pad + headerHeight + Math.round((dense ? 4 : 10) * scale)
    readonly property real bodyBottom: height - pad
    readonly property real bodyHeight: Math.max(60, bodyBottom - bodyTop)

    readonly property real clientsX: pad
    readonly property real clientsMin: (narrow ? 100 : 104) * scale
    readonly property real clientsWidth: narrow ? Math.min(clientsMin + 0.15 * narrowSurplus, 200 * scale)
                                                : clamp(width * 0.115, clientsMin, 200 * scale)
    readonly property real routerMin: (narrow ? 70 : 78) * scale
    readonly property real routerWidth: narrow ? routerMin : clamp(width * 0.07, routerMin, 130 * scale)
    readonly property real routerX: clientsX + clientsWidth + linkGap
    readonly property real cacheMin: (narrow ? 195 : 200) * scale
    readonly property real cacheWidth: narrow ? Math.min(cacheMin + 0.3 * narrowSurplus, 340 * scale)
                                              : clamp(width * 0.19, cacheMin, 340 * scale)
    readonly property real cacheX: width - pad - cacheWidth
    readonly property real clusterX: routerX + routerWidth + linkGap
    readonly property real clusterWidth: Math.max(100, cacheX - linkGap - clusterX)
    // Room for a replication token and the lag label between the frames.
    readonly property real clusterGap: Math.round((dense ? 28 : 30) * scale)
    readonly property real clusterHeight: Math.max(40, (bodyHeight - clusterGap) / 2)
    readonly property real clusterHeaderHeight: Math.round((dense ? 24 : 30) * scale)
    readonly property real clusterPad: Math.round((dense ? 6 : 10) * scale)

    readonly property real serversX: clusterX + clusterPad
    readonly property real serversMin: (narrow ? 76 : 110) * scale
    readonly property real serversWidth: narrow ? serversMin : clamp(clusterWidth * 0.2, serversMin, 210 * scale)
    // Wide enough for a query result ("CONSUMED") to sit between a server and its DB.
    readonly property real serverDbGapMin: (narrow ? 40 : 92) * scale
    readonly property real dbX: serversX + serversWidth + (narrow ? serverDbGapMin : clamp(clusterWidth * 0.16, serverDbGapMin, 150 * scale))
    readonly property real dbWidth: Math.max(60, clusterX + clusterWidth - clusterPad - dbX)
    readonly property real contentHeight: Math.max(30, clusterHeight - clusterHeaderHeight - clusterPad)

    readonly property real cacheY: bodyTop
    readonly property real cacheHeight: legendShown ? bodyHeight - legendHeight - Math.round(12 * scale)
                                                    : bodyHeight
    readonly property rect legendRect: Qt.rect(cacheX, bodyBottom - legendHeight, cacheWidth, legendHeight)

    // Clients: one column, two when they do not fit, then a "+N more" slot.
    readonly property real clientMinHeight: Math.round(28 * scale)
    readonly property real clientMaxHeight: Math.round(50 * scale)
    readonly property int clientRowsMax: Math.max(1, Math.floor((bodyHeight + gap) / (clientMinHeight + gap)))
    readonly property int clientColumnsMax: clientsWidth >= 130 * scale ? 2 : 1

    /// The smallest scene that holds everything at this text scale in the comfortable form.
    readonly property real comfortableWidth: Math.round(1100 * scale)
    readonly property real comfortableHeight: {
        // A DB panel with its header, the table headings and two rows.
        const db = Theme.fontSize * 1.6 + Theme.smallFont * 1.3 + 2 * Theme.rowHeight + 14 * scale
        const cluster = Math.round(30 * scale) + db + Math.round(10 * scale)
        // The header's one-line form: a description wrapped to two lines takes from the tables.
        const header = Theme.titleFont * 1.3 + Theme.fontSize * 1.4 + 4 * scale
        return Math.ceil(2 * Math.round(12 * scale) + header + 10 * scale + 2 * cluster
                         + Math.round(30 * scale))
    }
    /// The same in the dense form: a title line over the clusters, each DB with one row.
    /// A view smaller still scales the scene down (like a slide) rather than let boxes
    /// overlap, but never below the text size of the comfortable form at text scale 1.
    readonly property real denseWidth: Math.round(2 * 6 * scale + (100 + 70 + 195 + 3 * 18 + 2 * 6
                                                                   + 76 + 40 + dbDenseWidth) * scale)
    readonly property real dbDenseWidth: 420
    /// Width beyond the narrow form's minimum: some for the clients and the cache, the rest
    /// for the DB.
    readonly property real narrowSurplus: Math.max(0, width - denseWidth)
    /// The dense form's height below its header.
    readonly property real denseBodyHeight: {
        const db = Theme.fontSize * 1.6 + Theme.smallFont * 1.3 + Theme.rowHeight + 10 * scale
        const cluster = Math.round(24 * scale) + db + Math.round(6 * scale)
        return Math.ceil(2 * Math.round(6 * scale) + 4 * scale + 2 * cluster + Math.round(28 * scale))
    }
    readonly property real denseHeight: denseBodyHeight + headerHeight
    readonly property real minimumWidth: narrow ? denseWidth : comfortableWidth
    readonly property real minimumHeight: dense ? denseHeight : comfortableHeight
    /// The cache panel's own minimum: title, command and two entries (or the "off" text).
    readonly property real cacheMinimumHeight: Math.round(Theme.titleFont * 1.4 + Theme.smallFont * 1.4
                                                          + 2 * Theme.rowHeight + 24 * scale)
    /// The legend only shows while it leaves the cache room enough.
    readonly property bool legendShown: bodyHeight - legendHeight - Math.round(12 * scale) >= cacheMinimumHeight

    function clamp(v, lo, hi) {
        return Math.max(lo, Math.min(hi, v))
    }

    function clusterY(cluster) {
        return cluster === 1 ? bodyTop + clusterHeight + clusterGap : bodyTop
    }

    function clusterRect(cluster) {
        return Qt.rect(clusterX, clusterY(cluster), clusterWidth, clusterHeight)
    }

    function contentY(cluster) {
        return clusterY(cluster) + clusterHeaderHeight
    }

    function clientColumns(n) {
        return n > clientRowsMax && clientColumnsMax > 1 ? 2 : 1
    }

    /// How many client slots are shown; when fewer than `n`, the last slot is "+N more".
    function clientCapacity(n) {
        return Math.min(n, clientRowsMax * clientColumns(n))
    }

    function clientRect(i, n) {
        const cols = clientColumns(n)
        const slots = clientCapacity(n)
        const slot = Math.min(i, slots - 1)
        const rows = Math.ceil(slots / cols)
        const h = clamp((bodyHeight - (rows - 1) * gap) / rows, clientMinHeight, clientMaxHeight)
        const total = rows * h + (rows - 1) * gap
        const top = bodyTop + Math.max(0, (bodyHeight - total) / 2)
        const w = (clientsWidth - (cols - 1) * gap) / cols
        const row = cols === 1 ? slot : Math.floor(slot / cols)
        const col = cols === 1 ? 0 : slot % cols
        return Qt.rect(clientsX + col * (w + gap), top + row * (h + gap), w, h)
    }

    function routerRect() {
        const h = Math.round(48 * scale)
        return Qt.rect(routerX, bodyTop + (bodyHeight - h) / 2, routerWidth, h)
    }

    /// Servers of one cluster in a grid: one column while each box keeps room for its name
    /// and a task line, more columns (compact boxes) for many servers.
    function serverColumns(n) {
        for (let cols = 1; cols < 4; ++cols) {
            const rows = Math.ceil(n / cols)
            const minH = Math.round((cols === 1 ? 32 : 24) * scale)
            if ((contentHeight - (rows - 1) * gap) / rows >= minH)
                return cols
        }
        return 4
    }

    function serverRect(cluster, i, n) {
        const cols = serverColumns(n)
        const rows = Math.ceil(n / cols)
        const h = Math.min(Math.round(84 * scale), (contentHeight - (rows - 1) * gap) / rows)
        const total = rows * h + (rows - 1) * gap
        const top = contentY(cluster) + (contentHeight - total) / 2
        const w = (serversWidth - (cols - 1) * gap) / cols
        const row = Math.floor(i / cols)
        const col = i % cols
        return Qt.rect(serversX + col * (w + gap), top + row * (h + gap), w, h)
    }

    function databaseRect(cluster) {
        return Qt.rect(dbX, contentY(cluster), dbWidth, contentHeight)
    }

    function cacheRect() {
        return Qt.rect(cacheX, cacheY, cacheWidth, cacheHeight)
    }

    function nodeRect(kind, cluster, indexInGroup, groupSize) {
        switch (kind) {
        case "client": return clientRect(indexInGroup, groupSize)
        case "router": return routerRect()
        case "server": return serverRect(cluster, indexInGroup, groupSize)
        case "database": return databaseRect(cluster)
        case "cache": return cacheRect()
        }
        return Qt.rect(0, 0, 0, 0)
    }
}
