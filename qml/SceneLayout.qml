import QtQuick

// Where everything in the scene goes, from the scene's size alone: columns for the clients,
// the router, the two stacked clusters and the cache, and a rectangle for any node from its
// kind, cluster, index in its group and group size. Pure geometry; no drawing.
QtObject {
    id: layout

    /// A node item moved or resized (the scene recomputes the message paths).
    signal nodeMoved()

    property real width: 800
    property real height: 400
    property real scale: 1
    /// Height of the strip above the nodes (scenario title or the anomaly banner).
    property real headerHeight: 40
    /// Height the legend needs under the cache, with its words and with its pills only.
    property real legendFullHeight: 60
    property real legendCompactHeight: 30
    /// The full legend leaves the cache room enough; else the compact one stands in.
    readonly property bool legendFullFits: bodyHeight - legendFullHeight - Math.round(12 * scale) >= cacheMinimumHeight
    readonly property real legendHeight: legendFullFits ? legendFullHeight : legendCompactHeight

    readonly property real pad: Math.round(12 * scale)
    readonly property real gap: Math.round(6 * scale)
    readonly property real linkGap: clamp(width * 0.035, 26 * scale, 70 * scale)

    readonly property real headerY: pad
    readonly property real bodyTop: pad + headerHeight + Math.round(10 * scale)
    readonly property real bodyBottom: height - pad
    readonly property real bodyHeight: Math.max(60, bodyBottom - bodyTop)

    readonly property real clientsX: pad
    readonly property real clientsWidth: clamp(width * 0.115, 104 * scale, 200 * scale)
    readonly property real routerWidth: clamp(width * 0.07, 78 * scale, 130 * scale)
    readonly property real routerX: clientsX + clientsWidth + linkGap
    readonly property real cacheWidth: clamp(width * 0.19, 200 * scale, 340 * scale)
    readonly property real cacheX: width - pad - cacheWidth
    readonly property real clusterX: routerX + routerWidth + linkGap
    readonly property real clusterWidth: Math.max(100, cacheX - linkGap - clusterX)
    readonly property real clusterGap: Math.round(30 * scale)
    readonly property real clusterHeight: Math.max(40, (bodyHeight - clusterGap) / 2)
    readonly property real clusterHeaderHeight: Math.round(30 * scale)
    readonly property real clusterPad: Math.round(10 * scale)

    readonly property real serversX: clusterX + clusterPad
    readonly property real serversWidth: clamp(clusterWidth * 0.2, 110 * scale, 210 * scale)
    // Wide enough for a query result ("CONSUMED") to sit between a server and its DB.
    readonly property real dbX: serversX + serversWidth + clamp(clusterWidth * 0.16, 92 * scale, 150 * scale)
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

    /// The smallest scene that holds everything at this text scale; a smaller view scales
    /// the whole scene down (like a slide) instead of letting boxes overlap.
    readonly property real minimumWidth: Math.round(1100 * scale)
    readonly property real minimumHeight: {
        // A DB panel with its header, the table headings and two rows.
        const db = Theme.fontSize * 1.6 + Theme.smallFont * 1.3 + 2 * Theme.rowHeight + 14 * scale
        const cluster = clusterHeaderHeight + db + clusterPad
        return Math.ceil(2 * pad + headerHeight + 10 * scale + 2 * cluster + clusterGap)
    }
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
