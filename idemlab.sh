#!/usr/bin/env bash
# idemlab.sh — set up, build, run and test Idempotency Lab (Debian 12, Qt 6.4).
#
#   ./idemlab.sh run  [preset|file.json] [overrides...]   install deps, build, start the app
#   ./idemlab.sh test [ctest args...]                     install deps, build, run the tests
#                                                          (+ the ASan/UBSan pass, + fuzzing)
#   ./idemlab.sh fuzz [target...]                         build and run the fuzz targets
#   ./idemlab.sh help
#
# Environment knobs:
#   IDEMLAB_SKIP_SANITIZE=1     skip the ASan+UBSan pass of `test`
#   IDEMLAB_SKIP_FUZZ=1         skip the fuzzing pass of `test`
#   IDEMLAB_FUZZ_SECONDS=N      how long each fuzz target runs (30)
#   IDEMLAB_EXTRA_PACKAGES="…"  extra Debian packages to install too (e.g. "clang-format wrk")
#   IDEMLAB_TEST_TIMEOUT=N      default per-test timeout in seconds (300); per-test
#                               TIMEOUT properties set in CMake take precedence
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
CALLER_DIR="$(pwd)"
cd "$ROOT"

BUILD_DIR="$ROOT/build"
# One clang build with ASan + UBSan (and libFuzzer's coverage) holds the sanitizer pass's
# unit tests and the fuzz targets.
FUZZ_DIR="$ROOT/build-fuzz"
ASAN_DIR="$FUZZ_DIR"
FUZZ_TARGETS=(scenario timeline paymentbody idempotencykey faultspec exportpath vary liveaddress eventstream replicationbatch)
FUZZ_SECONDS="${IDEMLAB_FUZZ_SECONDS:-30}"
DEFAULT_PRESET="parallel-two-clusters"
JOBS="$(nproc 2>/dev/null || echo 2)"
TEST_TIMEOUT="${IDEMLAB_TEST_TIMEOUT:-300}"

# What the build and the tests need (the list from QT-6.4-NOTES.md), plus sqlite3 for
# people who want to inspect the cluster DB files. Tools needed only later (clang-format,
# wrk) are not installed by default: see IDEMLAB_EXTRA_PACKAGES. clang and its runtime
# (libFuzzer) build the fuzz targets of tests/fuzz. hiredis is the client of the shared
# cache in a real Redis (serve --cache redis://...); the dist tests start redis-server.
# libsqlite3-dev: the protocol's statements run through the sqlite3 C API on QtSql's own
# connection (the same libsqlite3 the Qt driver loads).
PACKAGES=(
    cmake ninja-build g++ clang libclang-rt-14-dev
    qt6-base-dev libqt6sql6-sqlite qt6-declarative-dev qt6-websockets-dev qt6-httpserver-dev
    qt6-charts-dev qt6-svg-dev qml6-module-qtqml qml6-module-qtqml-workerscript
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates
    qml6-module-qtquick-layouts qml6-module-qtquick-shapes qml6-module-qtquick-window
    qml6-module-qttest qml6-module-qtcharts qml6-module-qtcore qml6-module-qt-labs-settings qml6-module-qtquick-dialogs qml6-module-qt-labs-folderlistmodel xvfb xauth
    sqlite3 libsqlite3-dev pkg-config libhiredis-dev redis-server
)
if [[ -n "${IDEMLAB_EXTRA_PACKAGES:-}" ]]; then
    read -r -a _extra <<<"$IDEMLAB_EXTRA_PACKAGES"
    PACKAGES+=("${_extra[@]}")
fi

# ---------------------------------------------------------------------------- helpers
# Everything the script itself says (and the build output) goes to stderr, so that
# `./idemlab.sh run --json > out.json` gets only the app's output on stdout.
section() { printf '\n== %s  [%s, %d s in]\n' "$*" "$(date -u +%H:%M:%S)" "$SECONDS" >&2; }
note() { printf '   %s\n' "$*" >&2; }
err() { printf 'idemlab.sh: error: %s\n' "$*" >&2; }
die() {
    err "$@"
    exit 1
}

