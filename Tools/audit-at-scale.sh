#!/usr/bin/env bash
# Runs every reading command on a generated journal of N events (default 1,000,000) in release
# mode and prints wall time and peak memory of each: the audit CLI must stay streaming (it holds
# the state, never all events). Not part of `swift test`.
#
#   Tools/audit-at-scale.sh [EVENTS] [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
events="${1:-1000000}"
work="${2:-$(mktemp -d)}"
mkdir -p "$work"
journal="$work/audit-$events.jsonl"
cd "$root"
swift build -c release --product groupledger >/dev/null
swift build -c release --product generate-journal >/dev/null
bin="$root/.build/release"
[ -s "$journal" ] || "$bin/generate-journal" --events "$events" --seed 1 --out "$journal"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }
measure() {
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { echo "$label failed:"; cat "$work/stderr.txt"; return 1; }
  read -r seconds kilobytes < "$work/time.txt"
  printf '%-28s %8.2f s  %8d MB max RSS\n' "$label" "$seconds" "$((kilobytes / 1024))"
}
# Generated ids are numbered; take the first allocation the journal actually records.
allocation="$(grep -o -m1 '"allocationId":"[^"]*"' "$journal" | head -1 | cut -d'"' -f4)"
echo "journal: $journal ($(stat -c %s "$journal") bytes, $events events)"
measure "verify"                "$bin/groupledger" verify --journal "$journal"
measure "digest"                "$bin/groupledger" digest --journal "$journal"
measure "prove inclusion"       "$bin/groupledger" prove inclusion --seq $((events / 2)) --journal "$journal" --format json
measure "log --format json"     "$bin/groupledger" log --journal "$journal" --format json
measure "state --as-of"         "$bin/groupledger" state --journal "$journal" --as-of 2024-09-01
measure "findings --school-year" "$bin/groupledger" findings --journal "$journal" --school-year 2024
measure "replay (last 1000)"    "$bin/groupledger" replay --journal "$journal" --from $((events - 999))
measure "history g1"            "$bin/groupledger" history g1 --journal "$journal"
measure "explain --allocation"  "$bin/groupledger" explain --allocation "$allocation" --journal "$journal"
measure "funds trace --group"   "$bin/groupledger" funds trace --group g1 --journal "$journal"
measure "diff --known-at"       "$bin/groupledger" diff --known-at $((events / 2)) --known-at "$events" --journal "$journal"
measure "export --jurisdiction" "$bin/groupledger" export --jurisdiction j1 --out "$work/packet" --journal "$journal"
