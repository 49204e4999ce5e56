#!/usr/bin/env bash
# Times `hangar validate` over the whole fly.toml corpus in ONE process: the 150 real files
# and the 41 flyctl test vectors, JSON output, five runs. Budget: 0.5 s per run (median).
#
# Usage: bench/validate-corpus.sh
# Environment:
#   HANGAR_BIN  use this hangar binary instead of building one (no build step)
#   SHARED      the shared material directory (default: ../shared beside the repository)
#   RUNS        timed runs (default 5)
#   BUDGET      seconds allowed for the median run (default 0.5)
#
# Exit status: 0 within budget, 1 over budget, 2 when the benchmark cannot run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
RUNS="${RUNS:-5}"
BUDGET="${BUDGET:-0.5}"

die() { echo "validate-corpus: $*" >&2; exit 2; }

[ -d "$SHARED/corpus" ] || die "no corpus at $SHARED/corpus (set SHARED)"
shopt -s nullglob
real=("$SHARED"/corpus/real/*.toml)
vectors=("$SHARED"/corpus/flyctl-testdata/*.toml)
shopt -u nullglob
[ "${#real[@]}" -eq 150 ] || echo "note: expected 150 real files, found ${#real[@]}" >&2
[ "${#vectors[@]}" -eq 41 ] || echo "note: expected 41 flyctl test files, found ${#vectors[@]}" >&2
files=("${real[@]}" "${vectors[@]}")
[ "${#files[@]}" -gt 0 ] || die "no .toml files under $SHARED/corpus"

if [ -n "${HANGAR_BIN:-}" ]; then
    BIN="$HANGAR_BIN"
else
    echo "building hangar (release)..."
    (cd "$ROOT" && swift build -c release --product hangar) || die "release build failed"
    BIN="$(cd "$ROOT" && swift build -c release --show-bin-path)/hangar"
fi
[ -x "$BIN" ] || die "no hangar binary at $BIN"

# `hangar --help` lists the subcommands; a binary built before `validate` existed has none.
if ! "$BIN" --help 2>&1 | grep -Eq '^[[:space:]]+validate([[:space:]]|$)'; then
    die "$BIN has no 'validate' command yet (not listed by \`hangar --help\`); nothing to time"
fi

# Portable-enough clock: bash 5's EPOCHREALTIME, else date with nanoseconds.
now() {
    if [ -n "${EPOCHREALTIME:-}" ]; then
        echo "${EPOCHREALTIME/,/.}"
    else
        date +%s.%N
    fi
}

# Exit status 1 means "some configs are invalid", which the corpus is meant to contain.
# Anything else (usage error 64, a crash) means the run did not do the work being timed.
run_once() {
    local status=0
    "$BIN" validate "${files[@]}" --format json >"$1" 2>"$err" || status=$?
    if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
        head -n 5 "$err" >&2
        die "hangar validate exited with status $status (expected 0, or 1 for invalid configs)"
    fi
}

# Untimed warm-up: fills the page cache and checks the output is one JSON document.
out="$(mktemp)"
err="$(mktemp)"
trap 'rm -f "$out" "$err"' EXIT
run_once "$out"
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$out" 2>/dev/null \
    || echo "note: --format json output is not a single JSON document" >&2

echo "hangar validate: ${#files[@]} files (${#real[@]} real + ${#vectors[@]} flyctl test vectors), one process, $RUNS runs"
times=()
for i in $(seq 1 "$RUNS"); do
    start="$(now)"
    run_once /dev/null
    end="$(now)"
    t="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')"
    times+=("$t")
    printf 'run %d: %s s\n' "$i" "$t"
done

sorted=($(printf '%s\n' "${times[@]}" | sort -n))
best="${sorted[0]}"
n="${#sorted[@]}"
if [ $((n % 2)) -eq 1 ]; then
    median="${sorted[$((n / 2))]}"
else
    median="$(awk -v a="${sorted[$((n / 2 - 1))]}" -v b="${sorted[$((n / 2))]}" 'BEGIN { printf "%.3f", (a + b) / 2 }')"
fi
printf 'best: %s s  median: %s s\n' "$best" "$median"

if awk -v m="$median" -v b="$BUDGET" 'BEGIN { exit !(m <= b) }'; then
    printf 'PASS: median %s s is within the %s s budget\n' "$median" "$BUDGET"
else
    printf 'FAIL: median %s s is over the %s s budget\n' "$median" "$BUDGET"
    exit 1
fi
