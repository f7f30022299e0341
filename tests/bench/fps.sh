#!/usr/bin/env bash
# Frame-rate benchmark of the scene (issue 3): 20 clients, 200 requests in a burst, played
# under xvfb-run (Mesa llvmpipe OpenGL) with the app's own frame-time log.
# Usage: tests/bench/fps.sh [build dir] [seconds]   — prints first-frame time and fps figures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
seconds="${2:-12}"
log="$(mktemp /tmp/idemlab-fps.XXXXXX)"
start=$(date +%s.%N)
xvfb-run -a -s "-screen 0 1920x1080x24" \
    "$build/app/idemlab" "$root/tests/data/bench/burst-20x200.json" \
    --fps-log "$log" --fps-seconds "$seconds" --size 1280x720 >/dev/null 2>&1
python3 - "$log" "$start" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if not l.startswith('#')]
rows = [(float(r[0]), float(r[1]), int(r[2])) for r in rows]  # 4th: the playhead, ms
if len(rows) < 3:
    sys.exit("no frames logged")
first = rows[0][0]
busy = [r for r in rows[1:] if r[2] >= 200]
def fps(sample):
    span = sample[-1][0] - sample[0][0]
    return (len(sample) - 1) / span * 1000 if span > 0 else 0
print(f"first frame: {first:.0f} ms after the process started")
print(f"frames: {len(rows)}, overall {fps(rows):.1f} fps, max messages in flight {max(r[2] for r in rows)}")
if len(busy) > 2:
    gaps = sorted(r[1] for r in busy)
    p95 = gaps[int(len(gaps) * 0.95) - 1]
    print(f"with >= 200 messages in flight: {len(busy)} frames, {fps(busy):.1f} fps, "
          f"median frame {statistics.median(gaps):.1f} ms, p95 {p95:.1f} ms")
else:
    print("never >= 200 messages in flight")
PY
rm -f "$log"
