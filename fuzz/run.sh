#!/usr/bin/env bash
# Builds a fuzz target (libFuzzer + AddressSanitizer) into fuzz/out/ and runs it for N seconds,
# seeded with the real fly.toml corpus.
#
#   fuzz/run.sh [toml|config] [seconds]     (defaults: toml, 60)
#
#   toml    the TOML reader alone (FuzzTOML.swift)
#   config  the whole config engine: load, decode, every rule, the JSON renderer (FuzzConfig.swift)
set -euo pipefail
cd "$(dirname "$0")/.."
target=toml
if [ "${1:-}" = "toml" ] || [ "${1:-}" = "config" ]; then target="$1"; shift; fi
seconds="${1:-60}"
out=fuzz/out
mkdir -p "$out/corpus-$target" "$out/crashes"

case "$target" in
  toml) entry=fuzz/FuzzTOML.swift ;;
  config) entry=fuzz/FuzzConfig.swift ;;
esac

root="$(pwd)"
mapfile -t sources < <(find "$root/Sources/FlyConfig" -name '*.swift' | sort)
# Build inside fuzz/out so the compiler's side files (module, docs) land there, not in the repo.
(cd "$out" && swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name FlyConfig \
    "${sources[@]}" "$root/$entry" -o "fuzz-$target")

for seed in ../shared/corpus/real/*.toml ../shared/corpus/flyctl-testdata/*.toml; do
    [ -e "$seed" ] && cp -n "$seed" "$out/corpus-$target/" 2>/dev/null || true
done

"$out/fuzz-$target" "$out/corpus-$target" -dict=fuzz/toml.dict -max_total_time="$seconds" -max_len=16384 \
    -timeout=5 -rss_limit_mb=2048 -artifact_prefix="$out/crashes/$target-" -print_final_stats=1
