#!/usr/bin/env python3
"""GroupLedger side by side with SQLite, on the same events, with the same durability.

    python3 Tools/bench-vs-sqlite.py [--events 1000000] [--runs 3] [--dir /tmp/groupledger-bench-sqlite]
                                     [--journal PATH] [--fsync-events 20000] [--year 2024]

Builds nothing: run `swift build -c release` first (the script uses .build/release). It
generates a journal with Tools/generate-journal (or uses --journal), then measures, each as
the median of --runs runs with the spread (min–max), and the peak RSS of each process:

  append   durable appends of the journal's own lines through the engine (groupledger-bench
           --from-journal), one event per fsync (on --fsync-events events) and in batches of
           100 and 1,000; SQLite gets the same lines in a table (seq INTEGER PRIMARY KEY, line
           TEXT), journal_mode=WAL, synchronous=FULL, one transaction per batch. Batches of 100
           and 1,000 are measured both one `append` call at a time and through
           `append(contentsOf:)`, which still writes and fsyncs each batch before acknowledging
           it but encodes the next batch meanwhile ("pipelined"), against the same SQLite run.
           One event per fsync is also set against the disk's own rate for the same writes (as
           many `pwrite` + `fsync` of the lines' mean size into a new file, right after each run).
  replay   a full rebuild of the state from a cold process (`groupledger state --no-checkpoint`)
           against SQLite's scan of the same lines with json.loads of each (a cold python3).
  verify   `groupledger verify` (every line, the chain, the Merkle root).
  state    `groupledger state --as-of` from a cold process, with its checkpoint in place.
  report   `groupledger report annual --year Y --format json`.
  queries  what an auditor asks of one entity or a stretch of the journal, from a cold process
           with the checkpoint in place: `history ID` (every event that names a school, with its
           change and findings) against SQLite's scan for the lines holding the id (LIKE, no
           index, json.loads of each match); `replay --to 20`; `log --from` the last 10 events
           against SQLite's primary-key range.
  size     the state's size after the replay, table by table (`groupledger-bench --state-size-of`:
           entries and estimated bytes, with the process's peak RSS).

Ratios are GroupLedger/SQLite rates (above 1: GroupLedger is faster): the ratio of the medians,
and the range of the ratios of each run with the SQLite run taken right after it (the two sides
take turns, so a drift in this machine's speed falls on both). Benchmarks, not tests.
"""
import argparse, os, re, resource, sqlite3, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release")


def run(command, stdout=subprocess.DEVNULL):
    """Wall seconds and peak RSS (KiB) of one child process (see `measure`)."""
    elapsed, rss, _ = measure(command, stdout)
    return elapsed, rss


def measure(command, stdout=subprocess.DEVNULL):
    """Wall seconds, peak RSS (KiB) and CPU seconds (user + system) of one child process.

    The RSS and CPU come from GNU time, a small process that execs the command: measured from
    this Python process, a forked child's peak would include the memory it inherited (the
    journal's lines, read for SQLite) before exec."""
    start = time.perf_counter()
    process = subprocess.run(["/usr/bin/time", "-f", "maxrss %M cpu %U %S"] + command, stdout=stdout, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    error = process.stderr.decode(errors="replace")
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed: {error}")
    rss, user, system = re.findall(r"maxrss (\d+) cpu ([\d.]+) ([\d.]+)", error)[-1]
    return elapsed, int(rss), float(user) + float(system)


def spread(values, unit="s"):
    return f"median {statistics.median(values):.3f} {unit} (min {min(values):.3f}, max {max(values):.3f}, {len(values)} runs)"


def sqlite_load(path, lines, batch):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, line TEXT NOT NULL)")
    # The rows and batches are cut before the clock starts, as groupledger-bench does.
    batches = [[(first + index + 1, line) for index, line in enumerate(lines[first:first + batch])]
               for first in range(0, len(lines), batch)]
    start = time.perf_counter()
    for rows in batches:
        connection.execute("BEGIN")
        connection.executemany("INSERT INTO events (seq, line) VALUES (?, ?)", rows)
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


SCAN = r"""
import json, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
count = 0
for (line,) in connection.execute("SELECT line FROM events ORDER BY seq"):
    json.loads(line)
    count += 1
assert count == int(sys.argv[2]), count
"""

# The lines holding an id as a string (a scan: the table has no index on the payload).
FIND = r"""
import json, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
rows = [json.loads(line) for (line,) in connection.execute("SELECT line FROM events WHERE line LIKE ? ORDER BY seq", (f'%"{sys.argv[2]}"%',))]
assert rows
"""

