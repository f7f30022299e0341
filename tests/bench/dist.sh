#!/usr/bin/env bash
# Two-process benchmark (issue 14): a real redis-server and two `idemlab-cli serve --cluster`
# processes on loopback, each the other's peer, with the claim in Redis (--cache redis://).
# wrk sends new keys to both clusters at once (one wrk per cluster, started together); the
# sum of the two is the figure. In the same run, the floor: `redis-benchmark -t set` against
# the same Redis (the cache's own ceiling on these cores).
#
#   tests/bench/dist.sh [build dir] [seconds per measurement] [wrk connections per cluster]
#
# Needs wrk (IDEMLAB_EXTRA_PACKAGES=wrk) and redis-server/redis-benchmark (installed by
# idemlab.sh). Not part of the test run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
seconds="${2:-10}"
connections="${3:-16}"
cli="$build/app/idemlab-cli"
script="$root/tests/bench/http-payments.lua"

for tool in wrk redis-server redis-benchmark redis-cli; do
    command -v "$tool" >/dev/null || { echo "dist.sh: $tool not found" >&2; exit 1; }
done
[[ -x "$cli" ]] || { echo "dist.sh: build idemlab-cli in $build first" >&2; exit 1; }

workdir="$(mktemp -d "${TMPDIR:-/tmp}/idemlab-dist-bench.XXXXXX")"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$workdir"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
redis_port="$(free_port)"
port_a="$(free_port)"
port_b="$(free_port)"

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$workdir" >/dev/null &
pids+=($!)
for _ in $(seq 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.05; done

echo "== Two-process benchmark — $(date)"
echo "   $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "   redis-server $(redis-server --version | grep -o 'v=[0-9.]*') on port $redis_port"
echo

floor="$(redis-benchmark -p "$redis_port" -t set -n 200000 -c 32 --csv 2>/dev/null |
    awk -F'"' '$2 == "SET" {print $4}')"
printf '%-44s %10s req/s\n' "redis-benchmark -t set -c 32 (floor)" "$floor"

extra=(--op-ms 0 --db-ms 0 --cache-ms 0 --lag-ms 1000 --log none --atomic on --mutex on)
start_cluster() { # NAME PORT PEERPORT
    mkdir -p "$workdir/$1"
    "$cli" serve --cluster "$1" --port "$2" --peer "http://127.0.0.1:$3" \
        --cache "redis://127.0.0.1:$redis_port" --db-dir "$workdir/$1" "${extra[@]}" >/dev/null &
    pids+=($!)
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$2/health" && return 0; sleep 0.05; done
    echo "dist.sh: cluster $1 did not start" >&2
    exit 1
}
start_cluster A "$port_a" "$port_b"
start_cluster B "$port_b" "$port_a"

both() { # MODE TAG SECONDS: one wrk per cluster at once; prints the two outputs' figures
    wrk -t1 -c"$connections" -d"$3s" --latency -s "$script" "http://127.0.0.1:$port_a" -- "$1" "$2-a" \
        >"$workdir/wrk-a" &
    local wa=$!
    wrk -t1 -c"$connections" -d"$3s" --latency -s "$script" "http://127.0.0.1:$port_b" -- "$1" "$2-b" \
        >"$workdir/wrk-b" &
    local wb=$!
    wait "$wa" "$wb"
}
both new "warm-$RANDOM" 2
both new "new-$RANDOM" "$seconds"
rps_a="$(awk '/^Requests\/sec/ {print $2}' "$workdir/wrk-a")"
rps_b="$(awk '/^Requests\/sec/ {print $2}' "$workdir/wrk-b")"
p99_a="$(awk '$1 == "99%" {print $2}' "$workdir/wrk-a")"
p99_b="$(awk '$1 == "99%" {print $2}' "$workdir/wrk-b")"
errors="$(cat "$workdir/wrk-a" "$workdir/wrk-b" | awk '/Non-2xx/ {print $NF} /Socket errors/ {print}' | paste -sd' ')"
total="$(awk -v a="$rps_a" -v b="$rps_b" 'BEGIN {printf "%.0f", a + b}')"
printf '%-44s %10s req/s   (A %s p99 %s, B %s p99 %s)   %s\n' \
    "two clusters + Redis, new keys (sum)" "$total" "$rps_a" "$p99_a" "$rps_b" "$p99_b" \
    "${errors:-all 2xx}"
printf '%-44s %10.2f x the redis-benchmark floor\n' "" \
    "$(awk -v a="$total" -v b="$floor" 'BEGIN {print a / b}')"
sleep 1.5 # the lag, then the last batches
echo "   ledgers: A $(curl -s "http://127.0.0.1:$port_a/ledger")  B $(curl -s "http://127.0.0.1:$port_b/ledger")"
echo
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
