#!/usr/bin/env bash
# Builds the TOML reader's fuzz target (libFuzzer + AddressSanitizer) into fuzz/out/ and runs it
# for N seconds (first argument, default 60), seeded with the real fly.toml corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
out=fuzz/out
mkdir -p "$out/corpus" "$out/crashes"

mapfile -t sources < <(find Sources/FlyConfig -name '*.swift' | sort)
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name FlyConfig \
    "${sources[@]}" fuzz/FuzzTOML.swift -o "$out/fuzz-toml"

for seed in ../shared/corpus/real/*.toml ../shared/corpus/flyctl-testdata/*.toml; do
    [ -e "$seed" ] && cp -n "$seed" "$out/corpus/" 2>/dev/null || true
done

"$out/fuzz-toml" "$out/corpus" -dict=fuzz/toml.dict -max_total_time="$seconds" -max_len=16384 \
    -timeout=5 -rss_limit_mb=2048 -artifact_prefix="$out/crashes/" -print_final_stats=1
