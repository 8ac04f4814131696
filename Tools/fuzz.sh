#!/usr/bin/env bash
# Fuzzing with libFuzzer: each target runs for SECONDS (default 60), then one line per target
# gives the seconds, executions and crashes. Outside CI; needs swiftc with -sanitize=fuzzer
# (the Linux toolchain has it) and clang.
#
#   Tools/fuzz.sh [SECONDS] [TARGET …]     targets: line-decoder, event-input (default both)
#
# LedgerCore and LedgerJournal are compiled from Sources/ with coverage and AddressSanitizer
# into .build/fuzz/, then linked with Tools/fuzz/<Target>.swift. The corpus grows in
# .build/fuzz/corpus-<target>/ from Tools/fuzz/seeds/<target>/; a crashing input is saved in
# .build/fuzz/artifacts-<target>/ and fuzzing continues until the time is up. Every crash
# found becomes a regression test (Tests/LedgerJournalTests/FuzzRegressionTests.swift).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(line-decoder event-input)
out=.build/fuzz
mkdir -p "$out"
swift_flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -enable-testing
             -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault -I "$out")

echo "fuzz: building instrumented LedgerCore and LedgerJournal in $out" >&2
cat > "$out/module.modulemap" <<MAP
module CSHA256 {
    header "$PWD/Sources/CSHA256/include/CSHA256.h"
    export *
}
MAP
clang -c -O2 -g -fsanitize=fuzzer-no-link,address -I Sources/CSHA256/include Sources/CSHA256/sha256_ni.c -o "$out/CSHA256.o"
mapfile -t core_sources < <(find Sources/LedgerCore -name '*.swift' | sort)
swiftc "${swift_flags[@]}" -wmo -module-name LedgerCore -emit-module -emit-module-path "$out/LedgerCore.swiftmodule" \
    -c "${core_sources[@]}" -o "$out/LedgerCore.o"
mapfile -t journal_sources < <(find Sources/LedgerJournal -name '*.swift' | sort)
swiftc "${swift_flags[@]}" -wmo -module-name LedgerJournal -emit-module -emit-module-path "$out/LedgerJournal.swiftmodule" \
    -c "${journal_sources[@]}" -o "$out/LedgerJournal.o"

declare -A sources=([line-decoder]=LineDecoderTarget.swift [event-input]=EventInputTarget.swift)
summary=()
for target in "${targets[@]}"; do
    source="${sources[$target]:-}"
    [ -n "$source" ] || { echo "fuzz: unknown target '$target' (line-decoder, event-input)" >&2; exit 64; }
    swiftc "${swift_flags[@]}" -module-name "Fuzz_${target//-/_}" "Tools/fuzz/$source" \
        "$out/LedgerCore.o" "$out/LedgerJournal.o" "$out/CSHA256.o" -o "$out/fuzz-$target" 2> >(grep -v "Cannot export local symbol" >&2)
    corpus="$out/corpus-$target"
    artifacts="$out/artifacts-$target"
    mkdir -p "$corpus" "$artifacts"
    before=$(find "$artifacts" -type f | wc -l)
    executions=0
    remaining=$seconds
    started=$(date +%s)
    # libFuzzer stops at the first crash; start it again until the time is up.
    while [ "$remaining" -gt 0 ]; do
        log="$out/fuzz-$target.log"
        "$out/fuzz-$target" -max_total_time="$remaining" -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
            -artifact_prefix="$artifacts/" "$corpus" "Tools/fuzz/seeds/$target" >"$log" 2>&1 || true
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
        executions=$((executions + ${runs:-0}))
        if grep -q "ERROR: libFuzzer\|SUMMARY: AddressSanitizer\|Fatal error" "$log"; then
            echo "fuzz: $target crashed; see $log and $artifacts/" >&2
            grep -m3 "Fatal error\|ERROR: \|SUMMARY: " "$log" >&2 || true
        fi
        remaining=$((seconds - ($(date +%s) - started)))
    done
    crashes=$(( $(find "$artifacts" -type f | wc -l) - before ))
    summary+=("$(printf '%-14s %6s s  %12s executions  %3s crashes  corpus %s inputs' "$target" "$seconds" "$executions" "$crashes" "$(find "$corpus" -type f | wc -l)")")
done
printf '%s\n' "${summary[@]}"
