import LedgerCore
import LedgerJournal

/// `groupledger prove inclusion`: the audit path of one line.
enum ProveInclusionCommand: Command {
    static let spec = CommandSpec(
        path: ["prove", "inclusion"],
        summary: "Prove that a line is in the journal's Merkle tree of a given size.",
        usage: "prove inclusion --seq N [--size M] [--no-checkpoint] [--read-only] [--journal PATH] [--format text|json]",
        options: [
            .init(name: "--seq", valueName: "N", help: "The line to prove (1-based seq)."),
            .init(name: "--size", valueName: "M", help: "The tree size, a number of events (default: all)."),
            CommonOptions.noCheckpoint, CommonOptions.readOnly, CommonOptions.journal,
            CommonOptions.format,
        ],
        maxPositionals: 0,
        discussion: """
        JSON output: {"seq": N, "size": M, "leaf": "<hex>", "path": ["<hex>", …], "root": "<hex>"},
        the path in RFC 9162 §2.1.3 order (from the leaf's sibling up to the root's child).
        """
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        guard let seq = try arguments.integer("--seq", in: 1...JournalLimits.maxSeq, spec: spec) else {
            throw UsageError(message: "missing '--seq N'", spec: spec)
        }
        let size = try arguments.integer("--size", in: 1...JournalLimits.maxSeq, spec: spec)
        let json = try arguments.wantsJSON(spec: spec)
        let proof = try JournalProver.inclusion(path: context.journalPath(arguments), seq: seq, size: size)
        if json {
            var output = JSONText()
            output.add("seq", proof.seq)
            output.add("size", proof.size)
            output.add("leaf", proof.leaf.hex)
            output.add("path", strings: proof.path.map(\.hex))
            output.add("root", proof.root.hex)
            context.console.out(output.text + "\n")
        } else {
            var text = "inclusion of seq \(proof.seq) in the tree of size \(proof.size)\nleaf  \(proof.leaf.hex)\n"
            for (index, hash) in proof.path.enumerated() { text += "path[\(index)]  \(hash.hex)\n" }
            text += "root  \(proof.root.hex)\n"
            context.console.out(text)
        }
        return .success
    }
}

/// `groupledger prove consistency`: that a later tree extends an earlier one.
enum ProveConsistencyCommand: Command {
    static let spec = CommandSpec(
        path: ["prove", "consistency"],
        summary: "Prove that the journal at one size is a prefix of the journal at a later size.",
        usage: "prove consistency --old M [--new N] [--no-checkpoint] [--read-only] [--journal PATH] [--format text|json]",
        options: [
            .init(name: "--old", valueName: "M", help: "The earlier size (a number of events)."),
            .init(name: "--new", valueName: "N", help: "The later size (default: all events)."),
            CommonOptions.noCheckpoint, CommonOptions.readOnly, CommonOptions.journal,
            CommonOptions.format,
        ],
        maxPositionals: 0,
        discussion: """
        JSON output: {"old": M, "new": N, "path": ["<hex>", …], "oldRoot": "<hex>", "newRoot": "<hex>"},
        the path in RFC 9162 §2.1.4 order. Sizes count events; --from/--to elsewhere are seqs.
        When M is 0 or M equals N the path is empty (see Journal/FORMAT.md).
        """
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        guard let old = try arguments.integer("--old", in: 0...JournalLimits.maxSeq, spec: spec) else {
            throw UsageError(message: "missing '--old M'", spec: spec)
        }
        let new = try arguments.integer("--new", in: 0...JournalLimits.maxSeq, spec: spec)
        let json = try arguments.wantsJSON(spec: spec)
        let proof = try JournalProver.consistency(path: context.journalPath(arguments), oldSize: old, newSize: new)
        if json {
            var output = JSONText()
            output.add("old", proof.oldSize)
            output.add("new", proof.newSize)
            output.add("path", strings: proof.path.map(\.hex))
            output.add("oldRoot", proof.oldRoot.hex)
            output.add("newRoot", proof.newRoot.hex)
            context.console.out(output.text + "\n")
        } else {
            var text = "consistency of size \(proof.oldSize) with size \(proof.newSize)\noldRoot  \(proof.oldRoot.hex)\nnewRoot  \(proof.newRoot.hex)\n"
            for (index, hash) in proof.path.enumerated() { text += "path[\(index)]  \(hash.hex)\n" }
            context.console.out(text)
        }
        return .success
    }
}
