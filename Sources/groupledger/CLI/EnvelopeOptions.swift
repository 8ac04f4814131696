import LedgerCore
import LedgerJournal
import LedgerReports

/// The envelope options every record command shares, and the one path they all append by.
enum EnvelopeOptions {
    static let options: [CommandSpec.Option] = [
        .init(name: "--effective", valueName: "DATE", help: "When it takes effect: YYYY, YYYY-MM or YYYY-MM-DD (required)."),
        .init(name: "--actor", valueName: "ID", help: "Who records it (an opaque id; required)."),
        .init(name: "--as", valueName: "ROLE", help: "The role recorded in, e.g. BureauClerk (required)."),
        .init(name: "--on-behalf-of", valueName: "ID", help: "The authority or school acted for."),
        .init(name: "--document", valueName: "文号", help: "The document it rests on (文号, or a document id)."),
        .init(name: "--approval", valueName: "ID", help: "The approval it rests on."),
        .init(name: "--clause", valueName: "TEXT", help: "The clause of the document."),
        .init(name: "--synthetic", valueName: nil, help: "Mark the fact as synthetic (made up for demonstration)."),
        .init(name: "--adjustment", valueName: "REASON", help: "An explicit adjustment to a sealed year, with the reason (needs --document or --approval)."),
        .init(name: "--expect-seq", valueName: "N", help: "Refuse unless the journal's last seq is N."),
        CommonOptions.language,
        CommonOptions.journal,
        CommonOptions.format,
    ]

    /// A required option's value.
    static func required(_ arguments: ParsedArguments, _ name: String, spec: CommandSpec) throws(UsageError) -> String {
        guard let value = arguments.value(name), !value.isEmpty else { throw UsageError(message: "missing '\(name)'", spec: spec) }
        return value
    }

    /// A comma-separated list option (absent: empty).
    static func list(_ arguments: ParsedArguments, _ name: String) -> [String] {
        (arguments.value(name) ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Drafts for the payloads, with the envelope from the options; payloads are checked by the
    /// catalogue on append, so a wrong word or id is reported with the option's JSON field.
    static func drafts(_ payloads: [(type: String, data: JSONObject)], _ arguments: ParsedArguments, spec: CommandSpec) throws -> [EventDraft] {
        let effectiveText = try required(arguments, "--effective", spec: spec)
        let effective: PartialDate
        do { effective = try PartialDate(parsing: effectiveText) } catch {
            throw UsageError(message: "the value '\(effectiveText)' is invalid for '--effective': \(error.message)", spec: spec)
        }
        let actor = Actor(id: try required(arguments, "--actor", spec: spec), role: try required(arguments, "--as", spec: spec),
                          onBehalfOf: arguments.value("--on-behalf-of"))
        var authority: Authority?
        if arguments.value("--document") != nil || arguments.value("--approval") != nil {
            authority = Authority(document: arguments.value("--document"), approval: arguments.value("--approval"), clause: arguments.value("--clause"))
        }
        return payloads.map { payload in
            var data = payload.data
            if arguments.flag("--synthetic") { data["synthetic"] = .bool(true) }
            if let reason = arguments.value("--adjustment") { data["adjustmentZh"] = .string(reason) }
            let version = EventCatalog.payloadType(named: payload.type)?.currentVersion ?? 1
            return EventDraft(type: payload.type, version: version, effective: effective, actor: actor, authority: authority, data: data)
        }
    }

    /// Appends the drafts and prints what was recorded.
    static func record(_ drafts: [EventDraft], _ arguments: ParsedArguments, session: LedgerSession? = nil, context: CommandContext,
                       spec: CommandSpec) throws -> ExitCode {
        let path = context.journalPath(arguments)
        let expectSeq = try arguments.integer("--expect-seq", in: 0...JournalLimits.maxSeq, spec: spec)
        let json = try arguments.wantsJSON(spec: spec)
        let language = try arguments.language(spec: spec)
        let receipt = try (session ?? LedgerSession(path: path, clock: try context.clock(spec: spec))).append(drafts, expectSeq: expectSeq)
        var output = ""
        for (index, draft) in drafts.enumerated() {
            let event = RecordedEvent(seq: receipt.firstSeq + Int64(index), recorded: receipt.recorded, draft: draft)
            if json {
                output += String(decoding: CanonicalJSON.encode(.object(JSONObject(uniqueKeysWithValues: draft.jsonMembers() + [
                    ("seq", .integer(event.seq)), ("recorded", .string(receipt.recorded.description)),
                ]))), as: UTF8.self) + "\n"
            } else {
                output += (index == 0 ? "" : "\n") + language.choose("recorded ", "已记录 ") + EventText.block(event, language: language)
            }
        }
        context.console.out(output)
        return .success
    }
}
