import QtQuick
import IdemLab

// The shared cache both clusters can claim keys in (think Redis): its entries when it is
// on; when it is off, a dashed, muted panel that says what switching it on would change.
// While it is down (unreachable): "✕ DOWN" in a dashed frame, when it comes back, and its
// entries greyed, not hidden: the data is still there when it answers again.
Rectangle {
    id: cache

    property bool on: false
    property CacheModel entries
    property bool busy: false
    property bool hovered: false
    property bool down: false
    property string backText

    readonly property real inset: Math.round(10 * Theme.scale)

    radius: Theme.radius
    color: "transparent"
    border.width: on && !down ? (busy ? Math.max(2, Math.round(2 * Theme.scale)) : 1) : 0
    border.color: busy ? Theme.accent : Theme.strongBorder

    PanelFill { color: cache.down ? Theme.panelAlt : cache.on ? Theme.panel : Theme.cacheOffFill }

    DashedFrame {
        anchors.fill: parent
        visible: !cache.on || cache.down
        color: cache.down ? Theme.anomaly : Theme.cacheAccent
        lineWidth: cache.down ? Math.max(2, 2 * Theme.scale) : Math.max(1.5, 1.5 * Theme.scale)
    }

    Column {
        id: head
        x: cache.inset
        y: cache.inset * 0.7
        width: cache.width - 2 * cache.inset
        spacing: Math.round(2 * Theme.scale)

        Row {
            spacing: Math.round(8 * Theme.scale)
            Text {
                id: title
                width: Math.min(implicitWidth, head.width - (cache.down ? downBadge.width : statePill.width) - parent.spacing)
                elide: Text.ElideRight
                text: qsTr("Shared cache")
                color: cache.on ? Theme.text : Theme.mutedText
                font.pixelSize: Theme.titleFont
                font.bold: true

                HoverHandler { id: titleHover }
                SceneTip {
                    shown: titleHover.hovered
                    text: qsTr("Shared cache: one small, fast key store (think Redis) that both clusters can reach. With it on, a server claims a key here before it touches its own database, so the other cluster sees the claim at once instead of after the replication lag.")
                }
            }
            DownBadge {
                id: downBadge
                visible: cache.down
                anchors.verticalCenter: title.verticalCenter
            }
            Rectangle {
                id: statePill
                visible: !cache.down
                anchors.verticalCenter: title.verticalCenter
                width: stateText.implicitWidth + Math.round(12 * Theme.scale)
                height: stateText.implicitHeight + Math.round(2 * Theme.scale)
                radius: height / 2
                color: cache.on ? Theme.consumed : "transparent"
                border.width: cache.on ? 0 : 1
                border.color: Theme.mutedText
                Text {
                    id: stateText
                    anchors.centerIn: parent
                    text: cache.on ? qsTr("on") : qsTr("off")
                    color: cache.on ? "#ffffff" : Theme.mutedText
                    font.pixelSize: Theme.smallFont
                    font.bold: true
                }
            }
        }
        Text {
            width: parent.width
            text: "SET key CREATED NX PX ttl"
            elide: Text.ElideRight
            color: cache.on ? Theme.accentText : Theme.mutedText
            font.family: Theme.monoFamily
            font.pixelSize: Theme.smallFont

            visible: !cache.down
            HoverHandler { id: commandHover }
            SceneTip {
                shown: commandHover.hovered
                text: qsTr("The claim, in the words of Redis: SET (store) the key with the value CREATED, NX = only if nobody stored it yet, PX ttl = forget it after ttl milliseconds. When two servers race on one key, exactly one succeeds; the other is told the key is already taken.")
            }
        }
    }

    Text {
        id: downText
        visible: cache.down
        anchors.top: head.bottom
        x: cache.inset
        width: cache.width - 2 * cache.inset
        text: qsTr("unreachable · %1").arg(cache.backText)
        wrapMode: Text.WordWrap
        maximumLineCount: 2
        elide: Text.ElideRight
        color: Theme.text
        font.pixelSize: Theme.smallFont
        font.bold: true

        HoverHandler { id: downHover }
        SceneTip {
            shown: downHover.hovered
            text: qsTr("The cache does not answer: with cacheFailure closed a server answers 503, with open it falls back to its own DB alone. Its entries are greyed, not gone: they are there again when it comes back.")
        }
    }

    Text {
        id: offText
        visible: !cache.on
        anchors.top: head.bottom
        anchors.topMargin: Math.round(6 * Theme.scale)
        anchors.bottom: parent.bottom
        anchors.bottomMargin: cache.inset
        x: cache.inset
        width: cache.width - 2 * cache.inset
        wrapMode: Text.WordWrap
        elide: Text.ElideRight
        text: qsTr("Off: each cluster checks only its own DB, which learns the other's keys "
                   + "only after the replication lag. Switch it on and both clusters claim "
                   + "each key here first, in one atomic step.")
        color: Theme.mutedText
        font.pixelSize: Theme.smallFont
        lineHeight: 1.1
    }

    RowList {
        visible: cache.on
        opacity: cache.down ? 0.45 : 1
        anchors.top: cache.down ? downText.bottom : head.bottom
        anchors.topMargin: Math.round(4 * Theme.scale)
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Math.round(6 * Theme.scale)
        x: cache.inset
        width: cache.width - 2 * cache.inset
        heading: qsTr("entries")
        emptyText: qsTr("empty: no key claimed yet")
        monoHeading: false
        model: cache.entries
        delegate: CacheEntryItem {
            width: ListView.view.width
        }
    }
}
