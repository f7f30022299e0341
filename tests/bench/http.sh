#!/usr/bin/env bash
# Live HTTP benchmark: wrk on loopback against `idemlab-cli serve` with durable SQLite WAL
# files, beside HTTP servers that only answer 201 (the floor), all in the same run.
#
#   tests/bench/http.sh [build dir] [seconds per measurement] [wrk connections]
#
# Measures, each for the given seconds after a short warm-up:
#   bare route       tests/bare_http route: QHttpServer::route() answering 201, one thread
#   bare frontend    tests/bare_http frontend: live mode's HTTP layer answering 201
#   SQL only         tests/bare_http sql: a new key's statements on a WAL file, no HTTP
#   serve, new keys  POST /payments with a new Idempotency-Key each time (claim, ledger
#                    row, consume: three commits to cluster A's WAL file, replication to B)
#   serve, replays   POST /payments over 100 keys that were charged first (lookup, replay)
# for `serve` with the default guards (mutex off, cache off) and with both on, each with
# --atomic off (three commits a new key) and on (two); the SQL floor of each statement mix
# and serve's share of it are printed beside.
# Needs wrk (apt-get install -y wrk). Not part of the test run (ctest label: bench).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
seconds="${2:-10}"
connections="${3:-32}"
cli="$build/app/idemlab-cli"
bare="$build/tests/bare_http"
bench="$root/tests/bench"

command -v wrk >/dev/null || { echo "http.sh: wrk not found (apt-get install -y wrk)" >&2; exit 1; }
[[ -x "$cli" && -x "$bare" ]] || { echo "http.sh: build idemlab-cli and bare_http in $build first" >&2; exit 1; }

port_a=18481
port_b=18482
workdir="$(mktemp -d "${TMPDIR:-/tmp}/idemlab-http-bench.XXXXXX")" # a real disk, not tmpfs
pid=""
cleanup() {
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    rm -rf "$workdir"
}
trap cleanup EXIT

wait_for_port() {
    for _ in $(seq 100); do
        curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
        sleep 0.05
    done
    echo "http.sh: nothing listens on port $1" >&2
    exit 1
}

stop() {
    kill -INT "$pid"
    wait "$pid" || true
    pid=""
}

# measure <label> <new|replay> <tag>: one wrk run, one result line
measure() {
    local label="$1" mode="$2" tag="$3" out
    local script="$bench/http-payments.lua"
    wrk -t1 -c"$connections" -d2s -s "$script" "http://127.0.0.1:$port_a" -- "$mode" "warm-$tag" \
        >/dev/null
    out="$(wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$script" \
        "http://127.0.0.1:$port_a" -- "$mode" "$tag")"
    local rps p50 p99 errors
    rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    errors="$(awk '/Non-2xx/ {print $NF} /Socket errors/ {print}' <<<"$out" | paste -sd' ')"
    printf '%-34s %10s req/s   p50 %8s   p99 %8s   %s\n' "$label" "$rps" "$p50" "$p99" \
        "${errors:-all 2xx}"
}

echo "== Live HTTP benchmark — $(date)"
echo "   $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "   wrk -t1 -c$connections -d${seconds}s --latency (after a 2 s warm-up); DBs in $workdir"
echo

for mode in route frontend; do
    "$bare" "$mode" "$port_a" &
    pid=$!
    wait_for_port "$port_a"
    measure "bare $mode (201 only)" new "bare-$mode"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=""
done

floor_off="$("$bare" sql 20000 "$workdir")"
printf '%-34s %10s req/s   (one thread: the 4 statements of a new key, 3 WAL commits)\n' \
    "SQL only, new keys, atomic off" "$floor_off"
floor_on="$("$bare" sql-atomic 20000 "$workdir")"
printf '%-34s %10s req/s   (one thread: lookup, claim, charge+consume: 2 WAL commits)\n' \
    "SQL only, new keys, atomic on" "$floor_on"

for guards in "--atomic off --mutex off --cache off" "--atomic on --mutex off --cache off" \
    "--atomic off --mutex on --cache on" "--atomic on --mutex on --cache on"; do
    db="$workdir/db-${guards// /}"
    # shellcheck disable=SC2086  # $guards is two options
    "$cli" serve --port-a "$port_a" --port-b "$port_b" --db-dir "$db" --log none \
        --op-ms 0 --db-ms 0 --cache-ms 0 --lag-ms 1000 $guards >/dev/null &
    pid=$!
    wait_for_port "$port_a"
    label="serve ${guards//--/}"
    new_line="$(measure "$label, new keys" new "new-$RANDOM")"
    floor="$floor_off"
    [[ "$guards" == *"--atomic on"* ]] && floor="$floor_on"
    rps="$(awk '{for (i = 1; i <= NF; i++) if ($i == "req/s") print $(i - 1)}' <<<"$new_line")"
    printf '%s   = %.2f x its SQL floor\n' "$new_line" "$(awk -v a="$rps" -v b="$floor" 'BEGIN {print a / b}')"
    tag="replay-$RANDOM"
    for i in $(seq 0 99); do
        curl -s -o /dev/null "http://127.0.0.1:$port_a/payments" -H "Idempotency-Key: $tag-$i" \
            -d '{"from":"A","to":"B","amount":10}'
    done
    measure "$label, replays" replay "$tag"
    echo "   ledger A: $(curl -s "http://127.0.0.1:$port_a/ledger")  WAL files: $(du -ch "$db"/*-wal 2>/dev/null | tail -1 | cut -f1)"
    stop
done
echo
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
