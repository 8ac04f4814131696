#!/usr/bin/env bash
# The crash test at full size: a process appending batches is SIGKILLed at random moments,
# TRIALS times (default 200); after each kill the journal is recovered and verified, and every
# acknowledged batch must be present, whole and exactly as sent. Prints trials, acknowledged
# batches, lost and partial (both must be 0; exit 1 otherwise). Extra options go to
# `journal-stress crash` (see Tools/journal-stress/main.swift), e.g. --seed 7.
#
#   Tools/crash-test.sh [TRIALS] [--seed S] [--max-batch-events N] [--max-delay-ms N]
set -euo pipefail
cd "$(dirname "$0")/.."
trials="${1:-200}"
shift || true
swift build -c release --product journal-stress >/dev/null
exec .build/release/journal-stress crash --trials "$trials" "$@"
