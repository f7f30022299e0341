#!/usr/bin/env bash
# The house rule of docs/architecture.md: a room of core/ includes only rooms on a lower
# layer (never one beside or above it); core/ includes nothing of Qt GUI, Qt Quick or QML;
# only core/live/ uses Qt Network. Prints every include that breaks the rule and fails.
#
#   tests/layers.sh [repository root]
set -euo pipefail

root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
cd "$root/core"

# Layer of each room, lowest first (docs/architecture.md draws the same order).
declare -A layer=(
    [model]=0 [json]=0
    [storage]=1
    [protocol]=2 [faults]=2
    [sim]=3 [scenario]=3
    [timeline]=4
    [report]=5 [playback]=5
    [export]=6
    [live]=7 [bench]=7 [whatif]=7
)

status=0
complain() {
    echo "$1"
    status=1
}

for dir in */; do
    room="${dir%/}"
    [[ -n "${layer[$room]+set}" ]] || complain "core/$room/: a room with no layer (add it to tests/layers.sh and docs/architecture.md)"
done

while IFS=: read -r file line text; do
    room="${file%%/*}"
    target="$(sed -E 's/^#include "([a-z]+)\/.*/\1/' <<<"$text")"
    [[ "$target" == "$room" ]] && continue
    if [[ -z "${layer[$target]+set}" ]]; then
        complain "core/$file:$line: $text: not a room of core/"
    elif ((layer[$target] >= layer[$room])); then
        complain "core/$file:$line: $text: $room/ (layer ${layer[$room]}) must not include $target/ (layer ${layer[$target]})"
    fi
done < <(grep -rnE '^#include "[a-z]+/' --include='*.h' --include='*.cpp' . | sed 's|^\./||')

while IFS= read -r hit; do
    complain "core/${hit#./}: core/ knows nothing of Qt GUI, Qt Quick or QML"
done < <(grep -rnE '^#include <(QtGui|QtQml|QtQuick|QQml|QQuick|QGui|QColor|QImage|QPainter|QFont)' \
    --include='*.h' --include='*.cpp' . || true)

while IFS= read -r hit; do
    complain "core/${hit#./}: only core/live/ uses Qt Network"
done < <(grep -rnE '^#include <(QtNetwork|QHostAddress|QTcp|QUdp|QNetwork|QSsl|QHttpServer)' \
    --include='*.h' --include='*.cpp' . | grep -v '^\./live/' || true)

if ((status == 0)); then
    echo "layers: every include of core/ points down"
fi
exit "$status"
