import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IdemLab

// "?" / F1: what every mark of the scene and the lane timeline means, and the words of the
// field a newcomer meets on screen. Esc, F1 or a click outside closes it.
Popup {
    id: help

    modal: true
    focus: true
    width: Math.min(parent ? parent.width - 2 * Theme.gap : 800, Math.round(900 * Theme.scale))
    height: Math.min(parent ? parent.height - 2 * Theme.gap : 600, Math.round(640 * Theme.scale))
    x: parent ? Math.round((parent.width - width) / 2) : 0
    y: parent ? Math.round((parent.height - height) / 2) : 0
    padding: Theme.gap * 2
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    background: Rectangle {
        color: Theme.panel
        radius: Theme.radius + 2
        border.width: 1
        border.color: Theme.strongBorder
    }

    /// One entry: a mark as it is drawn (a glyph in its colour) and what it means.
    component Entry: RowLayout {
        id: entry
        required property string mark
        required property color markColor
        required property string meaning
        width: list.width
        spacing: Theme.gap
        Text {
            Layout.preferredWidth: Math.round(120 * Theme.scale)
            Layout.alignment: Qt.AlignTop
            text: entry.mark
            color: entry.markColor
            font.pixelSize: Theme.fontSize
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            Layout.fillWidth: true
            text: entry.meaning
            wrapMode: Text.WordWrap
            color: Theme.text
            font.pixelSize: Theme.fontSize
        }
    }
    component Heading: Text {
        width: list.width
        topPadding: Theme.gap
        color: Theme.text
        font.pixelSize: Theme.titleFont
        font.bold: true
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: list.height
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }

        Column {
            id: list
            width: flick.width - Theme.gap
            spacing: Math.round(6 * Theme.scale)

            Heading { text: qsTr("What the marks mean") }
            Entry {
                mark: "POST K1"; markColor: Theme.request
                meaning: qsTr("A filled pill: a request on its way, with its idempotency key (K1).")
            }
            Entry {
                mark: "201 K1"; markColor: Theme.status201
                meaning: qsTr("A hollow pill: a response on its way back. 201 Created: the payment "
                              + "was made now. 200: a replay of the stored response (no new charge). "
                              + "409 Conflict: the same key is still being processed, try later. "
                              + "422: the key was used before with a different body. 400: no key.")
            }
            Entry {
                mark: "▼"; markColor: Theme.anomaly
                meaning: qsTr("Orange triangle on the scrub bar: the moment a duplicate effect "
                              + "happens, a key charged a second time; ▼3: three of them too close "
                              + "together to draw apart (a burst). The small ticks are every "
                              + "moment something happens.")
            }
            Entry {
                mark: "◆"; markColor: Theme.anomaly
                meaning: qsTr("Diamond on a DB lane of the timeline: the ledger row that charged "
                              + "a key again: the double charge.")
            }
            Entry {
                mark: "◷"; markColor: Theme.mutedText
                meaning: qsTr("Clock: a client gave up waiting for a response (its timeout).")
            }
            Entry {
                mark: "✕"; markColor: Theme.anomaly
                meaning: qsTr("Cross: a message was lost on the network (a scripted drop or the "
                              + "loss setting); the arrow stops half way.")
            }
            Entry {
                mark: "✕ DOWN"; markColor: Theme.anomaly
                meaning: qsTr("A crashed server or an unreachable cache: greyed, in a dashed frame, "
                              + "with when it comes back. A replication link broken by ✕ is "
                              + "partitioned: its rows wait and flow after the heal.")
            }
            Entry {
                mark: "▲"; markColor: Theme.status201
                meaning: qsTr("Green triangle on a lane of the timeline: back up. The crashed "
                              + "server restarted, the cache is reachable again, or the "
                              + "replication link healed (✕ marks where it went down).")
            }
            Entry {
                mark: "⟳"; markColor: Theme.text
                meaning: qsTr("Circular arrow on a DB lane of the timeline: a claim older than the "
                              + "lease was taken over (the key row then shows \"gen 2\").")
            }
            Entry {
                mark: "⊘"; markColor: Theme.anomaly
                meaning: qsTr("Barred circle on a DB lane: a fenced write, refused because its "
                              + "claim's generation is stale.")
            }
            Entry {
                mark: "⌛"; markColor: Theme.text
                meaning: qsTr("Hourglass on a DB lane: the reaper deleted a key at the end of its "
                              + "time-to-live (the row stays greyed, \"expired\", until claimed again).")
            }
            Entry {
                mark: "——→"; markColor: Theme.request
                meaning: qsTr("Solid arrow: a request, or a query from a server to a DB or the "
                              + "cache. Dashed arrow (- - -): a response or a query's result, in "
                              + "the colour of its status.")
            }
            Entry {
                mark: "–·–·→"; markColor: Theme.statusOther
                meaning: qsTr("Dot-dash: replication copying a row from one cluster's DB to the "
                              + "other's. Dotted pink: a replicated row that conflicts with one "
                              + "already there.")
            }
            Entry {
                mark: "faded"; markColor: Theme.border
                meaning: qsTr("Faded arrows are what has not happened yet: right of the playhead.")
            }
            Entry {
                mark: "▬"; markColor: Theme.request
                meaning: qsTr("Grey bar on a server lane: the business operation (the side effect) "
                              + "running. Orange line above it: the server holds the key's lock; "
                              + "dotted: it waits for the lock.")
            }
            Entry {
                mark: "//  +59.7 s"; markColor: Theme.mutedText
                meaning: qsTr("Broken axis: an idle stretch longer than 40 ms is drawn as 40 ms "
                              + "and marked // with a dotted line; the label says how much time was "
                              + "skipped. Playback crosses such a gap in at most a second.")
            }
            Entry {
                mark: "(+2)"; markColor: Theme.text
                meaning: qsTr("At the end of a box's last line: the box shows its newest lines of "
                              + "activity; two earlier ones (older requests) did not fit.")
            }

            Heading { text: qsTr("Mouse and keys on the scene") }
            Entry {
                mark: qsTr("click"); markColor: Theme.text
                meaning: qsTr("On a client: it sends its last request again now, with the same "
                              + "key. Shift+click or right-click: with a new key.")
            }
            Entry {
                mark: qsTr("right-click"); markColor: Theme.anomaly
                meaning: qsTr("On a server, the shared cache or the replication line: inject a "
                              + "fault at the playhead (crash now or after its next step, restart, "
                              + "cache down, partition, drop or duplicate the next request or "
                              + "the next replication message). The "
                              + "fault joins the scenario and the run is computed again.")
            }
            Entry {
                mark: "Ctrl+Z"; markColor: Theme.text
                meaning: qsTr("Undo the last change to the scenario (a fault injected, a request "
                              + "sent, an edit in the editor): the run is the one before it. "
                              + "Ctrl+Shift+Z or Ctrl+Y redoes it.")
            }
            Entry {
                mark: "Ctrl+Shift+E"; markColor: Theme.request
                meaning: qsTr("The scenario editor, beside the scene: clients and their region, "
                              + "requests (time, key, amount, cluster or server, client), drops "
                              + "and faults, each change run at once with the playhead kept. Drag "
                              + "a ◆ on the timeline to send a request at another time. Ctrl+S "
                              + "saves a scenario file (the CLI runs it, the app opens it), "
                              + "Ctrl+Shift+S saves as; New scenario is in the ☰ menu; Esc closes.")
            }
            Entry {
                mark: "Ctrl+Shift+A"; markColor: Theme.live
                meaning: qsTr("Attach to clusters running elsewhere (idemlab-cli serve, on this "
                              + "machine or others; also idemlab --attach URL...): type each "
                              + "cluster's http://HOST:PORT, see each one up, connecting or down "
                              + "and why, and detach. The scene animates what they stream; a "
                              + "cluster that goes away is shown down and reconnected when back; "
                              + "the record stays after detaching for scrubbing and export.")
            }
            Entry {
                mark: "Ctrl+F"; markColor: Theme.anomaly
                meaning: qsTr("Find a failure: runs the scenario on screen on many seeds and with "
                              + "small random changes (timing, jitter, loss, faults) until one run "
                              + "breaks what you pick (a double charge, a stuck key, a key "
                              + "collision), then shrinks it to the smallest scenario that still "
                              + "fails and shows it here. Finding nothing is no proof of safety.")
            }
            Entry {
                mark: "Ctrl+Shift+W"; markColor: Theme.anomaly
                meaning: qsTr("Sweep a setting: runs the scenario on screen many times at each value "
                              + "of a setting (and of a second one), each run on another seed, and "
                              + "plots how often a run shows an anomaly, with its 95 % interval. "
                              + "Point at a dot for its numbers; click it to open a failing run.")
            }
            Entry {
                mark: "Ctrl+Shift+C"; markColor: Theme.accentText
                meaning: qsTr("Compare two settings: the scenario on screen runs twice on its seed, "
                              + "each side with overrides of its own typed as idemlab-cli takes them "
                              + "(--mutex on --lag-ms 300; Enter re-runs that side only; the toolbar "
                              + "sets what both share). Both timelines stack on one axis and one "
                              + "playhead, ◆ marks where the two logs first differ and J jumps there; "
                              + "the scene shows one side (Ctrl+← / Ctrl+→). Ctrl+Shift+C again "
                              + "returns to one run with the left side's settings.")
            }
            Entry {
                mark: "L"; markColor: Theme.accentText
                meaning: qsTr("Lesson mode: the preset's guided tour. Page Down (a presentation "
                              + "clicker) runs to the next step and stops there, Page Up goes back, "
                              + "Q asks the step's question and then shows its answer.")
            }
            Entry {
                mark: qsTr("click a key"); markColor: Theme.accentText
                meaning: qsTr("A key's life: click a key row in a DB table or an entry of the shared "
                              + "cache, and the key's state over the whole run (absent, CREATED, "
                              + "CONSUMED, replicated, taken over, expired) in DB A, DB B and the cache "
                              + "takes the lane timeline's place, with the requests that carried it and "
                              + "the ledger rows it caused. Click a lane to go there; Esc closes.")
            }
            Entry {
                mark: qsTr("Why it matters"); markColor: Theme.mutedText
                meaning: qsTr("The second line under the caption: why the event at the playhead "
                              + "matters (why a 400, why the shared cache, what to do after a 409).")
            }

            Heading { text: qsTr("Words on the screen") }
            Entry {
                mark: qsTr("key"); markColor: Theme.accentText
                meaning: qsTr("Idempotency key (K1): a name the client gives a payment, so a retry "
                              + "of the same payment can be recognised and not charged twice.")
            }
            Entry {
                mark: "CREATED"; markColor: Theme.created
                meaning: qsTr("The key's row in the DB: a server claimed the key and is making the "
                              + "payment. CONSUMED: the payment is done and its response stored, so "
                              + "a repeat gets that response back (200) instead of a new charge.")
            }
            Entry {
                mark: qsTr("ledger"); markColor: Theme.text
                meaning: qsTr("The table of charges actually made: one row per payment. Two rows "
                              + "for one key are a double charge.")
            }
            Entry {
                mark: "SQLite"; markColor: Theme.text
                meaning: qsTr("The database each cluster uses: a real SQLite database, run by the "
                              + "app, not a picture of one.")
            }
            Entry {
                mark: "SET NX PX"; markColor: Theme.text
                meaning: qsTr("The shared cache's command (as in Redis): SET the key to CREATED only "
                              + "if it is Not there yet (NX), expiring after the TTL (PX). One atomic "
                              + "step, so only one server in any cluster wins the key.")
            }
            Entry {
                mark: "TTL 24 h"; markColor: Theme.text
                meaning: qsTr("Time to live: how long the cache remembers a key before forgetting "
                              + "it; a retry after that is treated as a new payment.")
            }
            Entry {
                mark: qsTr("replication"); markColor: Theme.text
                meaning: qsTr("Each cluster's DB copies its rows to the other's after the lag; "
                              + "until then a cluster does not know the other's keys.")
            }
            Entry {
                mark: qsTr("mutex"); markColor: Theme.text
                meaning: qsTr("A lock per key inside one cluster: a second request with the same key "
                              + "waits (or gets 409) while the first is processed. It cannot span "
                              + "clusters.")
            }
            Entry {
                mark: "Live"; markColor: Theme.live
                meaning: qsTr("Live mode: the servers really run on this computer and answer HTTP "
                              + "requests (for example from curl); the scene shows them as they come.")
            }
            Entry {
                mark: qsTr("alice → bob"); markColor: Theme.text
                meaning: qsTr("The accounts a payment moves money between (the presets' accounts A "
                              + "and B), named so they are not confused with clusters A and B.")
            }
        }
    }
}
