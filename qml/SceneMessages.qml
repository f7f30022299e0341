import QtQuick
import QtQuick.Controls.Basic
import IdemLab

// The messages in flight, above every node: a labelled token each (MessageToken), or, in a
// crowd, one C++ layer of coloured dots; the fall of a lost message; replications counted
// into one token; and one hover handler that highlights the event of the token under the
// pointer, here and in the timeline, with a tooltip naming its two ends.
Item {
    id: messages

    required property SimulationController controller
    required property MessagePaths paths

    /// The token under the mouse, for the shared tooltip.
    property Item hoveredToken: null

    /// Past ~60 messages in flight labels only pile up into noise (and cost a text layout
    /// each): messages become coloured dots until the crowd thins out again.
    property bool denseMessages: false
    function countMessages() {
        const n = controller.models.messages.rowCount()
        if (!denseMessages && n > 60)
            denseMessages = true
        else if (denseMessages && n < 40)
            denseMessages = false
    }
    Connections {
        target: messages.controller.models.messages
        function onModelReset() { messages.countMessages() }
        function onRowsInserted() { messages.countMessages() }
        function onRowsRemoved() { messages.countMessages() }
    }

    /// Replications in flight, by event index: with more than one, the first token says
    /// how many rows are replicating and the others hide, instead of piling up.
    property var replicationEvents: []
    function addReplication(eventIndex) {
        if (replicationEvents.indexOf(eventIndex) < 0)
            replicationEvents = replicationEvents.concat([eventIndex])
    }
    function removeReplication(eventIndex) {
        replicationEvents = replicationEvents.filter(e => e !== eventIndex)
    }
    readonly property int leadReplication: replicationEvents.length > 0
                                           ? Math.min.apply(null, replicationEvents) : -1

    /// The tokens on each link (either way), by slot: a token takes the first free slot of
    /// its link when it sets out and keeps it while in flight, so the n-th message on a
    /// link rides in a lane of its own (MessagePaths.laneOffset) that does not jump when
    /// another message arrives or leaves. Entries: {event, lo, hi, w, h, side, fits}; null:
    /// a free slot.
    property var linkSlots: ({})
    property int slotRevision: 0
    function linkKey(from, to) {
        return Math.min(from, to) * 4096 + Math.max(from, to)
    }
    /// Takes (or updates) the slot of message `eventIndex` on its link. `side`: where it
    /// sits beside a line too short for it (+1 or -1 times the normal of the link from its
    /// lower to its higher node); `fits`: whether it rides on its line instead.
    function takeSlot(from, to, eventIndex, w, h, side, fits) {
        const key = linkKey(from, to)
        const slots = linkSlots[key] || []
        let i = slots.findIndex(s => s !== null && s.event === eventIndex)
        if (i < 0)
            i = slots.indexOf(null)
        if (i < 0)
            i = slots.length
        const old = slots[i]
        if (old && old.w === w && old.h === h && old.side === side && old.fits === fits)
            return
        slots[i] = { event: eventIndex, lo: Math.min(from, to), hi: Math.max(from, to),
                     w: w, h: h, side: side, fits: fits }
        linkSlots[key] = slots
        Qt.callLater(placeAgain)
    }
    /// Tokens come in crowds (a burst sends tens at once): the places are worked out again
    /// once for all of them, not once per token.
    function placeAgain() {
        ++slotRevision
    }
    function releaseSlot(from, to, eventIndex) {
        const slots = linkSlots[linkKey(from, to)]
        const i = slots ? slots.findIndex(s => s !== null && s.event === eventIndex) : -1
        if (i < 0)
            return
        slots[i] = null
        while (slots.length > 0 && slots[slots.length - 1] === null)
            slots.pop()
        Qt.callLater(placeAgain)
    }
    /// How far across its line the token of `eventIndex` rides (MessagePaths.laneOffset).
    function laneOf(l, from, to, eventIndex, rev) {
        const slots = linkSlots[linkKey(from, to)]
        const slot = slots ? slots.findIndex(s => s !== null && s.event === eventIndex) : -1
        if (slot <= 0)
            return 0
        let w = 0
        let h = 0
        for (const s of slots) {
            if (s !== null) {
                w = Math.max(w, s.w)
                h = Math.max(h, s.h)
            }
        }
        return paths.laneOffset(l, slot, w, h, from < to)
    }
    /// Where the token of `eventIndex` sits beside a line too short for it (null: nowhere,
    /// it is a dot). Every such token of the scene is placed in event order, each clear of
    /// those before it (two answers on two short links may want the same free spot): one
    /// pass per change, kept in a plain object (no property is written while bindings read).
    readonly property var besideCache: ({ key: "", places: {} })
    function besideOf(eventIndex, rev, geometryRev) {
        const cache = besideCache
        // Everything besidePosition reads, so every token's binding depends on it all.
        const key = [rev, geometryRev, paths.stageWidth, paths.stageHeight, paths.legendShown,
                     Theme.scale].join("/")
        if (cache.key !== key) {
            const entries = []
            for (const key in linkSlots)
                for (const s of linkSlots[key])
                    if (s !== null && !s.fits)
                        entries.push(s)
            entries.sort((a, b) => a.event - b.event)
            const places = {}
            const taken = []
            for (const s of entries) {
                const line = paths.link(s.lo, s.hi, geometryRev)
                const p = line ? paths.besidePosition(line, s.w, s.h, s.side, geometryRev, taken)
                               : null
                places[s.event] = p
                if (p)
                    taken.push(Qt.rect(p.x - s.w / 2, p.y - s.h / 2, s.w, s.h))
            }
            cache.key = key
            cache.places = places
        }
        const p = cache.places[eventIndex]
        return p === undefined ? null : p
    }

    /// One shared fall (0..1) for lost messages; restarted for each new lost message only,
    /// as its token is recreated whenever the set of messages in flight changes.
    property real fallPhase: 1
    property int fallingEvent: -1
    NumberAnimation {
        id: fallAnimation
        target: messages
        property: "fallPhase"
        from: 0
        to: 1
        duration: 700
        easing.type: Easing.OutQuad
    }
    function startFall(eventIndex) {
        if (eventIndex === fallingEvent)
            return
        fallingEvent = eventIndex
        fallAnimation.restart()
    }

    property int hoveredEvent: -1
    function hoverAt(p) {
        let token = null
        if (denseMessages && p.x >= 0) {
            const m = dotLayer.messageAt(p)
            if (m.eventIndex !== undefined) {
                dotProxy.eventIndex = m.eventIndex
                dotProxy.label = m.label
                dotProxy.from = m.from
                dotProxy.to = m.to
                dotProxy.x = m.x - dotProxy.width / 2
                dotProxy.y = m.y - dotProxy.height / 2
                token = dotProxy
            }
        }
        for (let i = tokenLayer.children.length - 1; i >= 0 && p.x >= 0 && !denseMessages; --i) {
            const t = tokenLayer.children[i]
            if (t !== dotProxy && t.visible && t.eventIndex !== undefined && p.x >= t.x && p.x <= t.x + t.width
                    && p.y >= t.y && p.y <= t.y + t.height) {
                token = t
                break
            }
        }
        hoveredToken = token
        const event = token ? token.eventIndex : -1
        if (event !== hoveredEvent) {
            if (event >= 0 || controller.playback.highlightedEvent === hoveredEvent)
                controller.playback.highlightedEvent = event
            hoveredEvent = event
        }
    }
    // Tokens are recreated as messages come and go: find the one under a still pointer again.
    onHoveredTokenChanged: if (!hoveredToken && tokenHover.hovered) Qt.callLater(rehover)
    function rehover() {
        hoverAt(tokenHover.point.position)
    }

    Item {
        id: tokenLayer
        anchors.fill: parent
        Repeater {
            id: labelledTokens
            model: messages.denseMessages ? null : messages.controller.models.messages
            delegate: MessageToken {
                view: messages
                paths: messages.paths
                controller: messages.controller
            }
        }
        // A crowd is drawn by one C++ item: hundreds of QML items would not keep up.
        MessageLayer {
            id: dotLayer
            anchors.fill: parent
            visible: messages.denseMessages
            model: messages.denseMessages ? messages.controller.models.messages : null
            nodeRects: messages.paths.nodeRects(messages.paths.geometryRevision)
            databaseNodes: messages.paths.databaseNodes(messages.paths.geometryRevision)
            replicationGap: {
                const upper = messages.paths.layout.clusterRect(0)
                const lower = messages.paths.layout.clusterRect(1)
                return Qt.rect(upper.x, upper.y + upper.height, upper.width,
                               lower.y - upper.y - upper.height)
            }
            statusColors: ({ "0": Theme.request, "200": Theme.status200,
                             "201": Theme.status201, "400": Theme.status400,
                             "409": Theme.status409, "422": Theme.status422,
                             "other": Theme.statusOther })
            hollowColor: Theme.panel
            highlightColor: Theme.accent
            highlightedEvent: messages.controller.playback.highlightedEvent
            dotSize: Math.round(11 * Theme.scale)
        }
        // Stands in for a dot under the pointer, so the tooltip has an item to sit on.
        Item {
            id: dotProxy
            property int eventIndex: -1
            property string label
            property int from: -1
            property int to: -1
            width: dotLayer.dotSize
            height: width
        }

        // One hover handler for all tokens (cheaper than one per token): the token under
        // the pointer highlights its event, here and in the timeline.
        HoverHandler {
            id: tokenHover
            onPointChanged: messages.hoverAt(point.position)
            onHoveredChanged: if (!hovered) messages.hoverAt(Qt.point(-1, -1))
        }
    }

    ToolTip {
        parent: messages.hoveredToken ? messages.hoveredToken : messages
        visible: messages.hoveredToken !== null
        delay: 300
        text: messages.hoveredToken
              ? qsTr("%1: %2 → %3").arg(messages.hoveredToken.label)
                    .arg(messages.paths.nodeName(messages.hoveredToken.from))
                    .arg(messages.paths.nodeName(messages.hoveredToken.to))
              : ""
    }
}
