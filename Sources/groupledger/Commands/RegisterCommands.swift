import LedgerCore
import LedgerJournal

/// `groupledger register add|update`: a person's name and details in the register.
enum RegisterPutCommand: Command {
    static let spec = CommandSpec(
        path: ["register", "put"], summary: "Add or update a person's name and details in the personal-data register (outside the journal).",
        usage: "register put --subject ID --name NAME [--detail KEY=VALUE …] [--journal PATH] [--format text|json]",
        options: [
            .init(name: "--subject", valueName: "ID", help: "The opaque id used in events (staff id or actor id)."),
            .init(name: "--name", valueName: "NAME", help: "The person's name."),
            .init(name: "--detail", valueName: "KEY=VALUE[,KEY=VALUE]", help: "Other details, e.g. post=教导主任."),
            CommonOptions.journal, CommonOptions.format,
        ],
        maxPositionals: 0,
        discussion: "The register is <journal>.register.jsonl; nothing personal is written into the journal.")

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let journal = context.journalPath(arguments)
        let subject = try EnvelopeOptions.required(arguments, "--subject", spec: spec)
        var details = JSONObject(uniqueKeysWithValues: [("nameZh", .string(TextNormalization.nfc(try EnvelopeOptions.required(arguments, "--name", spec: spec))))])
        for pair in EnvelopeOptions.list(arguments, "--detail") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw UsageError(message: "the value '\(pair)' is invalid for '--detail': expected KEY=VALUE", spec: spec) }
            details[parts[0]] = .string(TextNormalization.nfc(parts[1]))
        }
        let json = try arguments.wantsJSON(spec: spec)
        let register = try PersonalDataRegister.update(path: PersonalDataRegister.path(forJournal: journal)) { register in
            try register.put(subjectId: subject, details: details)
            return register
        }
        if json {
            var object = JSONText()
            object.add("subjectId", subject)
            object.add("register", register.path)
            context.console.out(object.text + "\n")
        } else {
            context.console.out("registered \(subject) in \(register.path) (not in the journal)\n")
        }
        return .success
    }
}

/// `groupledger register erase`: removes a person's details and records the erasure.
enum RegisterEraseCommand: Command {
    static let spec = CommandSpec(
        path: ["register", "erase"], summary: "Erase a person's details from the register and record the erasure (without the data) in the journal.",
        usage: "register erase --subject ID --effective DATE --actor ID --as LedgerAdmin [--document 文号 | --approval ID] [--journal PATH]",
        options: [.init(name: "--subject", valueName: "ID", help: "The opaque id whose details are erased.")] + EnvelopeOptions.options,
        maxPositionals: 0,
        discussion: """
        The PersonalDataErased event is appended first (after fsync), then the register entry is
        removed: a crash in between leaves the erasure recorded, and running erase again finishes it.
        The journal still verifies: the register was never part of the hash chain.
        """)

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let journal = context.journalPath(arguments)
        let subject = try EnvelopeOptions.required(arguments, "--subject", spec: spec)
        let drafts = try EnvelopeOptions.drafts([("PersonalDataErased", JSONObject(uniqueKeysWithValues: [("subjectId", .string(subject))]))],
                                                arguments, spec: spec)
        // The register stays locked from recording the erasure to removing the entry, so no
        // concurrent change can put the erased details back in between.
        let (status, hadEntry, register) = try PersonalDataRegister.update(path: PersonalDataRegister.path(forJournal: journal)) { register in
            let status = try EnvelopeOptions.record(drafts, arguments, context: context, spec: spec)
            return (status, try register.erase(subjectId: subject), register)
        }
        if try arguments.wantsJSON(spec: spec) {
            // A second JSON line after the recorded event's: what happened to the register.
            var object = JSONText()
            object.add("subjectId", subject)
            object.add("detailsErased", hadEntry)
            object.add("register", register.path)
            context.console.out(object.text + "\n")
        } else {
            context.console.out(hadEntry ? "erased \(subject)'s details from \(register.path)\n" : "\(subject) had no details in \(register.path)\n")
        }
        return status
    }
}

/// `groupledger register show`: what the register holds.
enum RegisterShowCommand: Command {
    static let spec = CommandSpec(
        path: ["register", "show"], summary: "Show the personal-data register (who each opaque id is).",
        usage: "register show [--subject ID] [--read-only] [--journal PATH] [--format text|json]",
        options: [.init(name: "--subject", valueName: "ID", help: "Only this subject."), CommonOptions.readOnly, CommonOptions.journal, CommonOptions.format],
        maxPositionals: 0, discussion: "JSON: one {subjectId, …details} object per line.")

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let register = try PersonalDataRegister.load(path: PersonalDataRegister.path(forJournal: context.journalPath(arguments)))
        let json = try arguments.wantsJSON(spec: spec)
        var text = ""
        for subject in register.entries.keys.sorted() where arguments.value("--subject") == nil || arguments.value("--subject") == subject {
            let entry = register.entries[subject]!
            if json {
                text += String(decoding: CanonicalJSON.encode(.object(entry)), as: UTF8.self) + "\n"
            } else {
                // Text for people: the id, then each detail as key=value, Chinese as written.
                let details = entry.keys.sorted().filter { $0 != "subjectId" }.map { key -> String in
                    if case .string(let value) = entry[key]! { return "\(key)=\(value)" }
                    return "\(key)=" + String(decoding: CanonicalJSON.encode(entry[key]!), as: UTF8.self)
                }
                text += ([subject] + details).joined(separator: "  ") + "\n"
            }
        }
        context.console.out(text)
        return .success
    }
}
