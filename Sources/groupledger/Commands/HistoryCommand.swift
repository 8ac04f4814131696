import LedgerCore
import LedgerJournal
import LedgerReports

/// `groupledger history`: every event that touched an entity, in order.
enum HistoryCommand: Command {
    static let spec = CommandSpec(
        path: ["history"],
        summary: "Every event that touched a school, group, staff id, allocation, approval or document, with corrections beside what they correct.",
        usage: "history ENTITY [--lang zh|en] [--no-checkpoint] [--read-only] [--journal PATH] [--format text|json]",
        options: [
            CommonOptions.language,
            CommonOptions.noCheckpoint, CommonOptions.readOnly, CommonOptions.journal, CommonOptions.format,
        ],
        maxPositionals: 1,
        discussion: """
        ENTITY is an id, or a Chinese name or alias (of a school, group or authority), or a 文号;
        an ambiguous name is refused with the ids it could mean.
        """)

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        guard let query = arguments.positionals.first else { throw UsageError(message: "missing ENTITY (an id, a name or a 文号)", spec: spec) }
        let path = context.journalPath(arguments)
        let language = try arguments.language(spec: spec)
        let json = try arguments.wantsJSON(spec: spec)
        // The folded state is needed only to resolve the name; it is released before the walk,
        // which folds its own, so a large journal costs one state in memory, not two.
        let (id, documentNumber) = try { () throws -> (String, String?) in
            let state = try JournalReading.state(path: path)
            let id = try EntityNames.resolve(query, in: state, path: path)
            return (id, state.documents[id]?.payload.docNumber?.normalized)
        }()
        let register = try? PersonalDataRegister.load(path: PersonalDataRegister.path(forJournal: path))
        var touchingSeqs: Set<Int64> = []
        var output = StreamingOutput(context.console)
        try AuditWalk.walk(path: path) { entry in
            let corrects: Int64? = if case .entryCorrected(let correction) = entry.record.event { correction.targetSeq } else { nil }
            guard EntityNames.touches(entry.record, id: id, documentNumber: documentNumber) || corrects.map(touchingSeqs.contains) == true else { return }
            touchingSeqs.insert(entry.record.seq)
            if json {
                output.write(String(decoding: CanonicalJSON.encode(entry.json), as: UTF8.self) + "\n")
            } else {
                output.write((output.isEmpty ? "" : "\n") + entry.text(language) { register?.name(of: $0) })
            }
        }
        if output.isEmpty { output.write(language.choose("no events touch \(id)", "没有涉及 \(id) 的事件") + "\n") }
        output.flush()
        return .success
    }
}
