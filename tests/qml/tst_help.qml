import QtQuick
import QtTest
import IdemLab

// The "?" / F1 overlay: it opens, lists an entry for every mark and term, and its entries
// neither overlap nor run out of the overlay's width, at text scale 1 and the largest.
Item {
    id: root
    width: 1280
    height: 720

    HelpOverlay {
        id: help
    }

    TestCase {
        name: "HelpOverlay"
        when: windowShown

        function entries(item, out) {
            for (let i = 0; i < item.children.length; ++i) {
                const child = item.children[i]
                if (child.meaning !== undefined)
                    out.push(child)
                else
                    entries(child, out)
            }
            return out
        }

        function test_entries_data() {
            return [{ tag: "1×", scale: 1.0 }, { tag: "3×", scale: 3.0 }]
        }

        function test_entries(data) {
            Theme.textScale = data.scale
            help.open()
            tryCompare(help, "opened", true)
            verify(help.width <= root.width)
            verify(help.height <= root.height)
            const list = entries(help.contentItem, [])
            verify(list.length >= 20, "entries: " + list.length)
            const meanings = list.map(e => e.meaning).join(" ")
            for (const word of ["triangle", "Diamond", "Clock", "Cross", "Dashed", "Dot-dash",
                                "Faded", "skipped", "CONSUMED", "ledger", "SQLite", "NX", "TTL",
                                "Live", "409"])
                verify(meanings.indexOf(word) >= 0, word)
            for (let i = 0; i < list.length; ++i) {
                verify(list[i].width <= help.availableWidth, list[i].mark)
                if (i > 0) {
                    const above = list[i - 1]
                    verify(above.y + above.height <= list[i].y, list[i].mark)
                }
            }
            help.close()
            tryCompare(help, "visible", false)
            Theme.textScale = 1.0
        }
    }
}
