import QtQuick
import QtQuick.Shapes

// The network drawn under the nodes: clients to the router, the router to every server,
// each server to its cluster's DB (solid), and each server to the shared cache (dashed,
// fainter while the cache is off).
Shape {
    id: edges

    /// The scene's node items (SceneNode), by node index.
    property var nodes: []
    property bool cacheOn: false
    /// Live: the client reaches each cluster's server straight (one port per cluster) and
    /// the router carries nothing, so its links are not drawn.
    property bool direct: false
    /// The two cluster frames' rectangles: the cache links leave from their right edges.
    property var clusterRects: []

    function centre(n) {
        return Qt.point(n.x + n.width / 2, n.y + n.height / 2)
    }

    function build(wantCache) {
        const list = nodes
        let router = null
        const db = {}
        let cache = null
        for (const n of list) {
            if (!n)
                continue
            if (n.kind === "router") router = n
            else if (n.kind === "database") db[n.cluster] = n
            else if (n.kind === "cache") cache = n
        }
        const paths = []
        const seen = {}
        const viaRouter = edges.direct ? null : router
        for (const n of list) {
            if (!n)
                continue
            if (n.kind === "client" && edges.direct && !wantCache) {
                for (const s of list)
                    if (s && s.kind === "server")
                        paths.push([centre(n), centre(s)])
            } else if (n.kind === "client" && viaRouter && !wantCache) {
                const key = n.x + "," + n.y
                if (seen[key])
                    continue
                seen[key] = true
                paths.push([centre(n), centre(router)])
            } else if (n.kind === "server" && !wantCache) {
                if (viaRouter)
                    paths.push([centre(viaRouter), centre(n)])
                if (db[n.cluster])
                    paths.push([centre(n), centre(db[n.cluster])])
            }
        }
        if (wantCache && cache) {
            for (const r of clusterRects)
                paths.push([Qt.point(r.x + r.width, r.y + r.height / 2), centre(cache)])
        }
        return paths
    }

    ShapePath {
        strokeColor: Theme.link
        strokeWidth: Math.max(1.5, 1.5 * Theme.scale)
        fillColor: "transparent"
        PathMultiline { paths: edges.build(false) }
    }
    ShapePath {
        strokeColor: edges.cacheOn ? Theme.link : Theme.wash(Theme.link, 0.5)
        strokeWidth: Math.max(1.5, 1.5 * Theme.scale)
        strokeStyle: ShapePath.DashLine
        dashPattern: [4, 4]
        fillColor: "transparent"
        PathMultiline { paths: edges.build(true) }
    }
}
