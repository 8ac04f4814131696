// journal-stress: the crash and concurrency tests of the journal, with figures.
//
//   journal-stress crash [--trials 200] [--seed S] [--trials-per-journal 4] [--max-batch-events 2000]
//                        [--min-delay-ms 5] [--max-delay-ms 250] [--directory DIR --keep] [--pipelined]
//       A worker process appends batches and is SIGKILLed at a random moment, once per trial.
//       After each kill: recover, verify, and check every acknowledged batch is present, whole
//       and exactly as sent. Prints trials, acknowledged batches, lost and partial (both must be
//       0); exit 1 otherwise.
//   journal-stress concurrency [--processes 4] [--appends 2500] [--seed S] [--journal PATH]
//       PROCESSES processes append APPENDS one-event batches each to one journal at once;
//       prints the events, whether they are gap-free and the chain valid; exit 1 otherwise.
//   journal-stress worker …   (the appending process both start)
import Foundation
import Glibc
import LedgerCore
import LedgerJournal

/// Prints a line on standard output at once (a pipe would otherwise hold it until exit).
func say(_ line: String) {
    writeAll(STDOUT_FILENO, line + "\n")
}

func usage(_ message: String) -> Never {
    writeAll(STDERR_FILENO, "journal-stress: \(message)\nUsage: journal-stress crash|concurrency [options]  (see Tools/journal-stress/main.swift)\n")
    exit(64)
}

/// `--name value` pairs and bare flags.
func options(_ arguments: ArraySlice<String>, flags: Set<String> = []) -> [String: String] {
    var result: [String: String] = [:]
    var index = arguments.startIndex
    while index < arguments.endIndex {
        let name = arguments[index]
        guard name.hasPrefix("--") else { usage("unexpected argument '\(name)'") }
        if flags.contains(name) {
            result[name] = ""
            index += 1
            continue
        }
        guard index + 1 < arguments.endIndex else { usage("missing value for \(name)") }
        result[name] = arguments[index + 1]
        index += 2
    }
    return result
}

func number<Value: FixedWidthInteger>(_ options: [String: String], _ name: String, default value: Value) -> Value {
    guard let text = options[name] else { return value }
    guard let parsed = Value(text), parsed >= 0 else { usage("\(name) expects a whole number, found '\(text)'") }
    return parsed
}

/// This executable's own path, to start workers.
func executablePath() -> String {
    var buffer = [CChar](repeating: 0, count: 4_096)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    return count > 0 ? String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
}

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "worker":
    let given = options(arguments.dropFirst(), flags: ["--fixed-size", "--pipelined"])
    guard let journal = given["--journal"] else { usage("worker: missing --journal") }
    let batches = StressBatches(seed: number(given, "--seed", default: 1), run: number(given, "--run", default: 0),
                                worker: number(given, "--worker", default: 0), maxBatchEvents: max(1, number(given, "--max-batch-events", default: 1)),
                                fixedSize: given["--fixed-size"] != nil)
    exit(StressWorker.run(journal: journal, batches: batches, batchCount: number(given, "--batches", default: 1),
                          pipelined: given["--pipelined"] != nil))

case "crash":
    let given = options(arguments.dropFirst(), flags: ["--keep", "--pipelined"])
    var trials = CrashTrials()
    trials.pipelined = given["--pipelined"] != nil
    trials.trials = number(given, "--trials", default: 200)
    trials.seed = number(given, "--seed", default: 1)
    trials.trialsPerJournal = max(1, number(given, "--trials-per-journal", default: 4))
    trials.maxBatchEvents = min(JournalLimits.maxBatchEvents, max(1, number(given, "--max-batch-events", default: 2_000)))
    trials.minimumDelayMilliseconds = number(given, "--min-delay-ms", default: 5)
    trials.maximumDelayMilliseconds = max(trials.minimumDelayMilliseconds, number(given, "--max-delay-ms", default: 250))
    trials.directory = given["--directory"]
    trials.keep = given["--keep"] != nil
    trials.selfTestCutBytes = number(given, "--self-test-cut-bytes", default: 0)
    say("journal-stress crash: seed \(trials.seed), \(trials.trials) trials, a new journal every \(trials.trialsPerJournal), batches of 1–\(trials.maxBatchEvents) events, SIGKILL after \(trials.minimumDelayMilliseconds)–\(trials.maximumDelayMilliseconds) ms\(trials.pipelined ? ", appended through append(contentsOf:)" : "")")
    do {
        let figures = try trials.run(executable: executablePath(), progress: say)
        for failure in figures.otherFailures.prefix(20) { say("FAILED: \(failure)") }
        say("trials: \(figures.trials)")
        say("acknowledged batches: \(figures.acknowledged)")
        say("present but not acknowledged (killed between fsync and acknowledgement): \(figures.presentNotAcknowledged)")
        say("torn tails moved aside by recover: \(figures.tornTailsMoved)")
        say("events checked: \(figures.eventsChecked)")
        say("lost: \(figures.lost)")
        say("partial: \(figures.partial)")
        exit(figures.lost == 0 && figures.partial == 0 && figures.otherFailures.isEmpty ? 0 : 1)
    } catch {
        writeAll(STDERR_FILENO, "journal-stress crash: \(error)\n")
        exit(1)
    }

case "concurrency":
    let given = options(arguments.dropFirst())
    var run = ConcurrencyRun()
    run.processes = max(1, number(given, "--processes", default: 4))
    run.appendsPerProcess = max(1, number(given, "--appends", default: 2_500))
    run.seed = number(given, "--seed", default: 1)
    run.journal = given["--journal"]
    do {
        let figures = try run.run(executable: executablePath())
        for failure in figures.failures.prefix(20) { say("FAILED: \(failure)") }
        say("processes: \(figures.processes) × \(run.appendsPerProcess) appends")
        say("acknowledged appends: \(figures.acknowledged)")
        say("events: \(figures.events)")
        say("gap-free: \(figures.gapFree ? "yes" : "no")")
        say("chain valid: \(figures.chainValid ? "yes" : "no")")
        say("each process's events in the order sent: \(figures.eachProcessInOrder ? "yes" : "no")")
        say("wall time: \(String(format: "%.1f", figures.seconds)) s (\(Int(Double(figures.appends) / max(figures.seconds, 0.001))) durable appends/s)")
        let ok = figures.failures.isEmpty && figures.gapFree && figures.chainValid && figures.eachProcessInOrder && figures.acknowledged == figures.appends
        exit(ok ? 0 : 1)
    } catch {
        writeAll(STDERR_FILENO, "journal-stress concurrency: \(error)\n")
        exit(1)
    }

default:
    usage("expected a mode: crash, concurrency or worker")
}
