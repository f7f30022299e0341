pragma Singleton
import QtQuick

// The key whose life is shown (click a key anywhere: a key row, a cache entry, a token;
// Esc or ✕ closes). Empty when none is.
QtObject {
    property string key
    /// Under keyScope client: the client the key belongs to, else empty.
    property string scope

    function select(k, s) {
        key = k
        scope = s === undefined ? "" : s
    }
    function clear() {
        key = ""
        scope = ""
    }
}
