#!/usr/bin/env bash
# Frame-rate benchmarks of the scene (issues 3 and 12), each beside its floor, in one run
# under xvfb-run (Mesa llvmpipe OpenGL) with the app's own frame-time log:
#   1. the floor: a bare Qt Quick window of the same size whose whole content changes every
#      frame (tests/bench/bare_window.cpp);
#   2. the burst: 20 clients, 200 requests in 10 ms (tests/data/bench/burst-20x200.json),
#      fps with >= 200 messages in flight, and its ratio to the bare window (target >= 0.8);
#   3. the large run: 10,000 requests (tests/bench/large-scenario.py): the first frame
#      against the CLI's run of the same file (target <= 2x), and the playback's fps
#      (target >= 30).
# Usage: tests/bench/fps.sh [build dir] [seconds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
seconds="${2:-12}"
size=1280x720
tmp="$(mktemp -d /tmp/idemlab-fps.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
xvfb() { xvfb-run -a -s "-screen 0 1920x1080x24" "$@"; }

# Plays `scenario` for `seconds` with the frame log; prints its figures. $3: the CLI's time
# (ms) for the first-frame ratio, or empty.
play() {
    local scenario="$1" label="$2" cli_ms="${3:-}"
    xvfb "$build/app/idemlab" "$scenario" --fps-log "$tmp/log" --fps-seconds "$seconds" \
        --size "$size" >/dev/null 2>&1
    python3 - "$tmp/log" "$label" "$cli_ms" "${bare_fps:-0}" <<'PY'
import sys, statistics
log, label, cli_ms, bare = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
lines = open(log).read().splitlines()
for l in lines:
    if l.startswith('# start-up:'):
        print(f"{label}: {l[2:]}")
rows = [l.split() for l in lines if not l.startswith('#')]
rows = [(float(r[0]), float(r[1]), int(r[2])) for r in rows]  # 4th: the playhead, ms
if len(rows) < 3:
    sys.exit(f"{label}: no frames logged")
def fps(sample):
    span = sample[-1][0] - sample[0][0]
    return (len(sample) - 1) / span * 1000 if span > 0 else 0
first = rows[0][0]
print(f"{label}: first frame {first:.0f} ms after the process started"
      + (f" (CLI run {float(cli_ms):.0f} ms: ratio {first / float(cli_ms):.2f}, target <= 2)"
         if cli_ms else ""))
gaps = sorted(r[1] for r in rows[1:])
print(f"{label}: {len(rows)} frames, playback {fps(rows):.1f} fps, median frame "
      f"{statistics.median(gaps):.1f} ms, max messages in flight {max(r[2] for r in rows)}")
busy = [r for r in rows[1:] if r[2] >= 200]
if label == "burst":
    if len(busy) > 2:
        gaps = sorted(r[1] for r in busy)
        p95 = gaps[int(len(gaps) * 0.95) - 1]
        ratio = fps(busy) / bare if bare else 0
        print(f"burst: with >= 200 messages in flight: {len(busy)} frames, {fps(busy):.1f} fps, "
              f"median frame {statistics.median(gaps):.1f} ms, p95 {p95:.1f} ms; "
              f"ratio to the bare window {ratio:.2f} (target >= 0.8)")
    else:
        print("burst: never >= 200 messages in flight")
PY
}

bare_fps=$(xvfb "$build/tests/bare_window" "$size" "$seconds" | sed -n 's/.*, \([0-9.]*\) fps/\1/p')
echo "bare window ($size): $bare_fps fps"
play "$root/tests/data/bench/burst-20x200.json" burst

python3 "$root/tests/bench/large-scenario.py" "$tmp/large.json" 10000
start=$(date +%s%N)
"$build/app/idemlab-cli" run "$tmp/large.json" >/dev/null
cli_ms=$(( ($(date +%s%N) - start) / 1000000 ))
play "$tmp/large.json" "large (10,000 requests)" "$cli_ms"
