#!/usr/bin/env bash
# Hunt wall time (issue 13: "a hunt that finds and shrinks the double charge of preset 9 with
# the mutex off finishes in under 5 s"), beside its floor measured in the same run: the same
# process doing one plain `run` of the same preset. Also the budget a design that cannot fail
# spends: preset 9 with the mutex on, 1,000 runs, against 1,000 runs of `sweep` (--jobs 1).
# Usage: tests/bench/hunt.sh BUILD_DIR [REPEATS]
set -euo pipefail
build="${1:?usage: hunt.sh BUILD_DIR [REPEATS]}"
repeats="${2:-10}"
cli="$build/app/idemlab-cli"
[[ -x "$cli" ]] || { echo "hunt.sh: $cli not built" >&2; exit 1; }

# seconds <command...>: the median wall time of REPEATS runs, in seconds.
seconds() {
    local times=() i start end
    for ((i = 0; i < repeats; i++)); do
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        times+=("$((end - start))")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { printf "%.3f", a[int((NR + 1) / 2)] / 1e9 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

hunt=$(seconds "$cli" hunt burst --mutex off)
run=$(seconds "$cli" run burst --mutex off)
safe=$(seconds "$cli" hunt burst --mutex on --invariant duplicate --budget 1000)
sweep=$(seconds "$cli" sweep burst --mutex on --vary jitter-ms=0 --trials 1000 --jobs 1)
echo "hunt burst --mutex off (find + shrink):       ${hunt} s   (target < 5 s)"
echo "  floor: run burst --mutex off (one run):     ${run} s   ratio $(ratio "$hunt" "$run")"
echo "hunt burst --mutex on, 1,000 runs, nothing:   ${safe} s"
echo "  floor: sweep 1,000 trials --jobs 1:         ${sweep} s   ratio $(ratio "$safe" "$sweep")"
awk -v h="$hunt" 'BEGIN { exit !(h < 5) }' || { echo "hunt.sh: the hunt took ${hunt} s (target < 5 s)" >&2; exit 1; }
