import LedgerCore
import LedgerJournal

/// `groupledger verify`: checks the whole journal and, optionally, a published digest.
enum VerifyCommand: Command {
    static let spec = CommandSpec(
        path: ["verify"],
        summary: "Check that the journal is sound and still extends a published digest.",
        usage: "verify [--no-checkpoint] [--read-only] [--journal PATH] [--digest SIZE:ROOTHEX] [--format text|json]",
        options: [
            CommonOptions.noCheckpoint, CommonOptions.readOnly, CommonOptions.journal,
            .init(name: "--digest", valueName: "SIZE:ROOTHEX", help: "A digest published earlier (from `groupledger digest`)."),
            CommonOptions.format,
        ],
        maxPositionals: 0,
        discussion: """
        Checks that every line parses and is canonical, seqs run 1, 2, 3… without gaps, every
        batch is whole, each prev is the leaf hash of the line before, and nothing is torn at
        the end. With --digest, also checks that the first SIZE lines still have that Merkle
        root: only this catches a history rewritten with a recomputed chain.
        Exit status: 0 sound, 1 a problem (the first line where the journal stops being sound
        is named), 64 usage error.
        """
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        let json = try arguments.wantsJSON(spec: spec)
        var published: JournalDigest?
        if let text = arguments.value("--digest") {
            guard let digest = JournalDigest(parsing: text) else {
                throw UsageError(message: "the value '\(text)' is invalid for '--digest': expected SIZE:ROOTHEX (a whole number, a colon, 64 lowercase hex digits)", spec: spec)
            }
            published = digest
        }
        let result = try JournalVerifier.verify(path: path, against: published)
        let problem = JournalReading.error(for: result.tail, path: path)
        if json {
            var output = JSONText()
            output.add("journal", path)
            output.add("sound", result.isSound)
            output.add("size", result.digest.size)
            output.add("root", result.digest.root.hex)
            if let problem {
                var detail = JSONText()
                detail.add("kind", problem.code == .tornTail ? "torn" : "corrupt")
                detail.add("line", problem.lineNumber ?? 0)
                detail.add("byteOffset", problem.byteOffset ?? 0)
                if let field = problem.field { detail.add("field", field) }
                detail.add("message", problem.message)
                output.add("problem", object: detail)
            } else if let digestProblem = result.digestProblem {
                var detail = JSONText()
                detail.add("kind", "digest")
                detail.add("message", digestProblem)
                output.add("problem", object: detail)
            }
            context.console.out(output.text + "\n")
        } else if let problem {
            context.console.out("FAILED: \(problem.description)\n")
            context.console.out("the sound part is \(result.eventCount) events, digest \(result.digest)\n")
        } else if let digestProblem = result.digestProblem {
            context.console.out("FAILED: \(path): \(digestProblem)\n")
        } else {
            let extends = published.map { ", extends published digest \($0.size):\($0.root.hex.prefix(12))…" } ?? ""
            context.console.out("ok: \(path) is sound: \(result.eventCount) events, digest \(result.digest)\(extends)\n")
        }
        return result.isSound ? .success : .failure
    }
}
