#!/usr/bin/env python3
"""How GroupLedger's times grow from a small journal to a large one (1M to 10M events).

    python3 Tools/bench-growth.py --small J1M --large J10M [--runs 3] [--limit X] [--year 2024]
                                  [--dir /tmp/groupledger-bench-growth] [--skip append]

Builds nothing: run `swift build -c release` first. Both journals come from
Tools/generate-journal with the same seed (`--events 1000000` and `--events 10000000`). Each
measure is run on the small journal and then on the large one, pair after pair, so a drift in
this machine's speed falls on both sides of a pair; the growth printed is the ratio of the
medians, with the range of the pairs' ratios, next to the ratio of event counts and the limit
(by default 1.1× the ratio of event counts: the performance issue's target is that 10M events
take at most 11× the 1M times).

  append   durable appends of each journal's own lines in batches of 1,000, one `append` at a
           time (groupledger-bench --from-journal; seconds for all the events)
  replay   a full rebuild of the state from a cold process (`state --no-checkpoint --read-only`)
  verify   `groupledger verify`
  state    `state --as-of` from a cold process with the journal's checkpoint in place
  report   `report annual --year Y --format json`
  findings `findings --school-year Y` (every event judged against the state it met, and the
           periodic rules for one school year; not among the issue's measures, but it reads
           all of history the way a report does)

Wall seconds are what a user waits; CPU seconds (user + system, both cores) are printed beside
them because they drift less on a shared machine. Peak RSS is the larger of a measure's runs.
A benchmark, not a test: it checks no answer.
"""
import argparse, importlib.util, os, re, statistics, subprocess, sys

TOOLS = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("bench_vs_sqlite", os.path.join(TOOLS, "bench-vs-sqlite.py"))
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def count_lines(path):
    """Events in a journal: its newline-terminated lines (a torn tail is not an event)."""
    count = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 24):
            count += chunk.count(b"\n")
    return count


def append_seconds(journal, events, directory):
    """Seconds inside `append` for all of `journal`'s events in batches of 1,000."""
    output = subprocess.run([os.path.join(bench.BIN, "groupledger-bench"), "--events", str(events), "--batch", "1000", "--runs", "1",
                             "--phases", "append", "--from-journal", journal, "--dir", directory],
                            check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"durable append, batch +\d+: +([\d.]+) events/s", output).group(1))
    return events / rate


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", required=True, help="the smaller journal (1M events)")
    parser.add_argument("--large", required=True, help="the larger journal (10M events)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, help="the largest growth accepted (default: 1.1 × the event ratio, 11× for 10×)")
    parser.add_argument("--year", default="2024")
    parser.add_argument("--dir", default="/tmp/groupledger-bench-growth")
    parser.add_argument("--skip", default="", help="measures to leave out, comma-separated (append, replay, verify, state, report, findings)")
    options = parser.parse_args()
    skipped = set(filter(None, options.skip.split(",")))
    for tool in ("groupledger", "groupledger-bench"):
        if not os.path.exists(os.path.join(bench.BIN, tool)):
            sys.exit(f"bench-growth: {bench.BIN}/{tool} is missing: run `swift build -c release` first")
    os.makedirs(options.dir, exist_ok=True)
    journals = {"small": options.small, "large": options.large}
    events = {side: count_lines(path) for side, path in journals.items()}
    sizes = {side: os.path.getsize(path) for side, path in journals.items()}
    for side, path in journals.items():
        print(f"{side}: {path}: {events[side]} events, {sizes[side] / 1e6:.0f} MB, {sizes[side] / max(events[side], 1):.0f} bytes/line")
    scale = events["large"] / events["small"]
    options.limit = options.limit or round(1.1 * scale, 2)
    print(f"{options.runs} pairs each; event ratio {scale:.2f}×, limit {options.limit:g}×\n", flush=True)

    groupledger = os.path.join(bench.BIN, "groupledger")
    commands = {
        "replay": ["state", "--no-checkpoint", "--read-only", "--format", "json"],
        "verify": ["verify"],
        "state": ["state", "--as-of", f"{options.year}-09-01"],
        "report": ["report", "annual", "--year", options.year, "--format", "json"],
        "findings": ["findings", "--school-year", options.year, "--read-only"],
    }
    rows = []
    for measure in ("append", "replay", "verify", "state", "report", "findings"):
        if measure in skipped:
            continue
        if measure == "state":
            for path in journals.values():
                bench.run([groupledger, "state", "--journal", path])  # writes the checkpoint if there is none
        runs = {"small": [], "large": []}
        for _ in range(options.runs):
            for side, path in journals.items():
                if measure == "append":
                    runs[side].append((append_seconds(path, events[side], os.path.join(options.dir, side)), None, None))
                else:
                    runs[side].append(bench.measure([groupledger] + commands[measure] + ["--journal", path]))
        wall = {side: statistics.median(t for t, _, _ in runs[side]) for side in runs}
        pairs = [large[0] / small[0] for small, large in zip(runs["small"], runs["large"])]
        growth = wall["large"] / wall["small"]
        line = (f"{measure:<7} {wall['small']:8.3f} s → {wall['large']:8.3f} s   growth {growth:5.2f}× "
                f"(pairs {min(pairs):.2f}×–{max(pairs):.2f}×)  {'within' if growth <= options.limit else 'OVER'} {options.limit:g}×")
        if runs["small"][0][2] is not None:
            cpu = {side: statistics.median(c for _, _, c in runs[side]) for side in runs}
            rss = {side: max(r for _, r, _ in runs[side]) // 1024 for side in runs}
            cpu_growth = f" ({cpu['large'] / cpu['small']:.2f}×)" if cpu["small"] > 0 else ""
            line += f"\n        CPU {cpu['small']:.2f} s → {cpu['large']:.2f} s{cpu_growth}; peak RSS {rss['small']} MB → {rss['large']} MB"
        print(line, flush=True)
        rows.append((measure, growth))
    over = [measure for measure, growth in rows if growth > options.limit]
    print(f"\n{len(rows) - len(over)} of {len(rows)} measures within {options.limit:g}×" + (f"; over: {', '.join(over)}" if over else ""))


if __name__ == "__main__":
    main()