# The lines from a seq on (the primary key's range).
RANGE = r"""
import json, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
rows = [json.loads(line) for (line,) in connection.execute("SELECT line FROM events WHERE seq >= ? ORDER BY seq", (int(sys.argv[2]),))]
assert rows
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", default="/tmp/groupledger-bench-sqlite")
    parser.add_argument("--journal")
    parser.add_argument("--fsync-events", type=int, default=20_000)
    parser.add_argument("--year", default="2024")
    parser.add_argument("--skip-appends", action="store_true", help="measure from the replay on (the appends take most of the run)")
    options = parser.parse_args()
    os.makedirs(options.dir, exist_ok=True)
    if not os.path.exists("/usr/bin/time"):
        sys.exit("bench: /usr/bin/time (GNU time) is needed for peak RSS: apt-get install time")
    for tool in ("groupledger", "groupledger-bench", "generate-journal"):
        if not os.path.exists(os.path.join(BIN, tool)):
            sys.exit(f"bench: {BIN}/{tool} is missing: run `swift build -c release` first")
    journal = options.journal or os.path.join(options.dir, f"generated-{options.events}.jsonl")
    if not os.path.exists(journal):
        print(f"generating {options.events} events into {journal} …", flush=True)
        elapsed, rss = run([os.path.join(BIN, "generate-journal"), "--events", str(options.events), "--seed", "1", "--out", journal])
        print(f"  generated in {elapsed:.1f} s, {rss // 1024} MB peak")
    with open(journal, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    events = len(lines)
    size = os.path.getsize(journal)
    print(f"journal: {journal}: {events} events, {size / 1e6:.0f} MB, {size / max(events, 1):.0f} bytes/line; {options.runs} runs each\n")
    results = []

    # Appends, with the same lines and batching on both sides; then the replay. The two sides
    # take turns run by run (GroupLedger, SQLite, GroupLedger, …) rather than all of one side's
    # runs first: this machine's speed drifts by a fifth over minutes, and turns put both sides
    # in the same minutes. Each pair gives a ratio, and the spread of those ratios is printed.
    for batch, count in () if options.skip_appends else ((1, min(options.fsync_events, events)), (100, events), (1000, events)):
        rates, pipelined_rates, sqlite_times, raw_rate, same_writes = [], [], [], None, []
        phases = "append" if batch == 1 else "append,pipelined"
        for _ in range(options.runs):
            output = subprocess.run([os.path.join(BIN, "groupledger-bench"), "--events", str(count), "--batch", str(batch), "--runs", "1",
                                     "--phases", phases, "--from-journal", journal, "--dir", os.path.join(options.dir, "engine")],
                                    check=True, capture_output=True, text=True).stdout
            rates.append(float(re.search(r"durable append, batch +\d+: +([\d.]+) events/s", output).group(1)))
            pipelined = re.search(r"durable append, batch +\d+, pipelined: +([\d.]+) events/s", output)
            if pipelined:
                pipelined_rates.append(float(pipelined.group(1)))
            raw = re.search(r"raw write\+fsync: +([\d.]+) fsyncs/s", output)
            raw_rate = raw_rate or (float(raw.group(1)) if raw else None)
            # The disk's rate for the same writes (as many, of the lines' mean size), run by run.
            same = re.search(r"raw write\+fsync, same writes: +([\d.]+) fsyncs/s", output)
            if same:
                same_writes.append(float(same.group(1)))
            sqlite_times.append(sqlite_load(os.path.join(options.dir, "events.sqlite"), lines[:count], batch))
        rate = statistics.median(rates)
        sqlite_rate = count / statistics.median(sqlite_times)
        pairs = [ours / (count / theirs) for ours, theirs in zip(rates, sqlite_times)]
        note = f"; raw write+fsync of this disk {raw_rate:.0f}/s, GroupLedger at {rate / raw_rate:.2f}×" if batch == 1 and raw_rate else ""
        if batch == 1 and same_writes:
            ratios = [ours / disk for ours, disk in zip(rates, same_writes)]
            note += (f"; the same writes raw, right after each run: {statistics.median(same_writes):.0f}/s, GroupLedger at "
                     f"{statistics.median(ratios):.2f}× (runs {', '.join(f'{r:.2f}' for r in ratios)})")
        results.append((f"append, batch {batch} ({count} events)", f"{rate:,.0f} events/s (min {min(rates):,.0f}, max {max(rates):,.0f})",
                        f"{sqlite_rate:,.0f} events/s ({spread(sqlite_times)})", rate / sqlite_rate, pairs, note))
        if pipelined_rates:
            rate = statistics.median(pipelined_rates)
            pairs = [ours / (count / theirs) for ours, theirs in zip(pipelined_rates, sqlite_times)]
            results.append((f"append, batch {batch}, pipelined", f"{rate:,.0f} events/s (min {min(pipelined_rates):,.0f}, max {max(pipelined_rates):,.0f})",
                            f"{sqlite_rate:,.0f} events/s (the same runs)", rate / sqlite_rate, pairs, ""))

    # Replay: a full rebuild against a scan with JSON decoding.
    sqlite_load(os.path.join(options.dir, "events.sqlite"), lines, 1000)
    del lines
    gl, sq = [], []
    for _ in range(options.runs):
        gl.append(run([os.path.join(BIN, "groupledger"), "state", "--no-checkpoint", "--format", "json", "--journal", journal]))
        sq.append(run([sys.executable, "-c", SCAN, os.path.join(options.dir, "events.sqlite"), str(events)]))
    results.append(("replay: full rebuild vs scan + json.loads", f"{spread([t for t, _ in gl])}, {max(r for _, r in gl) // 1024} MB",
                    f"{spread([t for t, _ in sq])}, {max(r for _, r in sq) // 1024} MB",
                    statistics.median([t for t, _ in sq]) / statistics.median([t for t, _ in gl]),
                    [theirs / ours for (ours, _), (theirs, _) in zip(gl, sq)], ""))

    # GroupLedger alone.
    for label, command in (
        ("verify", ["verify"]),
        ("state --as-of (checkpoint)", ["state", "--as-of", f"{options.year}-09-01"]),
        (f"report annual --year {options.year}", ["report", "annual", "--year", options.year, "--format", "json"]),
    ):
        if label.startswith("state"):
            run([os.path.join(BIN, "groupledger"), "state", "--journal", journal])  # writes the checkpoint if there is none
        measured = [run([os.path.join(BIN, "groupledger")] + command + ["--journal", journal]) for _ in range(options.runs)]
        results.append((label, f"{spread([t for t, _ in measured])}, {max(r for _, r in measured) // 1024} MB", "", None, [], ""))

    # Queries: one entity, the first events, the last events (the checkpoint is in place).
    school = re.search(rb'"schoolId":"([a-z0-9-]+)"', open(journal, "rb").read(1 << 20)).group(1).decode()
    sqlite_path = os.path.join(options.dir, "events.sqlite")
    for label, command, theirs in (
        (f"history {school}", ["history", school], [sys.executable, "-c", FIND, sqlite_path, school]),
        ("replay --to 20", ["replay", "--to", "20"], None),
        (f"log --from {events - 9}", ["log", "--from", str(events - 9)], [sys.executable, "-c", RANGE, sqlite_path, str(events - 9)]),
    ):
        gl, sq = [], []
        for _ in range(options.runs):
            gl.append(run([os.path.join(BIN, "groupledger")] + command + ["--journal", journal]))
            if theirs:
                sq.append(run(theirs))
        if theirs:
            results.append((label, f"{spread([t for t, _ in gl])}, {max(r for _, r in gl) // 1024} MB",
                            f"{spread([t for t, _ in sq])}, {max(r for _, r in sq) // 1024} MB",
                            statistics.median([t for t, _ in sq]) / statistics.median([t for t, _ in gl]),
                            [b / a for (a, _), (b, _) in zip(gl, sq)], ""))
        else:
            results.append((label, f"{spread([t for t, _ in gl])}, {max(r for _, r in gl) // 1024} MB", "", None, [], ""))

    # The state a replay keeps, table by table.
    sizes = subprocess.run([os.path.join(BIN, "groupledger-bench"), "--state-size-of", journal],
                           check=True, capture_output=True, text=True).stdout

    width = max(len(row[0]) for row in results)
    for label, ours, theirs, ratio, pairs, note in results:
        line = f"{label:<{width}}  GroupLedger {ours}"
        if theirs:
            line += (f"\n{'':<{width}}  SQLite      {theirs}\n{'':<{width}}  GroupLedger/SQLite {ratio:.2f}× of the medians"
                     f" (run by run {min(pairs):.2f}×–{max(pairs):.2f}×){note}")
        print(line)
    print("\n" + sizes, end="")


if __name__ == "__main__":
    main()
