#!/usr/bin/env bash
# Rebuilds the shipped sample journal from the batch files in Tools/shipped-journal/, through
# the tool's own append path, with a fixed clock per batch, so the result is the same bytes
# on every machine. Usage: Tools/make-shipped-journal.sh [OUT] (default Journal/ledger.jsonl)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/Journal/ledger.jsonl}"
binary="${GROUPLEDGER_BINARY:-}"
if [ -z "$binary" ]; then
  (cd "$root" && swift build --product groupledger >/dev/null)
  binary="$root/.build/debug/groupledger"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
while IFS=$'\t' read -r recorded file; do
  case "$recorded" in "#"*|"") continue ;; esac
  GROUPLEDGER_CLOCK="$recorded" "$binary" append --journal "$work/ledger.jsonl" "$root/Tools/shipped-journal/$file" >/dev/null
done < "$root/Tools/shipped-journal/batches.tsv"
"$binary" verify --journal "$work/ledger.jsonl" >/dev/null
mv "$work/ledger.jsonl" "$out"
echo "wrote $out: $("$binary" digest --journal "$out")"
