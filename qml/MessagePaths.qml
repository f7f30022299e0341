import QtQuick

// Where a message travels: the straight line between two nodes' boxes, where a token of a
// given size sits on it at some progress, and where one that does not fit between the boxes
// can sit beside it instead. Pure geometry over the node items the scene placed (from
// SceneLayout); the message layer draws the tokens.
QtObject {
    id: paths

    /// The scene's node items, by node index.
    required property Repeater nodes
    required property SceneLayout layout
    /// The stage's size: a token never leaves it.
    property real stageWidth: 0
    property real stageHeight: 0
    /// The legend's box, while it is shown: a token beside its line never covers it.
    property bool legendShown: false

    /// Bumped when node items come and go, so bindings that look nodes up re-run.
    property int revision: 0

    /// The straight line a message travels from node `from` to node `to`: between the two
    /// boxes' edges, with its direction. Cached per link (hundreds of tokens share a few
    /// links) and recomputed when the layout changes.
    property var linkCache: ({})
    property int geometryRevision: 0
    function invalidateLinks() {
        linkCache = {}
        ++geometryRevision
    }
    property Connections layoutMoves: Connections {
        target: paths.layout
        function onNodeMoved() { paths.invalidateLinks() }
    }
    onRevisionChanged: invalidateLinks()

    function nodeName(index) {
        const n = nodes.itemAt(index)
        return n ? n.name : ""
    }

    function link(from, to, rev) {
        const key = from * 4096 + to
        let l = linkCache[key]
        if (l)
            return l
        const source = nodes.itemAt(from)
        const target = nodes.itemAt(to)
        if (!source || !target)
            return null
        const ca = Qt.point(source.x + source.width / 2, source.y + source.height / 2)
        const cb = Qt.point(target.x + target.width / 2, target.y + target.height / 2)
        const a = exitPoint(source, cb)
        const b = exitPoint(target, ca)
        // Replication (DB to DB across the clusters) rides in the gap between the two
        // cluster frames only, on the side of the line away from its "lag" label, so a
        // row waiting out a long lag is parked off both frames.
        const across = source.kind === "database" && target.kind === "database"
                && source.cluster !== target.cluster
        if (across) {
            const upper = layout.clusterRect(Math.min(source.cluster, target.cluster))
            const lower = layout.clusterRect(Math.max(source.cluster, target.cluster))
            const top = upper.y + upper.height
            const bottom = lower.y
            a.y = source.cluster < target.cluster ? top : bottom
            b.y = source.cluster < target.cluster ? bottom : top
        }
        const len = Math.hypot(b.x - a.x, b.y - a.y)
        l = { ax: a.x, ay: a.y, bx: b.x, by: b.y, len: len, parked: across,
              ux: len > 0 ? (b.x - a.x) / len : 1, uy: len > 0 ? (b.y - a.y) / len : 0 }
        linkCache[key] = l
        return l
    }

    /// Where a token of size w×h is at `progress` along link `l`: it starts and stops just
    /// outside the two boxes so it never hides a node's text; requests ride on one side of
    /// the line, responses on the other, so a request and its answer never cover each other.
    /// `lane`: how far the token is moved off its usual place across the line, in units
    /// of the normal of the link from its lower to its higher node (laneOffset).
    function tokenPosition(l, progress, response, w, h, lane) {
        if (!l)
            return Qt.point(-1000, -1000)
        const extent = tokenExtent(l, w, h)
        const t = l.len > 2 * extent ? Math.max(0, Math.min(1, progress)) : 0.5
        const shorten = l.len > 2 * extent ? extent : 0
        const ax = l.ax + l.ux * shorten
        const ay = l.ay + l.uy * shorten
        const bx = l.bx - l.ux * shorten
        const by = l.by - l.uy * shorten
        // A parked replication sits wholly left of its (vertical) line.
        const side = (l.parked ? Math.sign(l.uy) * (w / 2 + 6 * Theme.scale)
                               : sideOf(l, response, t) * h * 0.6) + (lane || 0)
        return Qt.point(ax + (bx - ax) * t - l.uy * side, ay + (by - ay) * t + l.ux * side)
    }

    /// The lane of the token in `slot` on link `l` (slot 0: on its usual side; 1, 2, …:
    /// alternately on either side of it, further out each pair), so that tokens sharing a
    /// link never cover each other, wherever each is along it. `w`×`h`: the largest token on
    /// the link. `forward`: l runs from the lower to the higher node index.
    function laneOffset(l, slot, w, h, forward) {
        if (!l || slot <= 0 || l.parked)
            return 0
        // Across a slanted line two tokens clear each other once apart by their width
        // sideways or their height up and down, whichever comes first; a token's own side
        // (±0.6 h) is added on top, so the lanes clear any token's usual place too.
        const ax = Math.abs(l.ux)
        const ay = Math.abs(l.uy)
        const across = Math.min(ay > 0.01 ? w / ay : Infinity, ax > 0.01 ? h / ax : Infinity)
        const spacing = across + 1.2 * h + Math.round(3 * Theme.scale)
        const lane = (slot % 2 === 1 ? 1 : -1) * Math.ceil(slot / 2) * spacing
        return forward ? lane : -lane
    }

    /// Which side of link `l` a token rides on at `progress` (+1 or -1 times the line's
    /// normal, or in between): away from the other links at the end it is near, so two
    /// answers leaving the router for two clients spread apart, and so do two queries
    /// arriving at one DB (it crosses its line halfway). Level and upright lines: requests
    /// on one side, responses on the other.
    function sideOf(l, response, progress) {
        const product = l.ux * l.uy
        if (Math.abs(product) > 0.02)
            return (product > 0 ? 1 : -1) * Math.max(-1, Math.min(1, 1 - 2 * progress))
        return response ? 1 : -1
    }

    /// Where a w×h token at `progress` on link `l` in `lane` goes so that it covers no box
    /// or title: its place, or mirrored across the line, or its usual place; where the line
    /// itself runs over another node's box (a server's line to the router passing the
    /// server below it), the nearest place along the line that is clear.
    function clearPosition(l, progress, response, w, h, lane, rev) {
        if (!l)
            return Qt.point(-1000, -1000)
        const rects = obstacleRects(rev)
        const hits = p => rects.some(r => p.x + w / 2 > r.x && p.x - w / 2 < r.x + r.width
                                     && p.y + h / 2 > r.y && p.y - h / 2 < r.y + r.height)
        // Across to the other side of the line: the usual side is sideOf × 0.6 h.
        const mirrored = -2 * sideOf(l, response, Math.max(0, Math.min(1, progress))) * h * 0.6
        const candidates = lane === 0 ? [0, mirrored] : [lane, -lane, 0, mirrored]
        for (const candidate of candidates) {
            const p = tokenPosition(l, progress, response, w, h, candidate)
            if (!hits(p))
                return p
        }
        for (let d = 0.04; d <= 1; d += 0.04) {
            for (const q of [progress + d, progress - d]) {
                if (q < 0 || q > 1)
                    continue
                for (const candidate of [0, mirrored]) {
                    const p = tokenPosition(l, q, response, w, h, candidate)
                    if (!hits(p))
                        return p
                }
            }
        }
        return tokenPosition(l, progress, response, w, h, lane)
    }

    /// How far (down, or up where that is clear) a lost w×h token falls from `p`: as far as
    /// `distance` where it then covers no box or title, tilted as it falls (25°), else
    /// less; 0 where every fall would cover one.
    function fallOffset(p, w, h, distance, rev) {
        const rects = obstacleRects(rev)
        // The box of the token turned by 25°.
        const bw = 0.91 * w + 0.42 * h
        const bh = 0.42 * w + 0.91 * h
        for (const d of [distance, -distance, distance / 2, -distance / 2]) {
            const cy = p.y + d
            if (!rects.some(r => p.x + bw / 2 > r.x && p.x - bw / 2 < r.x + r.width
                            && cy + bh / 2 > r.y && cy - bh / 2 < r.y + r.height))
                return d
        }
        return 0
    }

    /// Half a w×h token's length along link `l`, plus a margin.
    function tokenExtent(l, w, h) {
        return Math.abs(l.ux) * w / 2 + Math.abs(l.uy) * h / 2 + 2
    }

    /// Whether a w×h token fits between the two boxes of link `l`; one that does not is
    /// drawn as a small dot (its label in the tooltip) instead of covering the boxes' titles.
    function tokenFits(l, w, h) {
        return l !== null && l.len > 2 * tokenExtent(l, w, h)
    }

    /// Where a w×h token that does not fit between the boxes of link `l` can sit whole
    /// instead: beside the middle of its line, pushed out sideways until it clears both
    /// boxes, on the side `preferred` (+1 or -1 times the line's normal) first, and only
    /// where it covers no box, cluster title or the header. null: nowhere (it becomes a dot).
    /// `taken`: the boxes of the tokens already placed beside this line, kept clear too.
    function besidePosition(l, w, h, preferred, rev, taken) {
        if (!l || l.parked)
            return null
        const margin = Math.round(3 * Theme.scale)
        const obstacles = obstacleRects(rev).concat(taken || [])
        const clear = (cx, cy) => {
            if (cx - w / 2 < 0 || cy - h / 2 < 0 || cx + w / 2 > stageWidth || cy + h / 2 > stageHeight)
                return false
            for (const r of obstacles) {
                if (cx + w / 2 + margin > r.x && cx - w / 2 - margin < r.x + r.width
                        && cy + h / 2 + margin > r.y && cy - h / 2 - margin < r.y + r.height)
                    return false
            }
            return true
        }
        const mx = (l.ax + l.bx) / 2
        const my = (l.ay + l.by) / 2
        const step = Math.max(2, Math.round(3 * Theme.scale))
        for (const side of [preferred, -preferred]) {
            const nx = -l.uy * side
            const ny = l.ux * side
            for (let d = h / 2 + margin; d <= 6 * h + w; d += step) {
                if (clear(mx + nx * d, my + ny * d))
                    return Qt.point(mx + nx * d, my + ny * d)
            }
        }
        return null
    }

    /// What a token moved off its line must not cover: every node's box, the header, the
    /// two cluster titles and, while shown, the legend.
    function obstacleRects(rev) {
        // Worked out once per layout (every token asks, every frame).
        const cache = obstacleCache
        if (cache.rects && cache.revision === rev && cache.legend === legendShown)
            return cache.rects
        const obstacles = nodeRects(rev).concat([
            Qt.rect(0, 0, stageWidth, layout.bodyTop),
            Qt.rect(layout.clusterX, layout.clusterY(0), layout.clusterWidth, layout.clusterHeaderHeight),
            Qt.rect(layout.clusterX, layout.clusterY(1), layout.clusterWidth, layout.clusterHeaderHeight)])
        if (legendShown)
            obstacles.push(layout.legendRect)
        // Kept in the fields of one object, not in properties: a binding that asks must not
        // depend on the cache it fills.
        cache.rects = obstacles
        cache.revision = rev
        cache.legend = legendShown
        return obstacles
    }
    readonly property var obstacleCache: ({})

    /// Every node's box, by node index, for the C++ message layer.
    function nodeRects(rev) {
        const rects = []
        for (let i = 0; i < nodes.count; ++i) {
            const n = nodes.itemAt(i)
            rects.push(n ? Qt.rect(n.x, n.y, n.width, n.height) : Qt.rect(0, 0, 0, 0))
        }
        return rects
    }

    /// The node indices of the databases, for the message layer's replications.
    function databaseNodes(rev) {
        const list = []
        for (let i = 0; i < nodes.count; ++i) {
            const n = nodes.itemAt(i)
            if (n && n.kind === "database")
                list.push(i)
        }
        return list
    }

    /// Where a ray from the centre of rectangle `r` towards point `p` leaves it.
    function exitPoint(r, p) {
        const cx = r.x + r.width / 2
        const cy = r.y + r.height / 2
        const dx = p.x - cx
        const dy = p.y - cy
        if (dx === 0 && dy === 0)
            return Qt.point(cx, cy)
        const sx = dx !== 0 ? (r.width / 2) / Math.abs(dx) : Infinity
        const sy = dy !== 0 ? (r.height / 2) / Math.abs(dy) : Infinity
        const s = Math.min(sx, sy, 1)
        return Qt.point(cx + dx * s, cy + dy * s)
    }
}