usage() {
    cat <<EOF
Usage: ./idemlab.sh <command> [args...]

Commands:
  run [preset|file.json] [overrides...]
        Install missing Debian packages, build into build/ (CMake + Ninja,
        RelWithDebInfo) and start the app. If build/app/idemlab (the GUI) exists and a
        display is available it is started with the args; otherwise the CLI runs:
        build/app/idemlab-cli run <preset> [overrides...]  (default preset:
        $DEFAULT_PRESET). Example: ./idemlab.sh run burst --mutex on
  test [ctest args...]
        Install + build as above, run ctest on build/ (-LE bench, -j2; the ctest args
        are added to this pass only), then build build-fuzz/ (clang, ASan+UBSan,
        libFuzzer, core only), run its unit tests (-L unit) and each fuzz target for
        IDEMLAB_FUZZ_SECONDS ($FUZZ_SECONDS) seconds, $JOBS at a time. Exit status is
        non-zero if anything failed.
  fuzz [target...]
        Build build-fuzz/ and run the fuzz targets (default: all of them,
        ${FUZZ_TARGETS[*]})
        for IDEMLAB_FUZZ_SECONDS each, $JOBS at a time (docs/robustness.md).
        Example: IDEMLAB_FUZZ_SECONDS=3600 ./idemlab.sh fuzz timeline
  help, --help, -h
        Show this help.

Environment:
  IDEMLAB_SKIP_SANITIZE=1     skip the sanitizer pass of 'test'
  IDEMLAB_SKIP_FUZZ=1         skip the fuzzing pass of 'test'
  IDEMLAB_FUZZ_SECONDS=N      seconds each fuzz target runs (default 30)
  IDEMLAB_EXTRA_PACKAGES="…"  install these Debian packages too (e.g. "clang-format wrk")
  IDEMLAB_TEST_TIMEOUT=N      default per-test timeout in seconds (default 300)
EOF
}

# ---------------------------------------------------------------------------- packages
have_qt6() {
    command -v qmake6 >/dev/null 2>&1 && return 0
    command -v qtpaths6 >/dev/null 2>&1 && return 0
    [[ -n "${Qt6_DIR:-}" && -d "${Qt6_DIR}" ]] && return 0
    local d
    for d in /usr/lib/*/cmake/Qt6 /usr/lib/cmake/Qt6 /usr/lib64/cmake/Qt6 /usr/local/lib/cmake/Qt6; do
        [[ -d "$d" ]] && return 0
    done
    local prefixes=() p
    IFS=':' read -r -a prefixes <<<"${CMAKE_PREFIX_PATH:-}"
    for p in "${prefixes[@]}"; do
        [[ -n "$p" ]] || continue
        for d in "$p"/lib/cmake/Qt6 "$p"/lib64/cmake/Qt6 "$p"/lib/*/cmake/Qt6 "$p"/cmake/Qt6 "$p"; do
            [[ -f "$d/Qt6Config.cmake" ]] && return 0
        done
    done
    return 1
}

check_tools_without_apt() {
    section "installing packages"
    note "not a Debian-like system (no apt-get/dpkg-query): not installing anything;"
    note "checking that CMake, Ninja, a C++ compiler and Qt 6 are already there"
    local problems=()
    command -v cmake >/dev/null 2>&1 || problems+=("cmake")
    command -v ninja >/dev/null 2>&1 || command -v ninja-build >/dev/null 2>&1 || problems+=("ninja")
    command -v c++ >/dev/null 2>&1 || command -v g++ >/dev/null 2>&1 ||
        command -v clang++ >/dev/null 2>&1 || problems+=("a C++17 compiler")
    have_qt6 || problems+=("Qt 6.4+ (qmake6, or lib/cmake/Qt6 via Qt6_DIR / CMAKE_PREFIX_PATH)")
    if ((${#problems[@]})); then
        die "not a Debian-like system and these are missing: ${problems[*]}. Install them (Qt 6.4+ with Quick, Sql+SQLite, WebSockets, HttpServer, Charts, Svg) and retry."
    fi
    note "found cmake, ninja, a compiler and Qt 6 — going on"
}

missing_packages() {
    # One dpkg-query for the whole list; unknown packages only produce a message on
    # stderr (discarded) and simply do not appear as installed.
    local -A installed=()
    local pkg status
    while IFS=$'\t' read -r pkg status; do
        [[ "$status" == *" ok installed" ]] && installed["${pkg%%:*}"]=1
    done < <(dpkg-query -W -f='${Package}\t${Status}\n' "${PACKAGES[@]}" 2>/dev/null || true)
    for pkg in "${PACKAGES[@]}"; do
        [[ -n "${installed[$pkg]:-}" ]] || printf '%s\n' "$pkg"
    done
}

ensure_packages() {
    if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
        check_tools_without_apt
        return 0
    fi
    section "installing packages"
    local missing=()
    mapfile -t missing < <(missing_packages)
    if ((${#missing[@]} == 0)); then
        note "all ${#PACKAGES[@]} packages already installed — nothing to do"
        return 0
    fi
    note "missing: ${missing[*]}"

    local sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then
        if ! command -v sudo >/dev/null 2>&1; then
            die "missing Debian packages: ${missing[*]} — not root and no sudo; as root run: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
        fi
        if sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            note "installing with sudo (it may ask for your password)"
            sudo=(sudo)
        fi
    fi

    local env_cmd=(env DEBIAN_FRONTEND=noninteractive)
    "${sudo[@]}" "${env_cmd[@]}" apt-get -q update >&2 ||
        die "apt-get update failed (see above)"
    "${sudo[@]}" "${env_cmd[@]}" apt-get -q install -y --no-install-recommends "${missing[@]}" >&2 ||
        die "apt-get install failed for: ${missing[*]} (see above)"

    mapfile -t missing < <(missing_packages)
    ((${#missing[@]} == 0)) || die "still missing after apt-get install: ${missing[*]}"
    note "installed"
}

# ---------------------------------------------------------------------------- build
cache_value() { # cache_value <build dir> <VAR> → the value in CMakeCache.txt, or nothing
    sed -n "s/^$2:[A-Z]*=//p" "$1/CMakeCache.txt" 2>/dev/null | head -n 1
}

# configure_and_build <build dir> [initial cmake -D args...]
# The initial `cmake -S -B` only runs when <dir>/build.ninja is missing; otherwise
# `cmake --build` re-runs the configure step by itself when a CMakeLists.txt changed.
# Returns non-zero (after printing why) on failure.
configure_and_build() {
    local dir="$1"
    shift
    local name="${dir#"$ROOT"/}"
    if [[ -f "$dir/CMakeCache.txt" ]]; then
        local home gen
        home="$(cache_value "$dir" CMAKE_HOME_DIRECTORY)"
        if [[ -n "$home" && "$(cd "$home" 2>/dev/null && pwd -P)" != "$ROOT" ]]; then
            err "$name/ was configured for another source tree ($home); remove it (rm -rf $name) and retry"
            return 1
        fi
        gen="$(cache_value "$dir" CMAKE_GENERATOR)"
        if [[ -n "$gen" && "$gen" != "Ninja" ]]; then
            err "$name/ was configured with the '$gen' generator, this script uses Ninja; remove it (rm -rf $name) and retry"
            return 1
        fi
    fi
    if [[ ! -f "$dir/build.ninja" ]]; then
        note "configuring $name/ ($*)"
        if ! cmake -S "$ROOT" -B "$dir" -G Ninja "$@" >&2; then
            err "CMake configure of $name/ failed (see above)"
            return 1
        fi
    fi
    if ! cmake --build "$dir" -j"$JOBS" >&2; then
        err "build of $name/ failed (see above)"
        return 1
    fi
}

build_main() {
    section "building ($(basename "$BUILD_DIR")/, RelWithDebInfo, -j$JOBS)"
    configure_and_build "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo || exit 1
}

# ---------------------------------------------------------------------------- run
has_display() {
    [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" || -n "${QT_QPA_PLATFORM:-}" ]]
}

cmd_run() {
    ensure_packages
    build_main

    local gui="$BUILD_DIR/app/idemlab" cli="$BUILD_DIR/app/idemlab-cli"
    cd "$CALLER_DIR" # relative paths in the args (scenario files, --export) are the caller's

    if [[ -x "$gui" ]]; then
        local want_shot=0 a
        for a in "$@"; do [[ "$a" == --screenshot || "$a" == --screenshot=* ]] && want_shot=1; done
        if has_display; then
            section "starting $gui${*:+ $*}"
            exec "$gui" "$@"
        elif ((want_shot)); then
            section "starting $gui${*:+ $*} (no display: QT_QPA_PLATFORM=offscreen for the screenshot)"
            QT_QPA_PLATFORM=offscreen exec "$gui" "$@"
        fi
        # shellcheck disable=SC2016  # the $VARs and backticks are meant literally
        printf '\nno display ($DISPLAY and $WAYLAND_DISPLAY unset): showing the CLI report instead — for the GUI run `xvfb-run -a ./idemlab.sh run`, or `./idemlab.sh run --screenshot FILE.png` (renders offscreen)\n' >&2
    fi

    [[ -x "$cli" ]] || die "$cli was not built (check app/CMakeLists.txt)"
    local preset="$DEFAULT_PRESET"
    if (($#)) && [[ "$1" != -* ]]; then
        preset="$1"
        shift
    fi
    section "starting idemlab-cli run $preset${*:+ $*}"
    exec "$cli" run "$preset" "$@"
}

# ---------------------------------------------------------------------------- test
# LeakSanitizer cannot run under ptrace and in some containers; find out once with a
# tiny leak-free program. Prints "1" if LSan works, "0" otherwise (with a note why).
probe_lsan() {
    local dir="$ASAN_DIR/lsan-probe" cxx
    cxx="$(cache_value "$ASAN_DIR" CMAKE_CXX_COMPILER)"
    [[ -n "$cxx" && -x "$cxx" ]] || cxx="c++"
    mkdir -p "$dir"
    printf '#include <cstdlib>\nint main() { void *volatile p = std::malloc(16); std::free(p); return 0; }\n' \
        >"$dir/probe.cpp"
    if ! "$cxx" -fsanitize=address -o "$dir/probe" "$dir/probe.cpp" >"$dir/compile.log" 2>&1; then
        note "note: could not build the LeakSanitizer probe ($dir/compile.log): running with detect_leaks=0"
        echo 0
        return 0
    fi
    if ASAN_OPTIONS=detect_leaks=1 "$dir/probe" >"$dir/run.log" 2>&1; then
        echo 1
    else
        local why="it failed"
        grep -q "LeakSanitizer has encountered a fatal error" "$dir/run.log" &&
            why="\"LeakSanitizer has encountered a fatal error\" (ptrace/container restrictions)"
        note "note: LeakSanitizer cannot run here: $why — leak checks OFF (detect_leaks=0); ASan and UBSan still on"
        echo 0
    fi
}

run_ctest() { # run_ctest <build dir> [ctest args...]
    local dir="$1"
    shift
    ctest --test-dir "$dir" --output-on-failure --no-tests=error --timeout "$TEST_TIMEOUT" "$@"
}

cmd_test() {
    local t0=$SECONDS
    ensure_packages
    build_main

    local main_rc=0 san_rc=0 san_state="skipped"
    section "tests (ctest -LE bench -j2${*:+ $*})"
    run_ctest "$BUILD_DIR" -j2 -LE bench "$@" || main_rc=$?

    if [[ "${IDEMLAB_SKIP_SANITIZE:-0}" == "1" ]]; then
        section "sanitizer build (ASan+UBSan)"
        note "skipped (IDEMLAB_SKIP_SANITIZE=1)"
    else
        section "sanitizer build (clang, ASan+UBSan, core only, with the fuzz targets) ($(basename "$ASAN_DIR")/, -j$JOBS)"
        if fuzz_build; then
            local leaks
            leaks="$(probe_lsan)"
            section "sanitizer tests (ctest -L unit, detect_leaks=$leaks)"
            local lsan_opts="${LSAN_OPTIONS:-}"
            if [[ -f "$ROOT/tests/lsan.supp" ]]; then
                lsan_opts="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0${lsan_opts:+:$lsan_opts}"
            fi
            ASAN_OPTIONS="detect_leaks=$leaks:abort_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
                UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}" \
                LSAN_OPTIONS="$lsan_opts" \
                run_ctest "$ASAN_DIR" -j2 -L unit || san_rc=$?
            san_state=$([[ $san_rc -eq 0 ]] && echo "passed" || echo "FAILED (exit $san_rc)")
        else
            san_rc=1
            san_state="FAILED (sanitizer build did not build)"
        fi
    fi

    local fuzz_rc=0 fuzz_state="skipped"
    if [[ "${IDEMLAB_SKIP_FUZZ:-0}" == "1" ]]; then
        section "fuzzing"
        note "skipped (IDEMLAB_SKIP_FUZZ=1)"
    else
        run_fuzzing "${FUZZ_TARGETS[@]}" || fuzz_rc=$?
        fuzz_state=$([[ $fuzz_rc -eq 0 ]] && echo "passed" || echo "FAILED")
    fi

    section "summary ($((SECONDS - t0)) s)"
    note "tests:           $([[ $main_rc -eq 0 ]] && echo passed || echo "FAILED (exit $main_rc)")"
    note "sanitizer tests: $san_state"
    note "fuzzing:         $fuzz_state"
    ((main_rc == 0 && san_rc == 0 && fuzz_rc == 0))
}

# ---------------------------------------------------------------------------- fuzz
# Inputs as large as the readers' limits would make every libFuzzer step slow; the largest
# inputs are the reader benchmark's (ctest -L bench -R bench_readers). These reach well past
# what the seeds hold.
fuzz_max_len() {
    case "$1" in
    scenario | timeline) echo 1048576 ;;
    paymentbody) echo 65600 ;; # just past live mode's 64 KiB body limit
    eventstream) echo 65536 ;; # a whole recorded stream (hello, attempts, events, rows)
    *) echo 4096 ;;
    esac
}

# fuzz_target <name> <detect_leaks>: runs one target for FUZZ_SECONDS over its corpus
# (build-fuzz/corpus/<name>/, kept between runs), every input that ever crashed
# (tests/fuzz/regressions/<name>/) and the seeds. On a crash, leak or sanitizer report it
# prints the report and the input, and keeps the input in tests/fuzz/regressions/<name>/.
fuzz_target() {
    local name="$1" leaks="$2"
    local bin="$FUZZ_DIR/tests/fuzz/fuzz_$name" corpus="$FUZZ_DIR/corpus/$name"
    local artifacts="$FUZZ_DIR/artifacts/$name" log="$FUZZ_DIR/fuzz-$name.log"
    local regressions="$ROOT/tests/fuzz/regressions/$name"
    local seeds=("$ROOT/tests/data/bad-scenarios" "$ROOT/tests/data/bad-timelines"
        "$ROOT/tests/data/golden" "$ROOT/tests/data/timelines" "$ROOT/resources/scenarios"
        "$ROOT/tests/fuzz/seeds-faultspec" "$ROOT/tests/fuzz/seeds-exportpath"
        "$ROOT/tests/fuzz/seeds-vary" "$ROOT/tests/fuzz/seeds-liveaddress"
        "$ROOT/tests/fuzz/seeds-eventstream" "$ROOT/tests/fuzz/seeds-replicationbatch")
    [[ -x "$bin" ]] || {
        err "$bin was not built (unknown fuzz target \"$name\"? expected one of: ${FUZZ_TARGETS[*]})"
        return 1
    }
    rm -rf "$artifacts"
    mkdir -p "$corpus" "$artifacts" "$regressions"
    note "fuzz_$name: ${FUZZ_SECONDS} s (log: ${log#"$ROOT"/})"
    local rc=0
    ASAN_OPTIONS="detect_leaks=$leaks:abort_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}" \
        nice -n 10 "$bin" -max_total_time="$FUZZ_SECONDS" -max_len="$(fuzz_max_len "$name")" \
        -dict="$ROOT/tests/fuzz/$name.dict" -timeout=25 -detect_leaks="$leaks" \
        -print_final_stats=1 -artifact_prefix="$artifacts/" \
        "$corpus" "$regressions" "${seeds[@]}" >"$log" 2>&1 || rc=$?
    local stats
    stats="$(grep -E '^#[0-9]+.*(DONE|cov:)' "$log" | tail -n 1 || true)"
    note "  ${stats:-no progress line} ; corpus: $(find "$corpus" -type f | wc -l) files"
    if ((rc == 0)); then
        return 0
    fi
    err "fuzz_$name failed (exit $rc): the report follows (whole log: $log)"
    grep -E -A40 'ERROR: |runtime error:|fuzz check failed|Test unit written' "$log" | head -n 80 >&2 || tail -n 40 "$log" >&2
    local input
    for input in "$artifacts"/*; do
        [[ -f "$input" ]] || continue
        cp "$input" "$regressions/"
        note "the input ($(wc -c <"$input") bytes), kept as tests/fuzz/regressions/$name/$(basename "$input") — commit it:"
        head -c 600 "$input" | od -An -c | head -n 12 >&2
    done
    return 1
}

# The clang build of the sanitizer pass and the fuzz targets (built once for both).
fuzz_build() {
    command -v clang++ >/dev/null 2>&1 || {
        err "clang++ not found (Debian packages clang and libclang-rt-14-dev)"
        return 1
    }
    configure_and_build "$FUZZ_DIR" -DIDEMLAB_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER=clang++
}

run_fuzzing() { # run_fuzzing <target...>
    section "fuzz build ($(basename "$FUZZ_DIR")/, clang, libFuzzer + ASan + UBSan, -j$JOBS)"
    fuzz_build || return 1
    local leaks
    leaks="$(probe_lsan)"
    section "fuzzing (${FUZZ_SECONDS} s per target, $JOBS at a time, detect_leaks=$leaks)"
    # One target per core at a time; each one's lines are printed, in the order asked for,
    # once it has ended, so that their reports do not interleave.
    local name failed=0 running=0 i
    local -a pids=() outs=()
    for name in "$@"; do
        if ((running >= JOBS)); then
            wait -n || true
            running=$((running - 1))
        fi
        outs+=("$FUZZ_DIR/fuzz-$name.report")
        fuzz_target "$name" "$leaks" >"${outs[-1]}" 2>&1 &
        pids+=($!)
        running=$((running + 1))
    done
    for i in "${!pids[@]}"; do
        wait "${pids[$i]}" || failed=1
        cat "${outs[$i]}" >&2
    done
    return "$failed"
}

cmd_fuzz() {
    ensure_packages
    if (($#)); then
        run_fuzzing "$@"
    else
        run_fuzzing "${FUZZ_TARGETS[@]}"
    fi
}

# ---------------------------------------------------------------------------- main
cmd="${1:-}"
case "$cmd" in
run)
    shift
    cmd_run "$@"
    ;;
test)
    shift
    cmd_test "$@"
    ;;
fuzz)
    shift
    cmd_fuzz "$@"
    ;;
help | --help | -h)
    usage
    ;;
"")
    usage >&2
    exit 2
    ;;
*)
    printf 'idemlab.sh: unknown command "%s" (expected run, test, fuzz or help)\n\n' "$cmd" >&2
    usage >&2
    exit 2
    ;;
esac
